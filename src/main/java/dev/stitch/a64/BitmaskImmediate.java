package dev.stitch.a64;

/**
 * The bitmask immediates of the logical-immediate instructions ({@code and}, {@code orr},
 * {@code eor}, {@code ands} and the {@code mov}/{@code tst} aliases): Arm ARM C4.1 "Logical
 * (immediate)" and the pseudocode function {@code DecodeBitMasks}.
 *
 * <p>A bitmask immediate is a 32- or 64-bit value made of copies of one element of 2, 4, 8, 16, 32
 * or 64 bits, where the element is a single run of ones rotated right by some amount. It is held
 * in 13 bits, {@code N:immr:imms}: {@code N} and the high bits of {@code imms} give the element
 * size, the low bits of {@code imms} the number of ones minus one, {@code immr} the rotation.
 * Zero and all-ones have no encoding.
 */
final class BitmaskImmediate {
    private BitmaskImmediate() {}

    /**
     * The value {@code N:immr:imms} (13 bits) for {@code value}, or -1 if it has no encoding (then
     * {@link #reasonNotEncodable} says why). Constant time: on the assembler's hot path.
     */
    static int encode(long value, boolean is64) {
        if (!is64 && (value < Integer.MIN_VALUE || value > 0xffff_ffffL)) {
            return -1;
        }
        long v = replicate(value, is64);
        if (v == 0 || v == -1) {
            return -1;
        }
        int size = elementSize(v);
        long element = v & mask(size);
        int ones = Long.bitCount(element);
        // Where the run of ones starts: past the trailing zeros, or, if it wraps around bit 0,
        // past the run of zeros.
        int start;
        if ((element & 1) == 0) {
            start = Long.numberOfTrailingZeros(element);
        } else {
            long zeros = ~element & mask(size);
            start = (Long.numberOfTrailingZeros(zeros) + Long.bitCount(zeros)) % size;
        }
        if (rotateRight(element, start, size) != mask(ones)) {
            return -1;
        }
        int immr = (size - start) % size;
        int imms = ((-size << 1) & 0x3f) | (ones - 1);
        int n = size == 64 ? 1 : 0;
        return n << 12 | immr << 6 | imms;
    }

    private static long rotateRight(long element, int by, int size) {
        if (size == 64) {
            return Long.rotateRight(element, by);
        }
        return by == 0 ? element : ((element >>> by) | (element << (size - by))) & mask(size);
    }

    /**
     * Why {@code value} has no bitmask encoding in a register of the given width, or null if it has
     * one. For 32-bit registers only the low 32 bits count, and the value must fit in 32 bits
     * (as an unsigned or as a negative signed number).
     */
    static String reasonNotEncodable(long value, boolean is64) {
        if (!is64 && (value < Integer.MIN_VALUE || value > 0xffff_ffffL)) {
            return "it does not fit in 32 bits";
        }
        long v = replicate(value, is64);
        if (v == 0) {
            return "0 has no bitmask encoding (no set bits)";
        }
        if (v == -1) {
            return "all-ones has no bitmask encoding (no clear bits)";
        }
        int size = elementSize(v);
        long element = v & mask(size);
        if (encode(value, is64) < 0) {
            return "it is not a repetition of one 2, 4, 8, 16, 32 or 64-bit element holding a single"
                    + " (rotated) run of ones; its smallest repeating element is the " + size + "-bit 0x"
                    + Long.toHexString(element);
        }
        return null;
    }

    /** True if {@code n:immr:imms} is a valid bitmask encoding for the width. */
    static boolean isValid(int n, int immr, int imms, boolean is64) {
        if (!is64 && n != 0) {
            return false;
        }
        int combined = (n << 6) | (~imms & 0x3f);
        if (combined == 0) {
            return false;
        }
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return false;
        }
        int levels = (1 << len) - 1;
        return (imms & levels) != levels;
    }

    /**
     * The value of a valid encoding (see {@link #isValid}), as {@code DecodeBitMasks} gives it:
     * for 32-bit registers the low 32 bits, zero-extended.
     */
    static long decode(int n, int immr, int imms, boolean is64) {
        if (!isValid(n, immr, imms, is64)) {
            throw new IllegalArgumentException("not a bitmask immediate encoding: N=" + n + " immr=" + immr
                    + " imms=" + imms);
        }
        int len = 31 - Integer.numberOfLeadingZeros((n << 6) | (~imms & 0x3f));
        int size = 1 << len;
        int levels = size - 1;
        int ones = (imms & levels) + 1;
        int rotate = immr & levels;
        long run = mask(ones);
        long element = size == 64 ? Long.rotateRight(run, rotate)
                : ((run >>> rotate) | (run << (size - rotate))) & mask(size);
        long v = element;
        for (int s = size; s < 64; s *= 2) {
            v |= v << s;
        }
        return is64 ? v : v & 0xffff_ffffL;
    }

    private static long replicate(long value, boolean is64) {
        if (is64) {
            return value;
        }
        long low = value & 0xffff_ffffL;
        return low | (low << 32);
    }

    /** The smallest element size (2..64) whose copies make up {@code v}. */
    private static int elementSize(long v) {
        int size = 64;
        while (size > 2) {
            int half = size / 2;
            long m = mask(half);
            if ((v & m) != ((v >>> half) & m)) {
                break;
            }
            size = half;
        }
        return size;
    }

    private static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
