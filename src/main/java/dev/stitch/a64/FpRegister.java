package dev.stitch.a64;

/**
 * An FP/SIMD register {@code v0..v31} used as a scalar of one width: {@code b0}, {@code h0},
 * {@code s0}, {@code d0} or {@code q0}.
 *
 * @param code  0..31
 * @param width the scalar width
 */
public record FpRegister(int code, FpWidth width) implements Register {
    public FpRegister {
        if (code < 0 || code > 31) {
            throw new IllegalArgumentException("FP/SIMD register number must be 0..31, got " + code);
        }
        java.util.Objects.requireNonNull(width, "width");
    }

    @Override
    public String name() {
        return width.prefix() + code;
    }

    @Override
    public String toString() {
        return name();
    }
}
