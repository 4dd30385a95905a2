package dev.stitch.a64;

/** An AArch64 register operand: a general-purpose register or an FP/SIMD register. */
public sealed interface Register permits GpRegister, FpRegister {
    /** The register number in the instruction encoding, 0..31. */
    int code();

    /** The name LLVM prints, such as {@code x0}, {@code wzr}, {@code sp}, {@code d7}, {@code q31}. */
    String name();
}
