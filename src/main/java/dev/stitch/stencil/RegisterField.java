package dev.stitch.stencil;

/**
 * A register hole reduced to bit arithmetic once, when its stencil is made, so that compiling
 * fills it without dispatching on its kind: in the 8 little-endian bytes from the hole's
 * {@code offset}, {@code clear} are the field's bits, and a register {@code r} puts its low
 * {@code lowBits} bits at {@code lowShift} and the rest at {@code highShift} (AArch64's 5-bit
 * fields have no rest; x86-64 puts the fourth bit in the REX prefix). Registers above
 * {@code limit}, or in the {@code forbidden} set, are left to the kind's own patch, which
 * refuses them with its message.
 *
 * @param kind    the hole's kind, whose patch takes what {@link #takes} does not
 * @param operand which of the piece's registers the field takes: 0 for D, 1 for A, 2 for B, 3 for C
 */
public record RegisterField(HoleKind kind, int offset, int operand, long clear, int lowBits, int lowShift,
                            int highShift, int limit, int forbidden) {
    /** The bytes the field is filled in, from {@code offset}. */
    public static final int WINDOW = 8;

    /** The operand number of a register hole's value; -1 for a value that is not a register. */
    static int operand(HoleValue value) {
        return switch (value) {
            case REGISTER_D -> 0;
            case REGISTER_A -> 1;
            case REGISTER_B -> 2;
            case REGISTER_C -> 3;
            default -> -1;
        };
    }

    /** True if {@code register} can be filled in here without the kind's checks. */
    public boolean takes(int register) {
        return register >= 0 && register <= limit && (forbidden >>> register & 1) == 0;
    }

    /** {@code window} (the 8 bytes from {@code offset}) with the field set to {@code register}, which {@link #takes} accepts. */
    public long fill(long window, int register) {
        return window & ~clear | (long) (register & ((1 << lowBits) - 1)) << lowShift | (long) (register >>> lowBits) << highShift;
    }
}
