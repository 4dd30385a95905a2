package dev.stitch.a64;

/**
 * Encoders for branches, exception generation and system instructions (Arm ARM C4.1.65:
 * "Branches, Exception Generating and System instructions").
 */
final class ControlEncoders {
    private ControlEncoders() {}

    /** {@code nop}: Hints, op2 = 000, CRm = 0000. */
    static final int NOP = 0b1101010100_0_00_011_0010_0000_000_11111;

    /** {@code b} with a zero offset: Unconditional branch (immediate), op = 0. */
    static final int B = 0b0_00101_00000000000000000000000000;

    /** {@code bl} with a zero offset: Unconditional branch (immediate), op = 1. */
    static final int BL = 0b1_00101_00000000000000000000000000;
}
