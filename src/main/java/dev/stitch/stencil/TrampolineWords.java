package dev.stitch.stencil;

/**
 * The fixed words of a literal trampoline, {@code ldr x16, #8; br x16; .quad target}, and the
 * padding word, shared by the stencils that carry trampolines, the trace compiler that writes
 * per-trace ones and the listing that recognises them.
 */
public final class TrampolineWords {
    /** {@code ldr x16, #8}: Load register (literal), Arm ARM C6.2.167. */
    public static final int LDR_X16_LITERAL_8 = 0b01_011_0_00_0000000000000000010_10000;
    /** {@code br x16}: Branch to register, C6.2.37. */
    public static final int BR_X16 = 0b1101011_0_0_00_11111_0000_0_0_10000_00000;
    /** {@code nop}, C6.2.238: what alignment padding in code is. */
    public static final int NOP = 0b1101010100_0_00_011_0010_0000_000_11111;
    /** A whole trampoline: two instructions and the 8-byte literal. */
    public static final int TRAMPOLINE_BYTES = 16;

    private TrampolineWords() {}
}
