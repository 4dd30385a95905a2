package dev.stitch.stencil;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.LabelUse;

/**
 * AArch64's relocation kinds, each with the patch function that fills it and the instruction it
 * accepts (so that the masks are written once, here, for the compiler, the builders and the checks). Instruction kinds check first that the bytes they patch are the
 * instruction they expect (a stencil whose hole points at the wrong word is a bug worth a clear
 * message, not silent corruption), then that the value fits the field. Names and semantics follow the ELF for the Arm
 * 64-bit Architecture relocations ({@code R_AARCH64_JUMP26}, {@code CONDBR19}, {@code TSTBR14},
 * {@code ADR_PREL_LO21}, {@code ADR_PREL_PG_HI21}, {@code ADD_ABS_LO12_NC},
 * {@code LDST*_ABS_LO12_NC}, {@code MOVW_UABS_G0..G3} and their {@code _NC} forms,
 * {@code ABS64}, {@code ABS32}), and the register fields the register shape patches.
 *
 * <p>For the PC-relative kinds the value is the target address and {@code place} the address of
 * the instruction; the others ignore {@code place}.
 */
public enum A64HoleKind implements HoleKind {
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
    REG_RM(4, 0, 0, "an instruction with a register field");

    private final int size;
    private final int mask;
    private final int pattern;
    private final String expected;

    A64HoleKind(int size, int mask, int pattern, String expected) {
        this.size = size;
        this.mask = mask;
        this.pattern = pattern;
        this.expected = expected;
    }

    @Override
    public int size() {
        return size;
    }

    /** True for the kinds that patch a field of an instruction word. */
    public boolean patchesInstruction() {
        return expected != null;
    }

    @Override
    public boolean isRegister() {
        return this == REG_RD || this == REG_RN || this == REG_RA || this == REG_RM;
    }

    @Override
    public boolean isData() {
        return this == ABS64 || this == ABS32;
    }

    /** {@code bl symbol}: a call the trace compiler may route through a per-trace trampoline. */
    @Override
    public boolean routesCalls() {
        return this == BRANCH26;
    }

    /**
     * Fills the hole at {@code out[offset]} for {@code value}, checking first that the bytes are
     * the instruction this kind patches, then that the value fits.
     *
     * @param place the address of {@code out[offset]} once installed
     * @throws HoleException if the bytes are not the expected instruction or the value does not fit
     */
    @Override
    public void apply(byte[] out, int offset, long place, long value) {
        if (isData()) {
            fill(out, offset, place, value);
        } else {
            Bytes.putInt(out, offset, patch(Bytes.getInt(out, offset), place, value));
        }
    }

    /**
     * Fills the hole for {@code value} in a copy of a stencil, which checked the instruction when
     * it was made ({@link #checkInstruction}): the trace compiler's inner loop, one dispatch on the
     * kind, then the field's arithmetic. Only the value is checked.
     */
    @Override
    public void fill(byte[] out, int offset, long place, long value) {
        switch (this) {
            case ABS64 -> Bytes.putLong(out, offset, value);
            case ABS32 -> Bytes.putInt(out, offset, (int) checkData(place, value));
            default -> Bytes.putInt(out, offset, field(Bytes.getInt(out, offset), place, value));
        }
    }

    @Override
    public Field field(byte[] code, int offset, int source, long addend) {
        return switch (this) {
            case REG_RD -> Field.bits(this, offset, source, addend, 0, 5, 0).within(0, 30);
            case REG_RN -> Field.bits(this, offset, source, addend, 0, 5, 5).within(0, 30);
            case REG_RA -> Field.bits(this, offset, source, addend, 0, 5, 10).within(0, 30);
            case REG_RM -> Field.bits(this, offset, source, addend, 0, 5, 16).within(0, 30);
            case ADD_LO12 -> Field.bits(this, offset, source, addend, 0, 12, 10);
            case LDST_LO12 -> {
                int scale = loadStoreScale(Bytes.getInt(code, offset));
                yield Field.bits(this, offset, source, addend, scale, 12 - scale, 10).aligned(scale);
            }
            case MOVW_G0 -> Field.bits(this, offset, source, addend, 0, 16, 5).within(0, 0xFFFFL);
            case MOVW_G1 -> Field.bits(this, offset, source, addend, 16, 16, 5).within(0, 0xFFFF_FFFFL);
            case MOVW_G2 -> Field.bits(this, offset, source, addend, 32, 16, 5).within(0, 0xFFFF_FFFF_FFFFL);
            case MOVW_G0_NC -> Field.bits(this, offset, source, addend, 0, 16, 5);
            case MOVW_G1_NC -> Field.bits(this, offset, source, addend, 16, 16, 5);
            case MOVW_G2_NC -> Field.bits(this, offset, source, addend, 32, 16, 5);
            case MOVW_G3 -> Field.bits(this, offset, source, addend, 48, 16, 5);
            case ABS64 -> Field.bits(this, offset, source, addend, 0, 64, 0);
            case ABS32 -> Field.bits(this, offset, source, addend, 0, 32, 0).within(Integer.MIN_VALUE, 0xFFFF_FFFFL);
            case BRANCH26, BRANCH19, BRANCH14, ADR21, ADRP21 -> null;
        };
    }

    @Override
    public void checkInstruction(byte[] code, int offset) {
        if (patchesInstruction() && !accepts(Bytes.getInt(code, offset))) {
            throw mismatch(Bytes.getInt(code, offset), offset);
        }
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
            case ABS64, ABS32, REG_RD, REG_RN, REG_RA, REG_RM -> true;
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
            throw mismatch(word, place);
        }
        return field(word, place, value);
    }

    private HoleException mismatch(int word, long place) {
        return new HoleException(this + " hole at " + hex(place) + " expects " + expected + expectedShift()
                + ", found " + String.format("0x%08x", word) + " (" + A64Disassembler.disassemble(word) + ")");
    }

    /** {@code word}, an instruction this kind accepts, with its field filled for {@code value}. */
    private int field(int word, long place, long value) {
        return switch (this) {
            case REG_RD -> register(word, 0, place, value);
            case REG_RN -> register(word, 5, place, value);
            case REG_RA -> register(word, 10, place, value);
            case REG_RM -> register(word, 16, place, value);
            case LDST_LO12 -> loadStoreLow12(word, place, value);
            case ADD_LO12 -> (word & ~(0xFFF << 10)) | (int) (value & 0xFFF) << 10;
            case BRANCH26 -> relative(LabelUse.BRANCH26, word, place, value);
            case BRANCH19 -> relative(LabelUse.BRANCH19, word, place, value);
            case BRANCH14 -> relative(LabelUse.BRANCH14, word, place, value);
            case ADR21 -> relative(LabelUse.ADR21, word, place, value);
            case ADRP21 -> relative(LabelUse.ADRP21, word, place, value);
            case MOVW_G0 -> moveWide(word, 0, true, place, value);
            case MOVW_G1 -> moveWide(word, 1, true, place, value);
            case MOVW_G2 -> moveWide(word, 2, true, place, value);
            case MOVW_G3, MOVW_G0_NC, MOVW_G1_NC, MOVW_G2_NC -> moveWide(word, chunk(), false, place, value);
            case ABS64, ABS32 -> throw new IllegalStateException(this + " does not patch an AArch64 instruction word");
        };
    }

    /** Checks that {@code value} fits an {@link #ABS32} or {@link #ABS64} hole; returns it. */
    @Override
    public long checkData(long place, long value) {
        if (this == ABS32 && (value < Integer.MIN_VALUE || value > 0xFFFF_FFFFL)) {
            throw new HoleException("ABS32 hole at " + hex(place) + ": value " + value + " (" + hex(value)
                    + ") does not fit in 32 bits; allowed " + Integer.MIN_VALUE + ".." + 0xFFFF_FFFFL);
        }
        if (!isData()) {
            throw new IllegalStateException(this + " patches an instruction, not data");
        }
        return value;
    }

    // The field helpers stay small, their messages apart, so that the JIT inlines them into field().

    private int register(int word, int shift, long place, long value) {
        if (value < 0 || value > 30) {
            throw badRegister(place, value);
        }
        return (word & ~(0b11111 << shift)) | (int) value << shift;
    }

    private HoleException badRegister(long place, long value) {
        return new HoleException(this + " hole at " + hex(place) + ": register " + value
                + " is not x0..x30; allowed 0..30 (31 is sp or xzr, never a stencil operand)");
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

    /** Bits {@code 16 * chunk} and up of {@code value} into imm16; {@code checked}: the value must fit in {@code 16 * (chunk + 1)} bits. */
    private int moveWide(int word, int chunk, boolean checked, long place, long value) {
        if (checked && value >>> (16 * (chunk + 1)) != 0) {
            throw tooWide(place, value, 16 * (chunk + 1));
        }
        return (word & ~(0xFFFF << 5)) | ((int) (value >>> (16 * chunk)) & 0xFFFF) << 5;
    }

    private HoleException tooWide(long place, long value, int bits) {
        return new HoleException(this + " hole at " + hex(place) + ": value " + value + " (" + hex(value)
                + ") does not fit in " + bits + " bits; allowed 0.." + ((1L << bits) - 1));
    }

    private int relative(LabelUse use, int word, long place, long target) {
        long distance = use.distance(place, target);
        if (use.fits(distance)) {
            return use.patch(word, distance, "");
        }
        throw outOfReach(use, place, target, distance);
    }

    private HoleException outOfReach(LabelUse use, long place, long target, long distance) {
        String unit = use == LabelUse.ADRP21 ? "pages of 4 KiB" : "bytes";
        return new HoleException(this + " hole at " + hex(place) + " (" + expected + "): target " + hex(target)
                + " is " + distance + " bytes away" + (distance % 4 != 0 && use != LabelUse.ADR21 && use != LabelUse.ADRP21
                ? ", not a multiple of 4" : "") + "; allowed -" + use.maxBackward() + ".." + use.maxForward()
                + " bytes" + (use == LabelUse.ADRP21 ? " (" + unit + ")" : ""));
    }

    private static int loadStoreLow12(int word, long place, long value) {
        int scale = loadStoreScale(word);
        int low = (int) value & 0xFFF;
        if ((low & ((1 << scale) - 1)) != 0) {
            throw misaligned(place, value, scale);
        }
        return (word & ~(0xFFF << 10)) | (low >> scale) << 10;
    }

    /** log2 of the access size of a load/store (unsigned immediate): size, or 4 for a 128-bit vector access. */
    private static int loadStoreScale(int word) {
        int size = word >>> 30;
        return size == 0 && (word & (1 << 26 | 1 << 23)) == (1 << 26 | 1 << 23) ? 4 : size;
    }

    private static HoleException misaligned(long place, long value, int scale) {
        return new HoleException("LDST_LO12 hole at " + hex(place) + ": the low 12 bits of " + hex(value) + " ("
                + (value & 0xFFF) + ") are not a multiple of the access size " + (1 << scale) + " bytes");
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
