package dev.stitch.jit;

/**
 * Thrown by {@link CompiledTrace#invoke} when the thread running the trace was interrupted. The
 * trace stopped at a back-edge, with its frame as at the uop it was jumping to; invoking the
 * same trace on the same frame again goes on from there.
 */
public final class TraceInterruptedException extends RuntimeException {
    public TraceInterruptedException(String message) {
        super(message);
    }
}
