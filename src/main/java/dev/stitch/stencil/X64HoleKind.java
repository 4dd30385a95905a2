package dev.stitch.stencil;

/**
 * x86-64's relocation kinds, each with the patch function that fills it and the bytes it expects
 * before its field: the System V x86-64 ABI's ({@code R_X86_64_PC32} for {@link #REL32} and
 * {@link #RIP32}, {@code R_X86_64_32S} for {@link #ABS32S}, {@code R_X86_64_32} for
 * {@link #ABS32U}, {@code R_X86_64_64} for {@link #ABS64}), and the register fields the register
 * shape patches (a ModRM, SIB or {@code +r} opcode field with its REX bit; the hole is the REX
 * prefix every such stencil instruction has).
 *
 * <p>For the PC-relative kinds the value is the target address and {@code place} the address of
 * the field; the others ignore {@code place}.
 */
public enum X64HoleKind implements HoleKind {
    /**
     * {@code call}/{@code jmp}/{@code jcc} rel32: the 4-byte field that ends the instruction,
     * {@code target - (place + 4)}, ±2 GiB (Intel SDM Vol. 2, CALL, JMP, Jcc).
     */
    REL32(4, "call, jmp or jcc with a 32-bit displacement"),
    /**
     * {@code [rip + disp32]} with no immediate after it: the displacement right after a ModRM byte
     * with mod 00 and r/m 101, {@code target - (place + 4)}, ±2 GiB.
     */
    RIP32(4, "an instruction with a [rip + disp32] operand"),
    /** A 4-byte value sign-extended to 64 bits by the instruction (imm32, disp32): -2^31..2^31-1. */
    ABS32S(4, null),
    /** A 4-byte value zero-extended to 64 bits by the instruction ({@code mov r32, imm32}): 0..2^32-1. */
    ABS32U(4, null),
    /** An 8-byte little-endian value ({@code movabs}, literals). */
    ABS64(8, null),
    /** A register in ModRM.rm (mod 11) and REX.B; the ModRM byte follows the opcode (one byte, or two after {@code 0F}). */
    MODRM_RM(4, "an instruction with a REX prefix and a ModRM byte"),
    /** A register in ModRM.reg and REX.R. */
    MODRM_REG(4, "an instruction with a REX prefix and a ModRM byte"),
    /** The index register of a SIB byte and REX.X. */
    SIB_INDEX(4, "an instruction with a REX prefix, a ModRM byte and a SIB byte"),
    /** The base register of a SIB byte and REX.B; with mod 00 a base of rbp or r13 would mean "no base", so those are refused. */
    SIB_BASE(4, "an instruction with a REX prefix, a ModRM byte and a SIB byte"),
    /** A register in the low 3 bits of the opcode ({@code B8+r}) and REX.B. */
    OPCODE_REG(4, "an instruction with a REX prefix and a +r opcode");

    private final int size;
    private final String expected;

    X64HoleKind(int size, String expected) {
        this.size = size;
        this.expected = expected;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isRegister() {
        return this == MODRM_RM || this == MODRM_REG || this == SIB_INDEX || this == SIB_BASE || this == OPCODE_REG;
    }

    @Override
    public boolean isData() {
        return expected == null;
    }

    /** {@code call rel32}: a call the trace compiler may route through a per-trace trampoline. */
    @Override
    public boolean routesCalls() {
        return this == REL32;
    }

    @Override
    public void apply(byte[] out, int offset, long place, long value) {
        if (this == REL32 || this == RIP32) {
            checkRelative(out, offset, place);
        }
        fill(out, offset, place, value);
    }

    @Override
    public void fill(byte[] out, int offset, long place, long value) {
        switch (this) {
            case ABS64 -> Bytes.putLong(out, offset, value);
            case ABS32S, ABS32U -> Bytes.putInt(out, offset, (int) checkData(place, value));
            case REL32, RIP32 -> Bytes.putInt(out, offset, relative32(place, value));
            default -> register(out, offset, place, value);
        }
    }

    @Override
    public Field field(byte[] code, int offset, int source, long addend) {
        return switch (this) {
            case ABS64 -> Field.bits(this, offset, source, addend, 0, 64, 0);
            case ABS32S -> Field.bits(this, offset, source, addend, 0, 32, 0).within(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case ABS32U -> Field.bits(this, offset, source, addend, 0, 32, 0).within(0, 0xFFFF_FFFFL);
            case REL32, RIP32 -> null;
            default -> registerField(code, offset, source, addend);
        };
    }

    private Field registerField(byte[] code, int offset, int source, long addend) {
        int at = registerByte(code, offset);
        if (at < 0 || at - offset >= Field.WINDOW) {
            return null;
        }
        int field = 8 * (at - offset);
        int rexBit = switch (this) {
            case MODRM_RM, OPCODE_REG, SIB_BASE -> 0;
            case SIB_INDEX -> 1;
            default -> 2;
        };
        int low = this == MODRM_RM || this == OPCODE_REG || this == SIB_BASE ? field : field + 3;
        // With mod 00 a SIB base of rbp or r13 would mean "no base": the kind's patch refuses those.
        int forbidden = this == SIB_BASE && (code[at - 1] & 0xC0) == 0 ? 1 << 5 | 1 << 13 : 0;
        return new Field(this, offset, source, addend, 0, 15, 0, forbidden, 0b111L << low | 1L << rexBit, 0, 0b111, low,
                3, 1, rexBit);
    }

    @Override
    public void checkInstruction(byte[] code, int offset) {
        if (this == REL32 || this == RIP32) {
            checkRelative(code, offset, offset);
        } else if (isRegister() && registerByte(code, offset) < 0) {
            throw registerMismatch(code, offset, offset);
        }
    }

    /** Checks that {@code value} fits an {@link #ABS32S}, {@link #ABS32U} or {@link #ABS64} hole; returns it. */
    @Override
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
        if (!isData()) {
            throw new IllegalStateException(this + " patches an instruction, not data");
        }
        return value;
    }

    /**
     * Where the byte an x86-64 register hole at {@code out[offset]} (its REX prefix) patches is:
     * the ModRM byte, or the opcode for {@link #OPCODE_REG}; -1 if there is no REX prefix there.
     */
    public int registerByte(byte[] out, int offset) {
        if (offset + 2 > out.length || (out[offset] & 0xF0) != 0x40) {
            return -1;
        }
        if (this == OPCODE_REG) {
            return offset + 1;
        }
        int modrm = offset + ((out[offset + 1] & 0xFF) == 0x0F ? 3 : 2);
        int at = this == SIB_INDEX || this == SIB_BASE ? modrm + 1 : modrm;
        return at < out.length ? at : -1;
    }

    private void register(byte[] out, int offset, long place, long value) {
        int at = registerByte(out, offset);
        if (at < 0) {
            throw registerMismatch(out, offset, place);
        }
        if (value < 0 || value > 15) {
            throw new HoleException(this + " hole at " + hex(place) + ": register " + value
                    + " is not an x86-64 general register; allowed 0..15");
        }
        int low = (int) value & 7;
        int high = (int) value >> 3;
        if (this == SIB_BASE && low == 0b101 && (out[at - 1] & 0xC0) == 0) {
            throw new HoleException(this + " hole at " + hex(place) + ": register " + value
                    + " cannot be a SIB base without a displacement; allowed any register but rbp and r13");
        }
        int rex = out[offset] & 0xFF;
        int field = out[at] & 0xFF;
        switch (this) {
            case MODRM_RM, OPCODE_REG, SIB_BASE -> {
                rex = (rex & ~0b0001) | high;
                field = (field & ~0b111) | low;
            }
            case SIB_INDEX -> {
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

    private HoleException registerMismatch(byte[] out, int offset, long place) {
        return new HoleException(this + " hole at " + hex(place) + " expects " + expected + ", found "
                + (offset < out.length ? String.format("0x%02x", out[offset] & 0xFF) : "the end of the code"));
    }

    /** True if the bytes before an x86-64 field at {@code out[offset]} are an instruction this kind patches. */
    public boolean accepts(byte[] out, int offset) {
        int before = offset >= 1 ? out[offset - 1] & 0xFF : -1;
        return switch (this) {
            case REL32 -> before == 0xE8 || before == 0xE9
                    || offset >= 2 && (out[offset - 2] & 0xFF) == 0x0F && (before & 0xF0) == 0x80;
            case RIP32 -> before >= 0 && (before & 0xC7) == 0x05;
            default -> throw new IllegalStateException(this + " is not an x86-64 instruction kind");
        };
    }

    private void checkRelative(byte[] out, int offset, long place) {
        if (!accepts(out, offset)) {
            StringBuilder found = new StringBuilder();
            for (int i = Math.max(0, offset - 2); i < offset; i++) {
                found.append(String.format(" %02x", out[i] & 0xFF));
            }
            throw new HoleException(this + " hole at " + hex(place) + " expects " + expected + ", found bytes"
                    + found + " before the field");
        }
    }

    private int relative32(long place, long target) {
        long distance = target - (place + 4);
        if (distance != (int) distance) {
            throw new HoleException(this + " hole at " + hex(place) + " (" + expected + "): target " + hex(target)
                    + " is " + distance + " bytes from the end of the field; allowed " + Integer.MIN_VALUE + ".."
                    + Integer.MAX_VALUE + " bytes (±2 GiB)");
        }
        return (int) distance;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
