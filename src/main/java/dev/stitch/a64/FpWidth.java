package dev.stitch.a64;

/** The width in which an FP/SIMD register is used: {@code b}, {@code h}, {@code s}, {@code d} or {@code q}. */
public enum FpWidth {
    B(8), H(16), S(32), D(64), Q(128);

    private final int bits;

    FpWidth(int bits) {
        this.bits = bits;
    }

    /** Width in bits. */
    public int bits() {
        return bits;
    }

    /** Width in bytes. */
    public int bytes() {
        return bits / 8;
    }

    /** log2 of the width in bytes: 0 for {@code b} .. 4 for {@code q}. */
    public int log2Bytes() {
        return Integer.numberOfTrailingZeros(bits / 8);
    }

    /** The register-name prefix, such as {@code d}. */
    public String prefix() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
