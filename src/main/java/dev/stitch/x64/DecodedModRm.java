package dev.stitch.x64;

/**
 * A decoded ModR/M byte with the SIB byte and displacement that follow it (Intel SDM Vol. 2,
 * 2.1.5 tables 2-2 and 2-3, 64-bit forms of 2.2.1): {@code reg} with REX.R, and either a register
 * {@code rm} with REX.B ({@code mod = 11}) or a memory operand.
 *
 * @param mod    the mod field, 0..3
 * @param reg    the reg field with REX.R, 0..15 (a register number or an opcode extension in its low bits)
 * @param rm     with {@code mod = 11}, the register number with REX.B, 0..15; else -1
 * @param memory with {@code mod != 11}, the memory operand; else null
 */
record DecodedModRm(int mod, int reg, int rm, Memory memory) {
    /** Base or index value meaning "none". */
    static final int NONE = -1;
    /** Base value meaning {@code rip}. */
    static final int RIP = 16;
    /** Index value meaning {@code riz}: a SIB byte with no index where LLVM names the zero index. */
    static final int RIZ = 17;

    private static final int MOD_REGISTER = 0b11;
    private static final int RM_SIB = 0b100;
    private static final int RM_DISP32 = 0b101;
    private static final int SIB_NO_INDEX = 0b100;
    private static final int SIB_NO_BASE = 0b101;

    /**
     * A memory operand {@code [base + scale*index + disp]}.
     *
     * @param base  0..15, {@link #RIP} or {@link #NONE}
     * @param index 0..15, {@link #RIZ} or {@link #NONE}
     * @param scale 1, 2, 4 or 8
     * @param disp  the sign-extended displacement (0 when there is none)
     */
    record Memory(int base, int index, int scale, long disp) {
        boolean isRipRelative() {
            return base == RIP;
        }

        /**
         * The operand as LLVM prints it in Intel syntax: {@code sizePtr} ({@code "dword ptr "} or
         * empty), the segment ({@code "cs:"} or empty), then {@code [rbx + 4*rcx - 8]}: registers
         * joined by {@code +}, a scale only when not 1, a displacement only when not zero or when
         * it is all there is, its sign as the joining operator.
         */
        String text(String sizePtr, String segment) {
            StringBuilder out = new StringBuilder(sizePtr).append(segment).append('[');
            boolean joined = false;
            if (base != NONE) {
                out.append(base == RIP ? "rip" : Registers.of(base, 64).name());
                joined = true;
            }
            if (index != NONE) {
                if (joined) {
                    out.append(" + ");
                }
                if (scale != 1) {
                    out.append(scale).append('*');
                }
                out.append(index == RIZ ? "riz" : Registers.of(index, 64).name());
                joined = true;
            }
            if (disp != 0 || !joined) {
                if (joined) {
                    out.append(disp < 0 ? " - " : " + ").append(Math.abs(disp));
                } else {
                    out.append(disp);
                }
            }
            return out.append(']').toString();
        }
    }

    boolean isRegister() {
        return memory == null;
    }

    /** Reads the ModR/M byte and, for a memory operand, its SIB byte and displacement. */
    static DecodedModRm read(DecodeReader in) {
        int modRm = in.u8();
        int mod = modRm >>> 6;
        int reg = (modRm >>> 3 & 7) + in.rexR();
        int rm = modRm & 7;
        if (mod == MOD_REGISTER) {
            return new DecodedModRm(mod, reg, rm + in.rexB(), null);
        }
        Memory memory;
        if (rm == RM_SIB) {
            memory = readSib(in, mod);
        } else if (rm == RM_DISP32 && mod == 0) {
            memory = new Memory(RIP, NONE, 1, in.s32());
            in.relativeOperand(memory.disp());
        } else {
            memory = new Memory(rm + in.rexB(), NONE, 1, displacement(in, mod));
        }
        return new DecodedModRm(mod, reg, NONE, memory);
    }

    private static Memory readSib(DecodeReader in, int mod) {
        int sib = in.u8();
        int scale = 1 << (sib >>> 6);
        int index = (sib >>> 3 & 7) + in.rexX();
        int baseLow = sib & 7;
        int base;
        long disp;
        if (baseLow == SIB_NO_BASE && mod == 0) {
            base = NONE;
            disp = in.s32();
        } else {
            base = baseLow + in.rexB();
            disp = displacement(in, mod);
        }
        if (index == SIB_NO_INDEX) {
            // No index. LLVM still names it riz when nothing else explains why a SIB byte is there:
            // a scale other than 1, or a base that could have been written without SIB.
            boolean sibNeeded = base == NONE || (base & 7) == SIB_NO_INDEX;
            index = scale != 1 || !sibNeeded ? RIZ : NONE;
        }
        return new Memory(base, index, scale, disp);
    }

    private static long displacement(DecodeReader in, int mod) {
        return switch (mod) {
            case 0 -> 0;
            case 1 -> in.s8();
            default -> in.s32();
        };
    }
}
