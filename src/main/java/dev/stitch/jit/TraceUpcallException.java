package dev.stitch.jit;

/**
 * A Java method called from a trace threw. The trace stopped right after that call (its
 * arguments popped, nothing pushed); the frame holds the state at that point; the cause is what
 * the method threw.
 */
public final class TraceUpcallException extends RuntimeException {
    public TraceUpcallException(String message, Throwable cause) {
        super(message, cause);
    }
}
