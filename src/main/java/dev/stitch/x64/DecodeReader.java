package dev.stitch.x64;

/**
 * The bytes of one instruction being decoded, read front to back, and the prefixes in front of its
 * opcode (Intel SDM Vol. 2, 2.1.1 and 2.2.1). Reading past the end of the code or past the 15-byte
 * limit of an instruction (SDM 2.3.11) throws {@link Truncated}, which the disassembler turns into
 * a {@code .byte}.
 *
 * <p>The operand-size ({@code 66}) and CS segment ({@code 2E}) prefixes are accepted only where
 * an instruction gives them a meaning: a decoder that uses one says so ({@link #operandBits()},
 * {@link #segmentText()}, {@link #useOperandSizePrefix()}), and a prefix nobody used makes the
 * instruction undecodable, so Stitch never prints a text that hides bytes LLVM would show.
 */
final class DecodeReader {
    /** The longest x86-64 instruction (SDM 2.3.11). */
    static final int MAX_LENGTH = 15;

    /** Reading ran past the code or the 15-byte limit. One shared instance: it carries no state. */
    static final class Truncated extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Truncated INSTANCE = new Truncated();

        private Truncated() {
            super("instruction runs past the end of the code", null, false, false);
        }
    }

    private final byte[] code;
    private final int start;
    private final int limit;
    private int cursor;

    private boolean operandSizePrefix;
    private boolean operandSizeUsed;
    private boolean csPrefix;
    private boolean csUsed;
    private int rex = -1;

    private boolean hasRelative;
    private long relative;

    DecodeReader(byte[] code, int start) {
        this.code = code;
        this.start = start;
        this.limit = (int) Math.min(code.length, (long) start + MAX_LENGTH);
        this.cursor = start;
    }

    /** Bytes read so far. */
    int length() {
        return cursor - start;
    }

    /** The next byte, 0..255. */
    int u8() {
        if (cursor >= limit) {
            throw Truncated.INSTANCE;
        }
        return code[cursor++] & 0xff;
    }

    /** The next byte as a signed value. */
    int s8() {
        return (byte) u8();
    }

    /** The next two bytes, little-endian, 0..65535. */
    int u16() {
        return u8() | u8() << 8;
    }

    /** The next four bytes, little-endian, signed. */
    int s32() {
        return u16() | u16() << 16;
    }

    /** The next eight bytes, little-endian. */
    long s64() {
        return (s32() & 0xffff_ffffL) | (long) s32() << 32;
    }

    /**
     * Reads the legacy prefixes Stitch decodes ({@code 66}, {@code 2E}, in any order and number)
     * and a REX prefix after them, and returns the opcode byte that follows.
     */
    int readPrefixesAndOpcode() {
        int b = u8();
        while (b == 0x66 || b == 0x2e) {
            if (b == 0x66) {
                operandSizePrefix = true;
            } else {
                csPrefix = true;
            }
            b = u8();
        }
        if ((b & 0xf0) == 0x40) {
            rex = b;
            b = u8();
        }
        return b;
    }

    /** True when every prefix that was present was given a meaning by the decoder. */
    boolean prefixesUsed() {
        return (!operandSizePrefix || operandSizeUsed) && (!csPrefix || csUsed);
    }

    boolean hasRex() {
        return rex >= 0;
    }

    boolean rexW() {
        return rex >= 0 && (rex & 8) != 0;
    }

    /** REX.R as 8 (to add to ModRM.reg), else 0. */
    int rexR() {
        return rex >= 0 ? (rex & 4) << 1 : 0;
    }

    /** REX.X as 8 (to add to SIB.index), else 0. */
    int rexX() {
        return rex >= 0 ? (rex & 2) << 2 : 0;
    }

    /** REX.B as 8 (to add to ModRM.rm, SIB.base or the opcode's register), else 0. */
    int rexB() {
        return rex >= 0 ? (rex & 1) << 3 : 0;
    }

    /**
     * The operand size of an instruction whose default is 32 bits: 64 with REX.W, else 16 with the
     * {@code 66} prefix, else 32 (SDM 2.2.1.2, table 2-4). The {@code 66} prefix counts as used.
     */
    int operandBits() {
        operandSizeUsed = true;
        return rexW() ? 64 : operandSizePrefix ? 16 : 32;
    }

    /**
     * The operand size of an instruction whose default is 64 bits ({@code push}, {@code pop}):
     * 16 with the {@code 66} prefix and no REX.W, else 64.
     */
    int stackOperandBits() {
        operandSizeUsed = true;
        return operandSizePrefix && !rexW() ? 16 : 64;
    }

    /**
     * Whether a {@code 66} prefix is present; it counts as used. For instructions whose text does
     * not show the operand size ({@code push imm8}).
     */
    boolean useOperandSizePrefix() {
        operandSizeUsed = true;
        return operandSizePrefix;
    }

    /**
     * Records an operand relative to the end of the instruction: a branch displacement or the
     * displacement of {@code [rip + disp]}. An instruction has at most one.
     */
    void relativeOperand(long displacement) {
        hasRelative = true;
        relative = displacement;
    }

    boolean hasRelative() {
        return hasRelative;
    }

    /** The displacement given to {@link #relativeOperand(long)}. */
    long relative() {
        return relative;
    }

    /** {@code cs:} when a CS segment prefix is present (it counts as used), else empty. */
    String segmentText() {
        csUsed = true;
        return csPrefix ? "cs:" : "";
    }
}
