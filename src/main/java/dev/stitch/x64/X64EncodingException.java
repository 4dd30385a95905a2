package dev.stitch.x64;

/**
 * An x86-64 instruction cannot be encoded as asked: a register of the wrong width, an immediate or
 * displacement out of range, an impossible addressing mode, a label never bound or out of reach.
 * The message names the instruction, the operand, the value and what is allowed.
 */
public final class X64EncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public X64EncodingException(String message) {
        super(message);
    }
}
