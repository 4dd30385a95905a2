package dev.stitch.tiny;

/**
 * A runtime error of a tiny program, thrown by the parts of the run time ({@link ArrayHeap},
 * the interpreter) and turned by the interpreter into a {@link RuntimeError} with the source line
 * of the instruction that failed. The message is the part after {@code runtime error: }.
 *
 * <p>It carries no stack trace: it is an outcome of the program, not a bug of the JVM code.
 */
public final class TinyRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The message of a run stopped because its thread was interrupted: the interpreter checks at
     * every backward jump, a compiled trace at its back-edges.
     */
    public static final String INTERRUPTED = "interrupted: the thread running the program was interrupted";

    public TinyRuntimeException(String message) {
        super(message, null, false, false);
    }
}
