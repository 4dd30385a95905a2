package dev.stitch.stencil;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.LabelUse;

/**
 * The relocation kinds a stencil hole can have, AArch64's then x86-64's, each with the patch
 * function that fills it. Instruction kinds check first that the bytes they patch are the
 * instruction they expect (a stencil whose hole points at the wrong word is a bug worth a clear
 * message, not silent corruption), then that the value fits the field. Names and semantics follow the ELF for the Arm
 * 64-bit Architecture relocations ({@code R_AARCH64_JUMP26}, {@code CONDBR19}, {@code TSTBR14},
 * {@code ADR_PREL_LO21}, {@code ADR_PREL_PG_HI21}, {@code ADD_ABS_LO12_NC},
 * {@code LDST*_ABS_LO12_NC}, {@code MOVW_UABS_G0..G3} and their {@code _NC} forms,
 * {@code ABS64}, {@code ABS32}) and the System V x86-64 ABI's ({@code R_X86_64_PC32} for
 * {@link #REL32} and {@link #RIP32}, {@code R_X86_64_32S} for {@link #ABS32S},
 * {@code R_X86_64_32} for {@link #ABS32U}).
 *
 * <p>For the PC-relative kinds the value is the target address and {@code place} the address of
 * the instruction; the others ignore {@code place}.
 */
public enum HoleKind {
    /** {@code b}/{@code bl}: imm26, ±128 MiB (Arm ARM C6.2.26, C6.2.35). */
    BRANCH26(4, 0x7C00_0000, 0x1400_0000, "b or bl"),
    /** {@code b.cond}, {@code cbz}/{@code cbnz}, {@code ldr} (literal): imm19, ±1 MiB. */
    BRANCH19(4, 0, 0, "b.cond, cbz, cbnz or ldr (literal)"),
    /** {@code tbz}/{@code tbnz}: imm14, ±32 KiB. */
    BRANCH14(4, 0x7E00_0000, 0x3600_0000, "tbz or tbnz"),
    /** {@code adr}: a byte offset, ±1 MiB. */
    ADR21(4, 0x9F00_0000, 0x1000_0000, "adr"),
    /** {@code adrp}: the distance between 4 KiB pages, ±4 GiB. */
    ADRP21(4, 0x9F00_0000, 0x9000_0000, "adrp"),
    /**
     * {@code add}, {@code adds}, {@code sub}, {@code subs} (immediate, no shift; {@code cmp} is
     * {@code subs}): the low 12 bits of the value, as with {@code :lo12:}.
     */
    ADD_LO12(4, 0x1FC0_0000, 0x1100_0000, "add, adds, sub or subs (immediate)"),
    /**
     * Load/store (unsigned immediate): the low 12 bits of the value, which must be a multiple of
     * the access size, scaled by it into imm12.
     */
    LDST_LO12(4, 0x3B00_0000, 0x3900_0000, "a load or store with an unsigned offset"),
    /** {@code movz}/{@code movn}/{@code movk} with {@code lsl #0}: bits 0..15, the value must fit in 16 bits. */
    MOVW_G0(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** Like {@link #MOVW_G0} with {@code lsl #16}: bits 16..31, the value must fit in 32 bits. */
    MOVW_G1(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** With {@code lsl #32}: bits 32..47, the value must fit in 48 bits. */
    MOVW_G2(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** With {@code lsl #48}: bits 48..63; every value fits. */
    MOVW_G3(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** Bits 0..15 of any value: the first of a movz/movk sequence that builds a wider one. */
    MOVW_G0_NC(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** Bits 16..31 of any value. */
    MOVW_G1_NC(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** Bits 32..47 of any value. */
    MOVW_G2_NC(4, 0x1F80_0000, 0x1280_0000, "movz, movn or movk"),
    /** An 8-byte little-endian value. */
    ABS64(8, 0, 0, null),
    /** A 4-byte little-endian value from -2^31 to 2^32-1. */
    ABS32(4, 0, 0, null),
    /**
     * x86-64 {@code call}/{@code jmp}/{@code jcc} rel32: the 4-byte field that ends the
     * instruction, {@code target - (place + 4)}, ±2 GiB (Intel SDM Vol. 2, CALL, JMP, Jcc).
     */
    REL32(4, 0, 0, "call, jmp or jcc with a 32-bit displacement"),
    /**
     * x86-64 {@code [rip + disp32]} with no immediate after it: the displacement right after a
     * ModRM byte with mod 00 and r/m 101, {@code target - (place + 4)}, ±2 GiB.
     */
    RIP32(4, 0, 0, "an instruction with a [rip + disp32] operand"),
    /** A 4-byte value sign-extended to 64 bits by the instruction (x86-64 imm32, disp32): -2^31..2^31-1. */
    ABS32S(4, 0, 0, null),
    /** A 4-byte value zero-extended to 64 bits by the instruction (x86-64 {@code mov r32, imm32}): 0..2^32-1. */
    ABS32U(4, 0, 0, null),
    /**
     * AArch64 register field Rd or Rt, bits 0..4, of any instruction: x0..x30 (31, which means sp
     * or xzr depending on the instruction, is never patched in). The register shape's stencils
     * take their operands' registers through these (Arm ARM C1.2.5, register fields).
     */
    REG_RD(4, 0, 0, "an instruction with a register field"),
    /** AArch64 register field Rn, bits 5..9. */
    REG_RN(4, 0, 0, "an instruction with a register field"),
    /** AArch64 register field Ra or Rt2, bits 10..14. */
    REG_RA(4, 0, 0, "an instruction with a register field"),
    /** AArch64 register field Rm, bits 16..20. */
    REG_RM(4, 0, 0, "an instruction with a register field"),
    /**
     * x86-64 register in ModRM.rm (mod 11) and REX.B: the hole is the instruction's REX prefix,
     * which the stencil always has; the ModRM byte follows the opcode (one byte, or two after
     * {@code 0F}). Intel SDM Vol. 2, 2.1.5 and 2.2.1.
     */
    X64_REG_RM(4, 0, 0, "an instruction with a REX prefix and a ModRM byte"),
    /** x86-64 register in ModRM.reg and REX.R; the hole is the REX prefix. */
    X64_REG_REG(4, 0, 0, "an instruction with a REX prefix and a ModRM byte"),
    /** x86-64 index register of a SIB byte and REX.X; the hole is the REX prefix. */
    X64_REG_INDEX(4, 0, 0, "an instruction with a REX prefix, a ModRM byte and a SIB byte"),
    /**
     * x86-64 base register of a SIB byte and REX.B; the hole is the REX prefix. With mod 00 a base
     * of rbp or r13 would mean "no base", so those are refused.
     */
    X64_REG_BASE(4, 0, 0, "an instruction with a REX prefix, a ModRM byte and a SIB byte"),
    /** x86-64 register in the low 3 bits of the opcode ({@code B8+r}) and REX.B; the hole is the REX prefix. */
    X64_REG_OPCODE(4, 0, 0, "an instruction with a REX prefix and a +r opcode");

    private final int size;
    private final int mask;
    private final int pattern;
    private final String expected;

    HoleKind(int size, int mask, int pattern, String expected) {
        this.size = size;
        this.mask = mask;
        this.pattern = pattern;
        this.expected = expected;
    }

    /** The number of bytes the hole covers. */
    public int size() {
        return size;
    }

    /** True for the AArch64 kinds that patch a field of an instruction word. */
    public boolean patchesInstruction() {
        return expected != null && !isX64();
    }

    /** True for the x86-64 kinds. */
    public boolean isX64() {
        return this == REL32 || this == RIP32 || this == ABS32S || this == ABS32U || isX64Register();
    }

    /** True for the kinds that patch a register number into an instruction. */
    public boolean isRegister() {
        return this == REG_RD || this == REG_RN || this == REG_RA || this == REG_RM || isX64Register();
    }

    private boolean isX64Register() {
        return this == X64_REG_RM || this == X64_REG_REG || this == X64_REG_INDEX || this == X64_REG_BASE
                || this == X64_REG_OPCODE;
    }

    /**
     * Fills the hole at {@code out[offset]} for {@code value}: the one entry point the trace
     * compiler uses for every kind. An instruction kind checks the bytes it patches (AArch64: the
     * word; x86-64: the opcode or ModRM byte before the field), then that the value fits.
     *
     * @param place the address of {@code out[offset]} once installed
     * @throws HoleException if the bytes are not the expected instruction or the value does not fit
     */
    public void apply(byte[] out, int offset, long place, long value) {
        switch (this) {
            case ABS64 -> Bytes.putLong(out, offset, value);
            case ABS32, ABS32S, ABS32U -> Bytes.putInt(out, offset, (int) checkData(place, value));
            case REL32, RIP32 -> Bytes.putInt(out, offset, relative32(out, offset, place, value));
            case X64_REG_RM, X64_REG_REG, X64_REG_INDEX, X64_REG_BASE, X64_REG_OPCODE -> x64Register(out, offset, place, value);
            default -> Bytes.putInt(out, offset, patch(Bytes.getInt(out, offset), place, value));
        }
    }

    /**
     * Where the byte an x86-64 register hole at {@code out[offset]} (its REX prefix) patches is:
     * the ModRM byte, or the opcode for {@link #X64_REG_OPCODE}; -1 if there is no REX prefix there.
     */
    public int x64RegisterByte(byte[] out, int offset) {
        if (offset + 2 > out.length || (out[offset] & 0xF0) != 0x40) {
            return -1;
        }
        if (this == X64_REG_OPCODE) {
            return offset + 1;
        }
        int modrm = offset + ((out[offset + 1] & 0xFF) == 0x0F ? 3 : 2);
        int at = this == X64_REG_INDEX || this == X64_REG_BASE ? modrm + 1 : modrm;
        return at < out.length ? at : -1;
    }

    private void x64Register(byte[] out, int offset, long place, long value) {
        int at = x64RegisterByte(out, offset);
        if (at < 0) {
            throw new HoleException(this + " hole at " + hex(place) + " expects " + expected + ", found "
                    + String.format("0x%02x", out[offset] & 0xFF));
        }
        if (value < 0 || value > 15) {
            throw new HoleException(this + " hole at " + hex(place) + ": register " + value
                    + " is not an x86-64 general register; allowed 0..15");
        }
        int low = (int) value & 7;
        int high = (int) value >> 3;
        if (this == X64_REG_BASE && low == 0b101 && (out[at - 1] & 0xC0) == 0) {
            throw new HoleException(this + " hole at " + hex(place) + ": register " + value
                    + " cannot be a SIB base without a displacement; allowed any register but rbp and r13");
        }
        int rex = out[offset] & 0xFF;
        int field = out[at] & 0xFF;
        switch (this) {
            case X64_REG_RM, X64_REG_OPCODE, X64_REG_BASE -> {
                rex = (rex & ~0b0001) | high;
                field = (field & ~0b111) | low;
            }
            case X64_REG_INDEX -> {
                rex = (rex & ~0b0010) | high << 1;
                field = (field & ~0b111_000) | low << 3;
            }
            default -> {
                rex = (rex & ~0b0100) | high << 2;
                field = (field & ~0b111_000) | low << 3;
            }
        }
        out[offset] = (byte) rex;
        out[at] = (byte) field;
    }

    /** True if the bytes before an x86-64 field at {@code out[offset]} are an instruction this kind patches. */
    public boolean acceptsX64(byte[] out, int offset) {
        int before = offset >= 1 ? out[offset - 1] & 0xFF : -1;
        return switch (this) {
            case REL32 -> before == 0xE8 || before == 0xE9
                    || offset >= 2 && (out[offset - 2] & 0xFF) == 0x0F && (before & 0xF0) == 0x80;
            case RIP32 -> before >= 0 && (before & 0xC7) == 0x05;
            default -> throw new IllegalStateException(this + " is not an x86-64 instruction kind");
        };
    }

    private int relative32(byte[] out, int offset, long place, long target) {
        if (!acceptsX64(out, offset)) {
            StringBuilder found = new StringBuilder();
            for (int i = Math.max(0, offset - 2); i < offset; i++) {
                found.append(String.format(" %02x", out[i] & 0xFF));
            }
            throw new HoleException(this + " hole at " + hex(place) + " expects " + expected + ", found bytes"
                    + found + " before the field");
        }
        long distance = target - (place + 4);
        if (distance != (int) distance) {
            throw new HoleException(this + " hole at " + hex(place) + " (" + expected + "): target " + hex(target)
                    + " is " + distance + " bytes from the end of the field; allowed " + Integer.MIN_VALUE + ".."
                    + Integer.MAX_VALUE + " bytes (±2 GiB)");
        }
        return (int) distance;
    }

    /** True if {@code word} is an instruction this kind can patch. */
    public boolean accepts(int word) {
        return switch (this) {
            // b.cond | cbz/cbnz | ldr (literal) of any register file and size
            case BRANCH19 -> (word & 0xFF00_0010) == 0x5400_0000 || (word & 0x7E00_0000) == 0x3400_0000
                    || (word & 0x3B00_0000) == 0x1800_0000;
            case MOVW_G0, MOVW_G1, MOVW_G2, MOVW_G3, MOVW_G0_NC, MOVW_G1_NC, MOVW_G2_NC ->
                    (word & mask) == pattern && (word & 0x6000_0000) != 0x2000_0000 // opc 01 is unallocated
                            && moveWideChunk(word) == chunk() && ((word >>> 31) == 1 || chunk() < 2);
            case ABS64, ABS32, ABS32S, ABS32U, REG_RD, REG_RN, REG_RA, REG_RM -> true;
            case REL32, RIP32, X64_REG_RM, X64_REG_REG, X64_REG_INDEX, X64_REG_BASE, X64_REG_OPCODE -> false;
            default -> (word & mask) == pattern;
        };
    }

    /**
     * Returns {@code word} with this hole's field filled for {@code value}.
     *
     * @param place the address of the instruction (for the PC-relative kinds)
     * @throws HoleException if the word is not the expected instruction or the value does not fit
     */
    public int patch(int word, long place, long value) {
        if (!patchesInstruction()) {
            throw new IllegalStateException(this + " does not patch an AArch64 instruction word; use apply");
        }
        if (!accepts(word)) {
            throw new HoleException(this + " hole at " + hex(place) + " expects " + expected + expectedShift()
                    + ", found " + String.format("0x%08x", word) + " (" + A64Disassembler.disassemble(word) + ")");
        }
        return switch (this) {
            case BRANCH26 -> relative(LabelUse.BRANCH26, word, place, value);
            case BRANCH19 -> relative(LabelUse.BRANCH19, word, place, value);
            case BRANCH14 -> relative(LabelUse.BRANCH14, word, place, value);
            case ADR21 -> relative(LabelUse.ADR21, word, place, value);
            case ADRP21 -> relative(LabelUse.ADRP21, word, place, value);
            case ADD_LO12 -> (word & ~(0xFFF << 10)) | (int) (value & 0xFFF) << 10;
            case LDST_LO12 -> loadStoreLow12(word, place, value);
            case MOVW_G0, MOVW_G1, MOVW_G2 -> {
                int bits = 16 * (chunk() + 1);
                if (value >>> bits != 0) {
                    throw new HoleException(this + " hole at " + hex(place) + ": value " + value + " (" + hex(value)
                            + ") does not fit in " + bits + " bits; allowed 0.." + ((1L << bits) - 1));
                }
                yield moveWide(word, value);
            }
            case MOVW_G3, MOVW_G0_NC, MOVW_G1_NC, MOVW_G2_NC -> moveWide(word, value);
            case REG_RD, REG_RN, REG_RA, REG_RM -> register(word, place, value);
            default -> throw new AssertionError(this);
        };
    }

    /** Checks that {@code value} fits an {@link #ABS32}, {@link #ABS32S}, {@link #ABS32U} or {@link #ABS64} hole; returns it. */
    public long checkData(long place, long value) {
        if (this == ABS32U && value >>> 32 != 0) {
            throw new HoleException("ABS32U hole at " + hex(place) + ": value " + value + " (" + hex(value)
                    + ") does not fit in a zero-extended 32-bit field; allowed 0.." + 0xFFFF_FFFFL);
        }
        if (this == ABS32S && value != (int) value) {
            throw new HoleException("ABS32S hole at " + hex(place) + ": value " + value + " (" + hex(value)
                    + ") does not fit in a sign-extended 32-bit field; allowed " + Integer.MIN_VALUE + ".."
                    + Integer.MAX_VALUE);
        }
        if (this == ABS32 && (value < Integer.MIN_VALUE || value > 0xFFFF_FFFFL)) {
            throw new HoleException("ABS32 hole at " + hex(place) + ": value " + value + " (" + hex(value)
                    + ") does not fit in 32 bits; allowed " + Integer.MIN_VALUE + ".." + 0xFFFF_FFFFL);
        }
        if (patchesInstruction() || this == REL32 || this == RIP32 || isRegister()) {
            throw new IllegalStateException(this + " patches an instruction, not data");
        }
        return value;
    }

    private int register(int word, long place, long value) {
        if (value < 0 || value > 30) {
            throw new HoleException(this + " hole at " + hex(place) + ": register " + value
                    + " is not x0..x30; allowed 0..30 (31 is sp or xzr, never a stencil operand)");
        }
        int shift = switch (this) {
            case REG_RD -> 0;
            case REG_RN -> 5;
            case REG_RA -> 10;
            default -> 16;
        };
        return (word & ~(0b11111 << shift)) | (int) value << shift;
    }

    private String expectedShift() {
        return chunk() < 0 ? "" : " with lsl #" + 16 * chunk() + (chunk() >= 2 ? " (64-bit)" : "");
    }

    private int chunk() {
        return switch (this) {
            case MOVW_G0, MOVW_G0_NC -> 0;
            case MOVW_G1, MOVW_G1_NC -> 1;
            case MOVW_G2, MOVW_G2_NC -> 2;
            case MOVW_G3 -> 3;
            default -> -1;
        };
    }

    private static int moveWideChunk(int word) {
        return (word >>> 21) & 3;
    }

    private int moveWide(int word, long value) {
        int imm16 = (int) (value >>> (16 * chunk())) & 0xFFFF;
        return (word & ~(0xFFFF << 5)) | imm16 << 5;
    }

    private int relative(LabelUse use, int word, long place, long target) {
        long distance = use.distance(place, target);
        if (use.fits(distance)) {
            return use.patch(word, distance, "");
        }
        String unit = use == LabelUse.ADRP21 ? "pages of 4 KiB" : "bytes";
        throw new HoleException(this + " hole at " + hex(place) + " (" + expected + "): target " + hex(target)
                + " is " + distance + " bytes away" + (distance % 4 != 0 && use != LabelUse.ADR21 && use != LabelUse.ADRP21
                ? ", not a multiple of 4" : "") + "; allowed -" + use.maxBackward() + ".." + use.maxForward()
                + " bytes" + (use == LabelUse.ADRP21 ? " (" + unit + ")" : ""));
    }

    private int loadStoreLow12(int word, long place, long value) {
        int size = word >>> 30;
        boolean vector = (word & (1 << 26)) != 0;
        int scale = vector && size == 0 && (word & (1 << 23)) != 0 ? 4 : size;
        long low = value & 0xFFF;
        if ((low & ((1L << scale) - 1)) != 0) {
            throw new HoleException("LDST_LO12 hole at " + hex(place) + ": the low 12 bits of " + hex(value) + " ("
                    + low + ") are not a multiple of the access size " + (1 << scale) + " bytes");
        }
        return (word & ~(0xFFF << 10)) | (int) (low >> scale) << 10;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
