package dev.stitch.a64;

/**
 * An instruction cannot be encoded as asked: an immediate or offset out of range or misaligned,
 * a register of the wrong kind, a label that was never bound or is out of reach. The message
 * names the instruction, the operand, the value and what is allowed.
 */
public final class A64EncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    public A64EncodingException(String message) {
        this(message, -1);
    }

    /** An error about the instruction at byte {@code offset} of the code. */
    public A64EncodingException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    /** The byte offset of the instruction at fault, when known; -1 otherwise. */
    public long offset() {
        return offset;
    }
}
