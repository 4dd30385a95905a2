package dev.stitch.a64;

import java.util.Locale;

/**
 * The 8-bit floating-point immediate of {@code fmov (scalar, immediate)} (Arm ARM C2.2.3,
 * "Modified immediate constants", the {@code VFPExpandImm} pseudocode): {@code imm8 = a:b:cd:efgh}
 * stands for {@code (-1)^a × (16 + efgh)/16 × 2^e} with {@code e = cd + 1} when {@code b = 0}
 * (1..4) and {@code e = cd - 3} when {@code b = 1} (-3..0). The magnitudes are therefore
 * 0.125 .. 31.0, in steps of 1/16 of a power of two; zero, infinities and NaNs are not
 * representable (zero is moved from {@code xzr}/{@code wzr} instead).
 */
public final class FpImmediate {
    private FpImmediate() {}

    /** The smallest representable magnitude, {@code 16/16 × 2^-3}. */
    public static final double MIN_MAGNITUDE = 0.125;

    /** The largest representable magnitude, {@code 31/16 × 2^4}. */
    public static final double MAX_MAGNITUDE = 31.0;

    /** The value {@code imm8} (0..255) stands for. */
    public static double decode(int imm8) {
        if (imm8 < 0 || imm8 > 255) {
            throw new IllegalArgumentException("8-bit FP immediate must be 0..255, got " + imm8);
        }
        int sign = imm8 >>> 7;
        int b = (imm8 >>> 6) & 1;
        int cd = (imm8 >>> 4) & 0b11;
        int efgh = imm8 & 0b1111;
        int exponent = b == 0 ? cd + 1 : cd - 3;
        double magnitude = Math.scalb((16 + efgh) / 16.0, exponent);
        return sign == 1 ? -magnitude : magnitude;
    }

    /** The 8-bit encoding of {@code value}, or -1 if it is not representable. */
    public static int encodeOrMinusOne(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return -1;
        }
        double magnitude = Math.abs(value);
        int exponent = Math.getExponent(magnitude);
        if (exponent < -3 || exponent > 4) {
            return -1;
        }
        double sixteenths = Math.scalb(magnitude, -exponent) * 16 - 16;
        if (sixteenths != Math.rint(sixteenths)) {
            return -1;
        }
        int b = exponent >= 1 ? 0 : 1;
        int cd = b == 0 ? exponent - 1 : exponent + 3;
        int sign = value < 0 ? 1 : 0;
        return sign << 7 | b << 6 | cd << 4 | (int) sixteenths;
    }

    /** True if {@code value} has an 8-bit encoding. */
    public static boolean isEncodable(double value) {
        return encodeOrMinusOne(value) >= 0;
    }

    /**
     * The 8-bit encoding of {@code value}.
     *
     * @throws A64EncodingException naming {@code insn}, the value and what is representable
     */
    static int encode(String insn, double value) {
        int imm8 = encodeOrMinusOne(value);
        if (imm8 < 0) {
            throw new A64EncodingException(insn + ": immediate " + value
                    + " is not representable as an 8-bit floating-point immediate; allowed ±(16..31)/16 × 2^(-3..4),"
                    + " that is ±0.125..±31.0 in steps of 1/16 of a power of two (such as 0.5, 1.5, 3.25, -31.0),"
                    + " or 0.0 (moved from the zero register)");
        }
        return imm8;
    }

    /** The text LLVM prints for the immediate {@code imm8}: {@code #1.50000000}. */
    static String text(int imm8) {
        return String.format(Locale.ROOT, "#%.8f", decode(imm8));
    }
}
