package dev.stitch.stencil;

/**
 * An operand of a stencil builder ({@link A64StencilBuilder}, {@link X64StencilBuilder}) that is not
 * known until a trace is compiled: a hole's value, symbol and addend. Created with the static
 * factories, e.g. {@code b(continuation())}, {@code jmp(continuation())}.
 */
public record HoleRef(HoleValue value, int symbol, long addend) {
    public HoleRef {
        if ((value == HoleValue.SYMBOL) != (symbol >= 0)) {
            throw new IllegalArgumentException("only SYMBOL references name a symbol ordinal; got " + value + " with " + symbol);
        }
        if (symbol >= 64) {
            throw new IllegalArgumentException("symbol ordinal must be 0..63, got " + symbol);
        }
    }

    public static HoleRef continuation() {
        return new HoleRef(HoleValue.CONTINUATION, -1, 0);
    }

    public static HoleRef target() {
        return new HoleRef(HoleValue.TARGET, -1, 0);
    }

    public static HoleRef exit() {
        return new HoleRef(HoleValue.EXIT, -1, 0);
    }

    public static HoleRef yield() {
        return new HoleRef(HoleValue.YIELD, -1, 0);
    }

    public static HoleRef epilogue() {
        return new HoleRef(HoleValue.EPILOGUE, -1, 0);
    }

    public static HoleRef oparg() {
        return new HoleRef(HoleValue.OPARG, -1, 0);
    }

    public static HoleRef slot() {
        return new HoleRef(HoleValue.OPARG_SLOT, -1, 0);
    }

    public static HoleRef operand() {
        return new HoleRef(HoleValue.OPERAND, -1, 0);
    }

    public static HoleRef operandNot() {
        return new HoleRef(HoleValue.OPERAND_NOT, -1, 0);
    }

    /** The register of the piece's result. */
    public static HoleRef registerD() {
        return new HoleRef(HoleValue.REGISTER_D, -1, 0);
    }

    /** The register of the piece's first operand. */
    public static HoleRef registerA() {
        return new HoleRef(HoleValue.REGISTER_A, -1, 0);
    }

    /** The register of the piece's second operand. */
    public static HoleRef registerB() {
        return new HoleRef(HoleValue.REGISTER_B, -1, 0);
    }

    /** The register of the piece's third operand. */
    public static HoleRef registerC() {
        return new HoleRef(HoleValue.REGISTER_C, -1, 0);
    }

    /** The stencil's data, {@code addend} bytes in. */
    public static HoleRef data(long addend) {
        return new HoleRef(HoleValue.DATA, -1, addend);
    }

    /** The symbol with ordinal {@code ordinal} in the trace's symbol table. */
    public static HoleRef symbol(int ordinal) {
        return new HoleRef(HoleValue.SYMBOL, ordinal, 0);
    }
}
