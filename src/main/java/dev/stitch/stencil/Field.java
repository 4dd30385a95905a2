package dev.stitch.stencil;

/**
 * A hole whose value is known before the trace is laid out (a register, the operand, a slot) and
 * whose patch does not depend on where it lands, reduced to bit arithmetic once, when its stencil
 * is made, so that compiling fills it without dispatching on its value or kind. In the 8
 * little-endian bytes from the hole's {@code offset}, {@code clear} are the field's bits; a value
 * {@code v} puts {@code (v >>> lowShift) & lowMask} at bit {@code lowPosition} and
 * {@code (v >>> highShift) & highMask} at {@code highPosition} (x86-64 puts a register's fourth
 * bit in the REX prefix; elsewhere the high part is empty). A value outside {@code lo..hi}, not a
 * multiple of {@code alignMask + 1}, or in the {@code forbidden} set of small values is left to
 * the kind's own patch, which refuses it with its message.
 *
 * @param kind   the hole's kind, whose patch takes what {@link #takes} does not
 * @param source which of the piece's values the field takes ({@link #source(HoleValue)})
 * @param addend added to the value first
 */
public record Field(HoleKind kind, int offset, int source, long addend, long lo, long hi, long alignMask,
                    int forbidden, long clear, int lowShift, long lowMask, int lowPosition, int highShift,
                    long highMask, int highPosition) {
    /** The bytes a field is filled in, from its offset. */
    public static final int WINDOW = 8;
    /** The piece values a field can take, in the order of {@link #source}: D, A, B, C, the operand, operand × 8, ~operand. */
    public static final int SOURCES = 7;

    /** The source number of a hole value known before layout (D, A, B, C, OPERAND or OPARG, OPARG_SLOT, OPERAND_NOT), or -1. */
    public static int source(HoleValue value) {
        return switch (value) {
            case REGISTER_D -> 0;
            case REGISTER_A -> 1;
            case REGISTER_B -> 2;
            case REGISTER_C -> 3;
            case OPERAND, OPARG -> 4;
            case OPARG_SLOT -> 5;
            case OPERAND_NOT -> 6;
            default -> -1;
        };
    }

    /** A field of {@code bits} bits at {@code position}, holding the value shifted right by {@code shift}, of any value. */
    static Field bits(HoleKind kind, int offset, int source, long addend, int shift, int bits, int position) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        return new Field(kind, offset, source, addend, Long.MIN_VALUE, Long.MAX_VALUE, 0, 0, mask << position, shift,
                mask, position, 0, 0, 0);
    }

    /** This field, taking only values from {@code lo} to {@code hi}. */
    Field within(long lo, long hi) {
        return new Field(kind, offset, source, addend, lo, hi, alignMask, forbidden, clear, lowShift, lowMask, lowPosition,
                highShift, highMask, highPosition);
    }

    /** This field, taking only multiples of {@code 1 << log2}. */
    Field aligned(int log2) {
        return new Field(kind, offset, source, addend, lo, hi, (1L << log2) - 1, forbidden, clear, lowShift, lowMask,
                lowPosition, highShift, highMask, highPosition);
    }

    /**
     * The same field counted from the 8-aligned bytes it lies in (its offset rounded down to a
     * multiple of 8, its bits moved up), or null when it reaches into the next 8.
     */
    Field inChunk() {
        int shift = 8 * (offset & 7);
        if (clear << shift >>> shift != clear) {
            return null;
        }
        // A high part with no mask writes nothing, wherever it is moved.
        int high = highMask == 0 ? highPosition : highPosition + shift;
        return new Field(kind, offset & -8, source, addend, lo, hi, alignMask, forbidden, clear << shift, lowShift,
                lowMask, lowPosition + shift, highShift, highMask, high);
    }

    /** True if {@code value} can be filled in here without the kind's checks. */
    public boolean takes(long value) {
        return Long.compareUnsigned(value - lo, hi - lo) <= 0 && (value & alignMask) == 0
                && (forbidden >>> (int) value & 1) == 0;
    }

    /** {@code window} (the 8 bytes from the offset) with the field set to {@code value}, which {@link #takes} accepts. */
    public long fill(long window, long value) {
        return window & ~clear | ((value >>> lowShift) & lowMask) << lowPosition
                | ((value >>> highShift) & highMask) << highPosition;
    }
}
