package dev.stitch.stencil;

/**
 * The multiplier and shift that turn a signed 64-bit division by a constant into a multiply-high
 * and shifts (Hacker's Delight, 2nd ed., section 10-5, "Signed Division by Divisors ≥ 2", carried
 * to 64 bits): {@code q = mulhs(multiplier, n)}, plus {@code n} when the divisor is positive and
 * the multiplier negative, minus {@code n} when the divisor is negative and the multiplier
 * positive, then shifted right arithmetically by {@code shift}, plus 1 if negative. Exact for
 * every {@code n}, as Java's truncating {@code /}.
 */
public record DivisionMagic(long multiplier, int shift) {
    private static final long TWO_63 = Long.MIN_VALUE;

    /** The magic for {@code divisor}, which must not be -1, 0 or 1, nor a power of two or its negation. */
    public static DivisionMagic of(long divisor) {
        if (divisor == 0 || divisor == 1 || divisor == -1) {
            throw new IllegalArgumentException("no magic number for a divisor of " + divisor);
        }
        long ad = divisor == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(divisor);
        long t = TWO_63 + (divisor >>> 63);
        long anc = t - 1 - Long.remainderUnsigned(t, ad);
        int p = 63;
        long q1 = Long.divideUnsigned(TWO_63, anc);
        long r1 = TWO_63 - q1 * anc;
        long q2 = Long.divideUnsigned(TWO_63, ad);
        long r2 = TWO_63 - q2 * ad;
        long delta;
        do {
            p++;
            q1 <<= 1;
            r1 <<= 1;
            if (Long.compareUnsigned(r1, anc) >= 0) {
                q1++;
                r1 -= anc;
            }
            q2 <<= 1;
            r2 <<= 1;
            if (Long.compareUnsigned(r2, ad) >= 0) {
                q2++;
                r2 -= ad;
            }
            delta = ad - r2;
        } while (Long.compareUnsigned(q1, delta) < 0 || (q1 == delta && r1 == 0));
        long m = q2 + 1;
        return new DivisionMagic(divisor < 0 ? -m : m, p - 64);
    }

    /** True if {@code divisor} is 2^k or -2^k for k in 1..62: divided by shifts alone. */
    public static boolean isPowerOfTwo(long divisor) {
        long a = Math.abs(divisor);
        return divisor != Long.MIN_VALUE && a > 1 && Long.bitCount(a) == 1;
    }

    /** {@code n / divisor} computed as the generated code does: for tests of the magic. */
    public long divide(long n, long divisor) {
        long q = Math.multiplyHigh(multiplier, n);
        if (divisor > 0 && multiplier < 0) {
            q += n;
        } else if (divisor < 0 && multiplier > 0) {
            q -= n;
        }
        q >>= shift;
        return q + (q >>> 63);
    }
}
