package dev.stitch.jit;

/** A trace that cannot be compiled: unknown uop, argument out of range, unbalanced stack, bad jump, missing symbol. */
public final class TraceException extends IllegalArgumentException {
    private final int uopIndex;

    public TraceException(String message) {
        this(message, -1);
    }

    /** An error about uop number {@code uopIndex} of the trace. */
    public TraceException(String message, int uopIndex) {
        super(message);
        this.uopIndex = uopIndex;
    }

    /** The index of the uop the error is about, or -1. */
    public int uopIndex() {
        return uopIndex;
    }
}
