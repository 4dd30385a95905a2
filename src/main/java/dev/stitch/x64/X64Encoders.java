package dev.stitch.x64;

/**
 * Pure encoders of the bytes around an x86-64 opcode (Intel SDM Vol. 2, chapter 2 "Instruction
 * Format"): the REX prefix (2.2.1), the ModR/M and SIB bytes (2.1.5, tables 2-2 and 2-3), and the
 * multi-byte NOPs LLVM pads code with. Each takes the fields by name and returns the byte; none
 * checks anything: {@link X64Assembler} validates operands first.
 */
final class X64Encoders {
    private X64Encoders() {}

    /** The operand-size prefix: 16-bit operands in 64-bit mode (SDM 2.1.1, group 3). */
    static final int OPERAND_SIZE_PREFIX = 0x66;

    /** Mod field: register operand (SDM table 2-2, mod = 11). */
    static final int MOD_REGISTER = 0b11;
    /** Mod field: no displacement, or the special forms rm=101 (RIP) and SIB base=101 (disp32 only). */
    static final int MOD_INDIRECT = 0b00;
    /** Mod field: 8-bit signed displacement. */
    static final int MOD_DISP8 = 0b01;
    /** Mod field: 32-bit signed displacement. */
    static final int MOD_DISP32 = 0b10;

    /** rm = 100: a SIB byte follows. */
    static final int RM_SIB = 0b100;
    /** rm = 101 with mod = 00: {@code [rip + disp32]}. */
    static final int RM_RIP = 0b101;
    /** SIB index = 100: no index register. */
    static final int SIB_NO_INDEX = 0b100;
    /** SIB base = 101 with mod = 00: no base register, disp32 follows. */
    static final int SIB_NO_BASE = 0b101;

    /** REX: 0100 W R X B (SDM 2.2.1.2); W = 64-bit operand size, R/X/B extend ModRM.reg, SIB.index, ModRM.rm or SIB.base. */
    static int rex(int w, int r, int x, int b) {
        return 0b0100_0_0_0_0 | w << 3 | r << 2 | x << 1 | b;
    }

    /** ModR/M: mod(2) reg(3) rm(3). */
    static int modRm(int mod, int reg, int rm) {
        return 0b00_000_000 | mod << 6 | reg << 3 | rm;
    }

    /** SIB: scale(2) index(3) base(3); {@code log2Scale} is 0..3 for scale 1, 2, 4, 8. */
    static int sib(int log2Scale, int index, int base) {
        return 0b00_000_000 | log2Scale << 6 | index << 3 | base;
    }

    /** 0..3 for scale 1, 2, 4, 8. */
    static int log2Scale(int scale) {
        return Integer.numberOfTrailingZeros(scale);
    }

    /**
     * The one-instruction NOPs of 1..10 bytes, as LLVM's x86 backend writes them for padding
     * ({@code 90}, {@code 66 90}, then {@code nop dword ptr [...]} forms of {@code 0F 1F /0} with
     * growing addressing modes, the last two with {@code 66} and {@code 66 2E} prefixes).
     */
    private static final byte[][] NOPS = {
            bytes(0x90),
            bytes(0x66, 0x90),
            bytes(0x0f, 0x1f, 0x00),
            bytes(0x0f, 0x1f, 0x40, 0x00),
            bytes(0x0f, 0x1f, 0x44, 0x00, 0x00),
            bytes(0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00),
            bytes(0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00),
            bytes(0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00),
            bytes(0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00),
            bytes(0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00),
    };

    /** The longest single NOP LLVM pads with for a generic x86-64 CPU. */
    static final int MAX_NOP = NOPS.length;

    /** The NOP instruction of {@code length} bytes, 1..{@link #MAX_NOP}. */
    static byte[] nop(int length) {
        return NOPS[length - 1];
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
