package dev.stitch.stencil;

/**
 * The encodings of the literal trampolines of both architectures, shared by the stencils that
 * carry them and by the backends ({@link Backend#writeTrampoline}, {@link Backend#isTrampoline}). Both are 16 bytes with
 * the target in an 8-byte aligned literal at offset 8, so retargeting one is a single atomic store:
 * <ul>
 * <li>AArch64: {@code ldr x16, #8; br x16; .quad target}, entered at offset 0 (x16 is the register
 *     AAPCS64 reserves for veneers);</li>
 * <li>x86-64: two {@code int3} bytes that are never run, {@code jmp qword ptr [rip]} (the 6-byte
 *     {@code FF /4} with a zero displacement), {@code .quad target}, entered at offset 2.</li>
 * </ul>
 */
public final class Trampolines {
    /** {@code ldr x16, #8}: Load register (literal), Arm ARM C6.2.167. */
    public static final int LDR_X16_LITERAL_8 = 0b01_011_0_00_0000000000000000010_10000;
    /** {@code br x16}: Branch to register, C6.2.37. */
    public static final int BR_X16 = 0b1101011_0_0_00_11111_0000_0_0_10000_00000;
    /** {@code nop}, C6.2.238: what alignment padding in AArch64 code is. */
    public static final int NOP = 0b1101010100_0_00_011_0010_0000_000_11111;
    /** A whole trampoline, on either architecture: code and the 8-byte literal. */
    public static final int TRAMPOLINE_BYTES = 16;
    /** Where the literal is in a trampoline. */
    public static final int LITERAL_OFFSET = 8;
    /** x86-64 {@code jmp qword ptr [rip + 0]}: JMP FF /4, ModRM mod 00 r/m 101 (RIP-relative), disp32 0. */
    public static final byte[] X64_JMP_RIP = {(byte) 0xFF, 0x25, 0, 0, 0, 0};
    /** x86-64 {@code int3}: filler that traps if it is ever run. */
    public static final byte X64_INT3 = (byte) 0xCC;
    /** x86-64 one-byte {@code nop}: alignment padding that falls through. */
    public static final byte X64_NOP = (byte) 0x90;

    private Trampolines() {}
}
