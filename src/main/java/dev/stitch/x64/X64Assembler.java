package dev.stitch.x64;

import dev.stitch.asm.CodeSizeLimit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.stitch.x64.X64Encoders.MOD_DISP32;
import static dev.stitch.x64.X64Encoders.MOD_DISP8;
import static dev.stitch.x64.X64Encoders.MOD_INDIRECT;
import static dev.stitch.x64.X64Encoders.MOD_REGISTER;
import static dev.stitch.x64.X64Encoders.OPERAND_SIZE_PREFIX;
import static dev.stitch.x64.X64Encoders.RM_RIP;
import static dev.stitch.x64.X64Encoders.RM_SIB;
import static dev.stitch.x64.X64Encoders.SIB_NO_BASE;
import static dev.stitch.x64.X64Encoders.SIB_NO_INDEX;
import static dev.stitch.x64.X64Encoders.log2Scale;
import static dev.stitch.x64.X64Encoders.modRm;
import static dev.stitch.x64.X64Encoders.rex;
import static dev.stitch.x64.X64Encoders.sib;

/**
 * An x86-64 assembler for the general-purpose integer instructions Stitch's stencils use, writing
 * into a growable heap buffer (of at most {@link CodeSizeLimit#MAX_BYTES}). Wherever an instruction has several encodings it picks the one
 * {@code llvm-mc -triple=x86_64} picks (tests compare every form with LLVM's bytes): register to
 * register moves and ALU operations use the "MR" opcode ({@code mov rax, rbx} is {@code 48 89 d8}),
 * immediates use the sign-extended 8-bit form {@code 83} when the value fits and otherwise the
 * short accumulator form ({@code 05 id} for {@code add eax}) when the destination is
 * {@code al/ax/eax/rax}, shifts by 1 use {@code D1}, and {@code mov r64, imm} is {@code REX.W C7 /0}
 * when the value fits a sign-extended 32 bits and {@code movabs} otherwise.
 *
 * <p>Invariants of the buffer: bytes below {@link #position()} are final except the fields of
 * label fixups, which are written when their label is bound; a fixup whose label is never bound
 * makes {@link #finish()} throw, naming the label and every instruction that used it.
 *
 * <p>Label references: a jump or call to a label that is already bound uses an 8-bit
 * displacement when it reaches ({@code jmp}, {@code jcc}; {@code call} has only rel32) and a 32-bit
 * one otherwise; a reference to a label not yet bound always uses 32 bits, unless the
 * {@code *Short} method is used, which then throws at {@link #bind(Label)} when the label is out
 * of reach (-128..127 bytes from the end of the jump). {@link X64TextAssembler} instead relaxes
 * forward jumps as LLVM does (short when they reach), which this one-pass API cannot know.
 *
 * <p>Every method validates its operands and throws an {@link X64EncodingException} that names
 * the instruction, the operand, its value and what is allowed.
 */
public final class X64Assembler {
    /** A field to write when {@code label} is bound: {@code width} bytes at {@code at} of {@code label + addend - end}. */
    private record Fixup(Label label, int at, int width, long end, long addend, String user, long start) {}

    private static final int ALU_ADD = 0, ALU_OR = 1, ALU_ADC = 2, ALU_SBB = 3, ALU_AND = 4, ALU_SUB = 5,
            ALU_XOR = 6, ALU_CMP = 7;
    private static final int SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7;
    private static final int UNARY_NOT = 2, UNARY_NEG = 3, UNARY_MUL = 4, UNARY_IMUL = 5, UNARY_DIV = 6, UNARY_IDIV = 7;
    private static final int INC = 0, DEC = 1;

    private byte[] buffer = new byte[256];
    private int size;
    private final Map<Label, List<Fixup>> pending = new LinkedHashMap<>();
    private final boolean checkShortReach;
    private int labelCount;

    /** An assembler writing into a growable heap buffer. */
    public X64Assembler() {
        this(true);
    }

    /**
     * With {@code checkShortReach} false, a short jump out of reach writes a truncated
     * displacement instead of throwing: the text assembler's relaxation passes check reach
     * themselves and lengthen such jumps.
     */
    X64Assembler(boolean checkShortReach) {
        this.checkShortReach = checkShortReach;
    }

    // ---------------------------------------------------------------- buffer, labels, data

    /** The offset of the next byte. */
    public long position() {
        return size;
    }

    /** The byte at {@code offset} (0..255). */
    public int byteAt(long offset) {
        if (offset < 0 || offset >= size) {
            throw new IndexOutOfBoundsException("byteAt(" + offset + "): " + size + " bytes written");
        }
        return buffer[(int) offset] & 0xff;
    }

    /**
     * The bytes written, with every label fixup resolved.
     *
     * @throws X64EncodingException naming every unbound label and the instructions that use it
     */
    public byte[] finish() {
        if (!pending.isEmpty()) {
            StringBuilder message = new StringBuilder("unbound label");
            message.append(pending.size() > 1 ? "s: " : ": ");
            boolean first = true;
            for (Map.Entry<Label, List<Fixup>> entry : pending.entrySet()) {
                if (!first) {
                    message.append("; ");
                }
                first = false;
                message.append('\'').append(entry.getKey().name()).append("' used by ");
                List<String> users = new ArrayList<>();
                for (Fixup f : entry.getValue()) {
                    users.add(f.user() + " at offset 0x" + Long.toHexString(f.start()));
                }
                message.append(String.join(", ", users));
            }
            throw new X64EncodingException(message.toString());
        }
        return Arrays.copyOf(buffer, size);
    }

    /** A new unbound label named {@code L0}, {@code L1}... */
    public Label newLabel() {
        return newLabel("L" + labelCount);
    }

    /** A new unbound label called {@code name} in messages. */
    public Label newLabel(String name) {
        labelCount++;
        return new Label(name);
    }

    /**
     * Binds {@code label} to the current position and writes the fields of the instructions that
     * referred to it.
     *
     * @throws X64EncodingException if it is already bound, or a short jump to it does not reach
     */
    public X64Assembler bind(Label label) {
        label.bindAt(size);
        List<Fixup> fixups = pending.remove(label);
        if (fixups != null) {
            for (Fixup f : fixups) {
                resolve(f);
            }
        }
        return this;
    }

    private void resolve(Fixup f) {
        long value = f.label().offset() + f.addend() - f.end();
        if (f.width() == 1) {
            if ((value < -128 || value > 127) && checkShortReach) {
                throw new X64EncodingException(f.user() + " at offset 0x" + Long.toHexString(f.start())
                        + ": label '" + f.label().name() + "' is " + value
                        + " bytes away, out of reach of a short jump (rel8 allows -128..127); use the rel32 form");
            }
            buffer[f.at()] = (byte) value;
        } else {
            if (value != (int) value) {
                throw new X64EncodingException(f.user() + " at offset 0x" + Long.toHexString(f.start())
                        + ": label '" + f.label().name() + "' is " + value + " bytes away, out of rel32 range");
            }
            putInt32At(f.at(), (int) value);
        }
    }

    private void reference(Label label, int width, long end, long addend, String user, long start) {
        Fixup f = new Fixup(label, size - width, width, end, addend, user, start);
        if (label.isBound()) {
            resolve(f);
        } else {
            pending.computeIfAbsent(label, l -> new ArrayList<>()).add(f);
        }
    }

    /** Appends one byte of data ({@code b} in -128..255). */
    public X64Assembler emit8(int b) {
        if (b < -128 || b > 255) {
            throw new X64EncodingException("emit8: value " + b + " does not fit in a byte; allowed -128..255");
        }
        put(b);
        return this;
    }

    /** Appends a 32-bit little-endian value. */
    public X64Assembler emit32(int v) {
        put32(v);
        return this;
    }

    /** Appends a 64-bit little-endian value. */
    public X64Assembler emit64(long v) {
        put32((int) v);
        put32((int) (v >>> 32));
        return this;
    }

    /**
     * Pads with NOPs to a multiple of {@code bytes} (a power of two, 1..65536), as LLVM pads
     * {@code .p2align} in code: NOPs of at most 10 bytes each.
     */
    public X64Assembler align(int bytes) {
        if (bytes < 1 || bytes > 65536 || Integer.bitCount(bytes) != 1) {
            throw new X64EncodingException("align: " + bytes + " is not a power of two in 1..65536");
        }
        padWithNops(-size & (bytes - 1));
        return this;
    }

    private void padWithNops(int count) {
        while (count > 0) {
            int n = Math.min(count, X64Encoders.MAX_NOP);
            for (byte b : X64Encoders.nop(n)) {
                put(b);
            }
            count -= n;
        }
    }

    private void put(int b) {
        if (size == buffer.length) {
            if (size >= CodeSizeLimit.MAX_BYTES) {
                throw new X64EncodingException(CodeSizeLimit.exceeded(size, 1));
            }
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, CodeSizeLimit.MAX_BYTES));
        }
        buffer[size++] = (byte) b;
    }

    private void put16(int v) {
        put(v);
        put(v >> 8);
    }

    private void put32(int v) {
        put(v);
        put(v >> 8);
        put(v >> 16);
        put(v >> 24);
    }

    private void putInt32At(int at, int v) {
        for (int i = 0; i < 4; i++) {
            buffer[at + i] = (byte) (v >> (8 * i));
        }
    }

    // ---------------------------------------------------------------- operand encoding

    /** Writes 1, 2 or 3 opcode bytes: {@code 0x0FAF} is {@code 0F AF}. */
    private void opcode(int opcode) {
        if (opcode > 0xffff) {
            put(opcode >> 16);
        }
        if (opcode > 0xff) {
            put(opcode >> 8);
        }
        put(opcode);
    }

    /** The operand-size prefix and REX prefix: {@code opSize} 16 adds 66, 64 sets REX.W. */
    private void prefixes(int opSize, int r, int x, int b, boolean forceRex) {
        if (opSize == 16) {
            put(OPERAND_SIZE_PREFIX);
        }
        int rex = rex(opSize == 64 ? 1 : 0, r, x, b);
        if (rex != rex(0, 0, 0, 0) || forceRex) {
            put(rex);
        }
    }

    /** {@code [66] [REX] opcode ModRM(11, reg, rm)}: the register-direct form. */
    private void registerForm(int opSize, int opcode, int reg, int rm, boolean forceRex) {
        prefixes(opSize, reg >> 3, 0, rm >> 3, forceRex);
        opcode(opcode);
        put(modRm(MOD_REGISTER, reg & 7, rm & 7));
    }

    /**
     * {@code [66] [REX] opcode ModRM [SIB] [disp]}: the memory form. {@code immediateBytes} is the
     * size of the immediate that will follow, which a RIP-relative label displacement must count
     * (it is relative to the end of the instruction).
     */
    private void memoryForm(String mnemonic, int opSize, int opcode, int reg, Mem m, boolean forceRex,
                            int immediateBytes) {
        long start = size;
        int x = m.index() == null ? 0 : m.index().number() >> 3;
        int b = m.base() == null ? 0 : m.base().number() >> 3;
        prefixes(opSize, reg >> 3, x, b, forceRex);
        opcode(opcode);
        int regField = reg & 7;
        if (m.rip()) {
            put(modRm(MOD_INDIRECT, regField, RM_RIP));
            put32(m.disp());
            if (m.label() != null) {
                reference(m.label(), 4, size + immediateBytes, m.disp(), mnemonic, start);
            }
            return;
        }
        if (m.base() == null) {
            // No base: SIB with base=101 and mod=00 means [index*scale + disp32] (or [disp32] with no index).
            put(modRm(MOD_INDIRECT, regField, RM_SIB));
            int index = m.index() == null ? SIB_NO_INDEX : m.index().low3();
            put(sib(m.index() == null ? 0 : log2Scale(m.scale()), index, SIB_NO_BASE));
            put32(m.disp());
            return;
        }
        int base = m.base().low3();
        int mod;
        if (m.forceDisp32()) {
            mod = MOD_DISP32;
        } else if (m.disp() == 0 && base != 0b101) {
            mod = MOD_INDIRECT; // rbp and r13 as base with mod=00 would mean RIP/no-base: they need a disp8 of 0
        } else if (m.disp() >= -128 && m.disp() <= 127) {
            mod = MOD_DISP8;
        } else {
            mod = MOD_DISP32;
        }
        if (m.index() != null || base == 0b100) {
            // rsp and r12 as base sit where rm=100 means "SIB follows", so they always take a SIB.
            put(modRm(mod, regField, RM_SIB));
            int index = m.index() == null ? SIB_NO_INDEX : m.index().low3();
            put(sib(m.index() == null ? 0 : log2Scale(m.scale()), index, base));
        } else {
            put(modRm(mod, regField, base));
        }
        if (mod == MOD_DISP8) {
            put(m.disp());
        } else if (mod == MOD_DISP32) {
            put32(m.disp());
        }
    }

    // ---------------------------------------------------------------- operand checks

    private static String bitsName(int bits) {
        return bits + "-bit";
    }

    private static String sizeName(int bytes) {
        return switch (bytes) {
            case 1 -> "byte ptr";
            case 2 -> "word ptr";
            case 4 -> "dword ptr";
            case 8 -> "qword ptr";
            default -> "no size";
        };
    }

    private static void sameWidth(String mnemonic, Register a, Register b) {
        if (a.bits() != b.bits()) {
            throw new X64EncodingException(mnemonic + " " + a + ", " + b + ": operand widths differ ("
                    + a + " is " + bitsName(a.bits()) + ", " + b + " is " + bitsName(b.bits()) + ")");
        }
    }

    private static void widthIn(String mnemonic, Register r, String what, int... allowed) {
        for (int bits : allowed) {
            if (r.bits() == bits) {
                return;
            }
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            list.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ").append(allowed[i]);
        }
        throw new X64EncodingException(mnemonic + ": " + what + " " + r + " is " + bitsName(r.bits())
                + "; allowed " + list + "-bit registers");
    }

    /** The memory operand's size must be unset or match the register's width. */
    private static void memMatches(String mnemonic, Mem m, Register r) {
        if (m.size() != 0 && m.size() * 8 != r.bits()) {
            throw new X64EncodingException(mnemonic + ": memory operand is " + sizeName(m.size()) + " but " + r
                    + " is " + bitsName(r.bits()) + "; use " + sizeName(r.bits() / 8) + " or no size");
        }
    }

    /** The memory operand must carry its size (there is no register to give it); returns it in bits. */
    private static int memSize(String mnemonic, Mem m) {
        if (m.size() == 0) {
            throw new X64EncodingException(mnemonic + ": memory operand needs a size (byte, word, dword or qword"
                    + " ptr: Mem.byteSize(), word(), dword(), qword())");
        }
        return m.size() * 8;
    }

    /** An immediate for an operand of {@code bits}: 8 allows -128..255, 16 allows -32768..65535, else any int. */
    private static void immediateFits(String mnemonic, int bits, long imm) {
        if (bits == 8 && (imm < -128 || imm > 255)) {
            throw new X64EncodingException(mnemonic + ": immediate " + imm + " does not fit in 8 bits; allowed -128..255");
        }
        if (bits == 16 && (imm < -32768 || imm > 65535)) {
            throw new X64EncodingException(mnemonic + ": immediate " + imm
                    + " does not fit in 16 bits; allowed -32768..65535");
        }
    }

    /** True when the immediate, taken at the operand's width, is a sign-extended 8-bit value. */
    private static boolean fitsImm8(int bits, int imm) {
        int value = bits == 16 ? (short) imm : imm;
        return value >= -128 && value <= 127;
    }

    /** Writes an immediate of the operand's width, at most 32 bits ("iz": 64-bit operands sign-extend it). */
    private void immediate(int bits, int imm) {
        switch (bits) {
            case 8 -> put(imm);
            case 16 -> put16(imm);
            default -> put32(imm);
        }
    }

    private static int immediateBytes(int bits) {
        return bits == 8 ? 1 : bits == 16 ? 2 : 4;
    }

    private static boolean needsRex(Register... registers) {
        for (Register r : registers) {
            if (r.needsRexForByte()) {
                return true;
            }
        }
        return false;
    }

    private static Register cl(String mnemonic, Register count) {
        if (count.number() != 1 || count.bits() != 8) {
            throw new X64EncodingException(mnemonic + ": a shift count register must be cl, got " + count);
        }
        return count;
    }

    // ---------------------------------------------------------------- moves

    /** {@code mov dst, src}: 88/89 /r (SDM "MOV"), the MR form as LLVM picks. */
    public X64Assembler mov(Register dst, Register src) {
        sameWidth("mov", dst, src);
        registerForm(dst.bits(), dst.bits() == 8 ? 0x88 : 0x89, src.number(), dst.number(), needsRex(dst, src));
        return this;
    }

    /** {@code mov dst, [mem]}: 8A/8B /r. */
    public X64Assembler mov(Register dst, Mem src) {
        memMatches("mov", src, dst);
        memoryForm("mov", dst.bits(), dst.bits() == 8 ? 0x8a : 0x8b, dst.number(), src, needsRex(dst), 0);
        return this;
    }

    /** {@code mov [mem], src}: 88/89 /r. */
    public X64Assembler mov(Mem dst, Register src) {
        memMatches("mov", dst, src);
        memoryForm("mov", src.bits(), src.bits() == 8 ? 0x88 : 0x89, src.number(), dst, needsRex(src), 0);
        return this;
    }

    /**
     * {@code mov dst, imm}: B0+r ib, 66 B8+r iw, B8+r id for 8/16/32-bit registers (values up to
     * the unsigned maximum of the width are allowed, as in LLVM); for a 64-bit register
     * {@code REX.W C7 /0 id} when {@code imm} fits a sign-extended 32 bits, else {@link #movabs}.
     */
    public X64Assembler mov(Register dst, long imm) {
        switch (dst.bits()) {
            case 8 -> {
                immediateFits("mov", 8, imm);
                prefixes(8, 0, 0, dst.number() >> 3, dst.needsRexForByte());
                put(0xb0 + dst.low3());
                put((int) imm);
            }
            case 16 -> {
                immediateFits("mov", 16, imm);
                prefixes(16, 0, 0, dst.number() >> 3, false);
                put(0xb8 + dst.low3());
                put16((int) imm);
            }
            case 32 -> {
                if (imm < Integer.MIN_VALUE || imm > 0xffff_ffffL) {
                    throw new X64EncodingException("mov: immediate " + imm + " does not fit in 32 bits for " + dst
                            + "; allowed -2147483648..4294967295");
                }
                prefixes(32, 0, 0, dst.number() >> 3, false);
                put(0xb8 + dst.low3());
                put32((int) imm);
            }
            default -> {
                if (imm == (int) imm) {
                    registerForm(64, 0xc7, 0, dst.number(), false);
                    put32((int) imm);
                } else {
                    movabs(dst, imm);
                }
            }
        }
        return this;
    }

    /** {@code mov size ptr [mem], imm}: C6 /0 ib, C7 /0 iw/id (qword sign-extends the 32-bit value). */
    public X64Assembler mov(Mem dst, int imm) {
        int bits = memSize("mov", dst);
        immediateFits("mov", bits, imm);
        memoryForm("mov", bits, bits == 8 ? 0xc6 : 0xc7, 0, dst, false, immediateBytes(bits));
        immediate(bits, imm);
        return this;
    }

    /** {@code movabs r64, imm64}: REX.W B8+r io, always 10 bytes (a patchable 64-bit field at offset 2). */
    public X64Assembler movabs(Register r64, long imm) {
        widthIn("movabs", r64, "destination", 64);
        prefixes(64, 0, 0, r64.number() >> 3, false);
        put(0xb8 + r64.low3());
        emit64(imm);
        return this;
    }

    /** {@code movzx dst, src}: 0F B6 /r (byte source) or 0F B7 /r (word source, 32/64-bit destination). */
    public X64Assembler movzx(Register dst, Register src) {
        widthIn("movzx", dst, "destination", 16, 32, 64);
        widthIn("movzx", src, "source", 8, 16);
        if (src.bits() >= dst.bits()) {
            throw new X64EncodingException("movzx " + dst + ", " + src + ": the source must be narrower than the destination");
        }
        registerForm(dst.bits(), src.bits() == 8 ? 0x0fb6 : 0x0fb7, dst.number(), src.number(), needsRex(src));
        return this;
    }

    /** {@code movzx dst, byte/word ptr [mem]}: 0F B6 /r or 0F B7 /r. */
    public X64Assembler movzx(Register dst, Mem src) {
        widthIn("movzx", dst, "destination", 16, 32, 64);
        if (src.size() != 1 && src.size() != 2) {
            throw new X64EncodingException("movzx: memory operand must be byte ptr or word ptr, got " + sizeName(src.size()));
        }
        if (src.size() * 8 >= dst.bits()) {
            throw new X64EncodingException("movzx " + dst + ": the source (" + sizeName(src.size())
                    + ") must be narrower than the destination");
        }
        memoryForm("movzx", dst.bits(), src.size() == 1 ? 0x0fb6 : 0x0fb7, dst.number(), src, false, 0);
        return this;
    }

    /** {@code movsx dst, src}: 0F BE /r (byte source) or 0F BF /r (word source, 32/64-bit destination). */
    public X64Assembler movsx(Register dst, Register src) {
        widthIn("movsx", dst, "destination", 16, 32, 64);
        widthIn("movsx", src, "source", 8, 16);
        if (src.bits() >= dst.bits()) {
            throw new X64EncodingException("movsx " + dst + ", " + src + ": the source must be narrower than the destination");
        }
        registerForm(dst.bits(), src.bits() == 8 ? 0x0fbe : 0x0fbf, dst.number(), src.number(), needsRex(src));
        return this;
    }

    /** {@code movsx dst, byte/word ptr [mem]}: 0F BE /r or 0F BF /r. */
    public X64Assembler movsx(Register dst, Mem src) {
        widthIn("movsx", dst, "destination", 16, 32, 64);
        if (src.size() != 1 && src.size() != 2) {
            throw new X64EncodingException("movsx: memory operand must be byte ptr or word ptr, got " + sizeName(src.size()));
        }
        if (src.size() * 8 >= dst.bits()) {
            throw new X64EncodingException("movsx " + dst + ": the source (" + sizeName(src.size())
                    + ") must be narrower than the destination");
        }
        memoryForm("movsx", dst.bits(), src.size() == 1 ? 0x0fbe : 0x0fbf, dst.number(), src, false, 0);
        return this;
    }

    /** {@code movsxd r64, r32}: REX.W 63 /r. */
    public X64Assembler movsxd(Register r64, Register r32) {
        widthIn("movsxd", r64, "destination", 64);
        widthIn("movsxd", r32, "source", 32);
        registerForm(64, 0x63, r64.number(), r32.number(), false);
        return this;
    }

    /** {@code movsxd r64, dword ptr [mem]}: REX.W 63 /r. */
    public X64Assembler movsxd(Register r64, Mem src) {
        widthIn("movsxd", r64, "destination", 64);
        if (src.size() != 0 && src.size() != 4) {
            throw new X64EncodingException("movsxd: memory operand must be dword ptr, got " + sizeName(src.size()));
        }
        memoryForm("movsxd", 64, 0x63, r64.number(), src, false, 0);
        return this;
    }

    /** {@code lea dst, [mem]}: 8D /r (the memory operand's size is ignored). */
    public X64Assembler lea(Register dst, Mem src) {
        widthIn("lea", dst, "destination", 16, 32, 64);
        memoryForm("lea", dst.bits(), 0x8d, dst.number(), src, false, 0);
        return this;
    }

    // ---------------------------------------------------------------- ALU: add or adc sbb and sub xor cmp

    private X64Assembler aluRR(String mnemonic, int op, Register dst, Register src) {
        sameWidth(mnemonic, dst, src);
        registerForm(dst.bits(), op << 3 | (dst.bits() == 8 ? 0 : 1), src.number(), dst.number(), needsRex(dst, src));
        return this;
    }

    private X64Assembler aluRM(String mnemonic, int op, Register dst, Mem src) {
        memMatches(mnemonic, src, dst);
        memoryForm(mnemonic, dst.bits(), op << 3 | (dst.bits() == 8 ? 2 : 3), dst.number(), src, needsRex(dst), 0);
        return this;
    }

    private X64Assembler aluMR(String mnemonic, int op, Mem dst, Register src) {
        memMatches(mnemonic, dst, src);
        memoryForm(mnemonic, src.bits(), op << 3 | (src.bits() == 8 ? 0 : 1), src.number(), dst, needsRex(src), 0);
        return this;
    }

    /** 83 /op ib when the value fits, else the accumulator short form (04/05+op*8) for al/ax/eax/rax, else 80/81 /op. */
    private X64Assembler aluRI(String mnemonic, int op, Register dst, int imm) {
        int bits = dst.bits();
        immediateFits(mnemonic, bits, imm);
        if (bits == 8) {
            if (dst.number() == 0) {
                put(op << 3 | 4);
            } else {
                registerForm(8, 0x80, op, dst.number(), dst.needsRexForByte());
            }
            put(imm);
        } else if (fitsImm8(bits, imm)) {
            registerForm(bits, 0x83, op, dst.number(), false);
            put(imm);
        } else {
            if (dst.number() == 0) {
                prefixes(bits, 0, 0, 0, false);
                put(op << 3 | 5);
            } else {
                registerForm(bits, 0x81, op, dst.number(), false);
            }
            immediate(bits, imm);
        }
        return this;
    }

    private X64Assembler aluMI(String mnemonic, int op, Mem dst, int imm) {
        int bits = memSize(mnemonic, dst);
        immediateFits(mnemonic, bits, imm);
        if (bits == 8) {
            memoryForm(mnemonic, 8, 0x80, op, dst, false, 1);
            put(imm);
        } else if (fitsImm8(bits, imm)) {
            memoryForm(mnemonic, bits, 0x83, op, dst, false, 1);
            put(imm);
        } else {
            memoryForm(mnemonic, bits, 0x81, op, dst, false, immediateBytes(bits));
            immediate(bits, imm);
        }
        return this;
    }

    /** {@code add dst, src} (SDM "ADD": 00/01 /r). */
    public X64Assembler add(Register dst, Register src) { return aluRR("add", ALU_ADD, dst, src); }
    /** {@code add dst, [mem]} (02/03 /r). */
    public X64Assembler add(Register dst, Mem src) { return aluRM("add", ALU_ADD, dst, src); }
    /** {@code add [mem], src} (00/01 /r). */
    public X64Assembler add(Mem dst, Register src) { return aluMR("add", ALU_ADD, dst, src); }
    /** {@code add dst, imm} (83 /0 ib, 05 iz, 81 /0 iz, 04 ib, 80 /0 ib). */
    public X64Assembler add(Register dst, int imm) { return aluRI("add", ALU_ADD, dst, imm); }
    /** {@code add size ptr [mem], imm} (80/81/83 /0). */
    public X64Assembler add(Mem dst, int imm) { return aluMI("add", ALU_ADD, dst, imm); }

    /** {@code or dst, src} (08/09 /r). */
    public X64Assembler or(Register dst, Register src) { return aluRR("or", ALU_OR, dst, src); }
    /** {@code or dst, [mem]} (0A/0B /r). */
    public X64Assembler or(Register dst, Mem src) { return aluRM("or", ALU_OR, dst, src); }
    /** {@code or [mem], src} (08/09 /r). */
    public X64Assembler or(Mem dst, Register src) { return aluMR("or", ALU_OR, dst, src); }
    /** {@code or dst, imm} (83 /1 ib, 0D iz, 81 /1 iz, 0C ib, 80 /1 ib). */
    public X64Assembler or(Register dst, int imm) { return aluRI("or", ALU_OR, dst, imm); }
    /** {@code or size ptr [mem], imm} (80/81/83 /1). */
    public X64Assembler or(Mem dst, int imm) { return aluMI("or", ALU_OR, dst, imm); }

    /** {@code adc dst, src} (10/11 /r). */
    public X64Assembler adc(Register dst, Register src) { return aluRR("adc", ALU_ADC, dst, src); }
    /** {@code adc dst, [mem]} (12/13 /r). */
    public X64Assembler adc(Register dst, Mem src) { return aluRM("adc", ALU_ADC, dst, src); }
    /** {@code adc [mem], src} (10/11 /r). */
    public X64Assembler adc(Mem dst, Register src) { return aluMR("adc", ALU_ADC, dst, src); }
    /** {@code adc dst, imm} (83 /2 ib, 15 iz, 81 /2 iz, 14 ib, 80 /2 ib). */
    public X64Assembler adc(Register dst, int imm) { return aluRI("adc", ALU_ADC, dst, imm); }
    /** {@code adc size ptr [mem], imm} (80/81/83 /2). */
    public X64Assembler adc(Mem dst, int imm) { return aluMI("adc", ALU_ADC, dst, imm); }

    /** {@code sbb dst, src} (18/19 /r). */
    public X64Assembler sbb(Register dst, Register src) { return aluRR("sbb", ALU_SBB, dst, src); }
    /** {@code sbb dst, [mem]} (1A/1B /r). */
    public X64Assembler sbb(Register dst, Mem src) { return aluRM("sbb", ALU_SBB, dst, src); }
    /** {@code sbb [mem], src} (18/19 /r). */
    public X64Assembler sbb(Mem dst, Register src) { return aluMR("sbb", ALU_SBB, dst, src); }
    /** {@code sbb dst, imm} (83 /3 ib, 1D iz, 81 /3 iz, 1C ib, 80 /3 ib). */
    public X64Assembler sbb(Register dst, int imm) { return aluRI("sbb", ALU_SBB, dst, imm); }
    /** {@code sbb size ptr [mem], imm} (80/81/83 /3). */
    public X64Assembler sbb(Mem dst, int imm) { return aluMI("sbb", ALU_SBB, dst, imm); }

    /** {@code and dst, src} (20/21 /r). */
    public X64Assembler and(Register dst, Register src) { return aluRR("and", ALU_AND, dst, src); }
    /** {@code and dst, [mem]} (22/23 /r). */
    public X64Assembler and(Register dst, Mem src) { return aluRM("and", ALU_AND, dst, src); }
    /** {@code and [mem], src} (20/21 /r). */
    public X64Assembler and(Mem dst, Register src) { return aluMR("and", ALU_AND, dst, src); }
    /** {@code and dst, imm} (83 /4 ib, 25 iz, 81 /4 iz, 24 ib, 80 /4 ib). */
    public X64Assembler and(Register dst, int imm) { return aluRI("and", ALU_AND, dst, imm); }
    /** {@code and size ptr [mem], imm} (80/81/83 /4). */
    public X64Assembler and(Mem dst, int imm) { return aluMI("and", ALU_AND, dst, imm); }

    /** {@code sub dst, src} (28/29 /r). */
    public X64Assembler sub(Register dst, Register src) { return aluRR("sub", ALU_SUB, dst, src); }
    /** {@code sub dst, [mem]} (2A/2B /r). */
    public X64Assembler sub(Register dst, Mem src) { return aluRM("sub", ALU_SUB, dst, src); }
    /** {@code sub [mem], src} (28/29 /r). */
    public X64Assembler sub(Mem dst, Register src) { return aluMR("sub", ALU_SUB, dst, src); }
    /** {@code sub dst, imm} (83 /5 ib, 2D iz, 81 /5 iz, 2C ib, 80 /5 ib). */
    public X64Assembler sub(Register dst, int imm) { return aluRI("sub", ALU_SUB, dst, imm); }
    /** {@code sub size ptr [mem], imm} (80/81/83 /5). */
    public X64Assembler sub(Mem dst, int imm) { return aluMI("sub", ALU_SUB, dst, imm); }

    /** {@code xor dst, src} (30/31 /r). */
    public X64Assembler xor(Register dst, Register src) { return aluRR("xor", ALU_XOR, dst, src); }
    /** {@code xor dst, [mem]} (32/33 /r). */
    public X64Assembler xor(Register dst, Mem src) { return aluRM("xor", ALU_XOR, dst, src); }
    /** {@code xor [mem], src} (30/31 /r). */
    public X64Assembler xor(Mem dst, Register src) { return aluMR("xor", ALU_XOR, dst, src); }
    /** {@code xor dst, imm} (83 /6 ib, 35 iz, 81 /6 iz, 34 ib, 80 /6 ib). */
    public X64Assembler xor(Register dst, int imm) { return aluRI("xor", ALU_XOR, dst, imm); }
    /** {@code xor size ptr [mem], imm} (80/81/83 /6). */
    public X64Assembler xor(Mem dst, int imm) { return aluMI("xor", ALU_XOR, dst, imm); }

    /** {@code cmp a, b} (38/39 /r). */
    public X64Assembler cmp(Register a, Register b) { return aluRR("cmp", ALU_CMP, a, b); }
    /** {@code cmp a, [mem]} (3A/3B /r). */
    public X64Assembler cmp(Register a, Mem b) { return aluRM("cmp", ALU_CMP, a, b); }
    /** {@code cmp [mem], b} (38/39 /r). */
    public X64Assembler cmp(Mem a, Register b) { return aluMR("cmp", ALU_CMP, a, b); }
    /** {@code cmp a, imm} (83 /7 ib, 3D iz, 81 /7 iz, 3C ib, 80 /7 ib). */
    public X64Assembler cmp(Register a, int imm) { return aluRI("cmp", ALU_CMP, a, imm); }
    /** {@code cmp size ptr [mem], imm} (80/81/83 /7). */
    public X64Assembler cmp(Mem a, int imm) { return aluMI("cmp", ALU_CMP, a, imm); }

    // ---------------------------------------------------------------- test

    /** {@code test a, b}: 84/85 /r (rm = a, reg = b). */
    public X64Assembler test(Register a, Register b) {
        sameWidth("test", a, b);
        registerForm(a.bits(), a.bits() == 8 ? 0x84 : 0x85, b.number(), a.number(), needsRex(a, b));
        return this;
    }

    /** {@code test [mem], b}: 84/85 /r. */
    public X64Assembler test(Mem a, Register b) {
        memMatches("test", a, b);
        memoryForm("test", b.bits(), b.bits() == 8 ? 0x84 : 0x85, b.number(), a, needsRex(b), 0);
        return this;
    }

    /** {@code test a, imm}: A8 ib / A9 iz for the accumulator, else F6 /0 ib / F7 /0 iz (no imm8 form exists). */
    public X64Assembler test(Register a, int imm) {
        int bits = a.bits();
        immediateFits("test", bits, imm);
        if (a.number() == 0) {
            prefixes(bits, 0, 0, 0, false);
            put(bits == 8 ? 0xa8 : 0xa9);
        } else {
            registerForm(bits, bits == 8 ? 0xf6 : 0xf7, 0, a.number(), a.needsRexForByte());
        }
        immediate(bits, imm);
        return this;
    }

    /** {@code test size ptr [mem], imm}: F6 /0 ib / F7 /0 iz. */
    public X64Assembler test(Mem a, int imm) {
        int bits = memSize("test", a);
        immediateFits("test", bits, imm);
        memoryForm("test", bits, bits == 8 ? 0xf6 : 0xf7, 0, a, false, immediateBytes(bits));
        immediate(bits, imm);
        return this;
    }

    // ---------------------------------------------------------------- multiply, divide, unary

    /** {@code imul dst, src}: 0F AF /r (16, 32 or 64-bit). */
    public X64Assembler imul(Register dst, Register src) {
        sameWidth("imul", dst, src);
        widthIn("imul", dst, "destination", 16, 32, 64);
        registerForm(dst.bits(), 0x0faf, dst.number(), src.number(), false);
        return this;
    }

    /** {@code imul dst, [mem]}: 0F AF /r. */
    public X64Assembler imul(Register dst, Mem src) {
        widthIn("imul", dst, "destination", 16, 32, 64);
        memMatches("imul", src, dst);
        memoryForm("imul", dst.bits(), 0x0faf, dst.number(), src, false, 0);
        return this;
    }

    /** {@code imul dst, src, imm}: 6B /r ib when the value fits a sign-extended byte, else 69 /r iz. */
    public X64Assembler imul(Register dst, Register src, int imm) {
        sameWidth("imul", dst, src);
        widthIn("imul", dst, "destination", 16, 32, 64);
        immediateFits("imul", dst.bits(), imm);
        boolean short8 = fitsImm8(dst.bits(), imm);
        registerForm(dst.bits(), short8 ? 0x6b : 0x69, dst.number(), src.number(), false);
        immediate(short8 ? 8 : dst.bits(), imm);
        return this;
    }

    /** {@code imul dst, [mem], imm}: 6B /r ib or 69 /r iz. */
    public X64Assembler imul(Register dst, Mem src, int imm) {
        widthIn("imul", dst, "destination", 16, 32, 64);
        memMatches("imul", src, dst);
        immediateFits("imul", dst.bits(), imm);
        boolean short8 = fitsImm8(dst.bits(), imm);
        memoryForm("imul", dst.bits(), short8 ? 0x6b : 0x69, dst.number(), src, false,
                short8 ? 1 : immediateBytes(dst.bits()));
        immediate(short8 ? 8 : dst.bits(), imm);
        return this;
    }

    /** {@code cqo}: REX.W 99, sign-extends rax into rdx:rax. */
    public X64Assembler cqo() {
        put(rex(1, 0, 0, 0));
        put(0x99);
        return this;
    }

    /** {@code cdqe}: REX.W 98, sign-extends eax into rax. */
    public X64Assembler cdqe() {
        put(rex(1, 0, 0, 0));
        put(0x98);
        return this;
    }

    /** {@code cdq}: 99, sign-extends eax into edx:eax. */
    public X64Assembler cdq() {
        put(0x99);
        return this;
    }

    private X64Assembler unary(String mnemonic, int ext, Register r) {
        registerForm(r.bits(), r.bits() == 8 ? 0xf6 : 0xf7, ext, r.number(), r.needsRexForByte());
        return this;
    }

    private X64Assembler unary(String mnemonic, int ext, Mem m) {
        int bits = memSize(mnemonic, m);
        memoryForm(mnemonic, bits, bits == 8 ? 0xf6 : 0xf7, ext, m, false, 0);
        return this;
    }

    /** {@code idiv r}: F6/F7 /7, signed divide of rdx:rax (edx:eax, dx:ax, ax) by r. */
    public X64Assembler idiv(Register r) { return unary("idiv", UNARY_IDIV, r); }
    /** {@code idiv size ptr [mem]}: F6/F7 /7. */
    public X64Assembler idiv(Mem m) { return unary("idiv", UNARY_IDIV, m); }
    /** {@code div r}: F6/F7 /6, unsigned divide. */
    public X64Assembler div(Register r) { return unary("div", UNARY_DIV, r); }
    /** {@code div size ptr [mem]}: F6/F7 /6. */
    public X64Assembler div(Mem m) { return unary("div", UNARY_DIV, m); }
    /** {@code mul r}: F6/F7 /4, unsigned multiply of rax (eax, ax, al) by r into rdx:rax. */
    public X64Assembler mul(Register r) { return unary("mul", UNARY_MUL, r); }

    /** {@code imul r/m} with one operand: rdx:rax = rax * r, signed (F7 /5). */
    public X64Assembler imul(Register r) { return unary("imul", UNARY_IMUL, r); }
    /** {@code mul size ptr [mem]}: F6/F7 /4. */
    public X64Assembler mul(Mem m) { return unary("mul", UNARY_MUL, m); }
    /** {@code neg r}: F6/F7 /3. */
    public X64Assembler neg(Register r) { return unary("neg", UNARY_NEG, r); }
    /** {@code neg size ptr [mem]}: F6/F7 /3. */
    public X64Assembler neg(Mem m) { return unary("neg", UNARY_NEG, m); }
    /** {@code not r}: F6/F7 /2. */
    public X64Assembler not(Register r) { return unary("not", UNARY_NOT, r); }
    /** {@code not size ptr [mem]}: F6/F7 /2. */
    public X64Assembler not(Mem m) { return unary("not", UNARY_NOT, m); }

    private X64Assembler incDec(String mnemonic, int ext, Register r) {
        registerForm(r.bits(), r.bits() == 8 ? 0xfe : 0xff, ext, r.number(), r.needsRexForByte());
        return this;
    }

    private X64Assembler incDec(String mnemonic, int ext, Mem m) {
        int bits = memSize(mnemonic, m);
        memoryForm(mnemonic, bits, bits == 8 ? 0xfe : 0xff, ext, m, false, 0);
        return this;
    }

    /** {@code inc r}: FE/FF /0. */
    public X64Assembler inc(Register r) { return incDec("inc", INC, r); }
    /** {@code inc size ptr [mem]}: FE/FF /0. */
    public X64Assembler inc(Mem m) { return incDec("inc", INC, m); }
    /** {@code dec r}: FE/FF /1. */
    public X64Assembler dec(Register r) { return incDec("dec", DEC, r); }
    /** {@code dec size ptr [mem]}: FE/FF /1. */
    public X64Assembler dec(Mem m) { return incDec("dec", DEC, m); }

    // ---------------------------------------------------------------- shifts

    private static void shiftCount(String mnemonic, int count) {
        if (count < 0 || count > 255) {
            throw new X64EncodingException(mnemonic + ": shift count " + count + " is out of range; allowed 0..255");
        }
    }

    private X64Assembler shift(String mnemonic, int ext, Register r, int count) {
        shiftCount(mnemonic, count);
        boolean byteOp = r.bits() == 8;
        if (count == 1) {
            registerForm(r.bits(), byteOp ? 0xd0 : 0xd1, ext, r.number(), r.needsRexForByte());
        } else {
            registerForm(r.bits(), byteOp ? 0xc0 : 0xc1, ext, r.number(), r.needsRexForByte());
            put(count);
        }
        return this;
    }

    private X64Assembler shift(String mnemonic, int ext, Register r, Register count) {
        cl(mnemonic, count);
        registerForm(r.bits(), r.bits() == 8 ? 0xd2 : 0xd3, ext, r.number(), r.needsRexForByte());
        return this;
    }

    private X64Assembler shift(String mnemonic, int ext, Mem m, int count) {
        int bits = memSize(mnemonic, m);
        shiftCount(mnemonic, count);
        if (count == 1) {
            memoryForm(mnemonic, bits, bits == 8 ? 0xd0 : 0xd1, ext, m, false, 0);
        } else {
            memoryForm(mnemonic, bits, bits == 8 ? 0xc0 : 0xc1, ext, m, false, 1);
            put(count);
        }
        return this;
    }

    private X64Assembler shift(String mnemonic, int ext, Mem m, Register count) {
        int bits = memSize(mnemonic, m);
        cl(mnemonic, count);
        memoryForm(mnemonic, bits, bits == 8 ? 0xd2 : 0xd3, ext, m, false, 0);
        return this;
    }

    /** {@code shl r, count}: D1 /4 for 1, C1 /4 ib otherwise (D0/C0 for bytes). */
    public X64Assembler shl(Register r, int count) { return shift("shl", SHIFT_SHL, r, count); }
    /** {@code shl r, cl}: D3 /4 (D2 for bytes). */
    public X64Assembler shl(Register r, Register cl) { return shift("shl", SHIFT_SHL, r, cl); }
    /** {@code shl size ptr [mem], count}. */
    public X64Assembler shl(Mem m, int count) { return shift("shl", SHIFT_SHL, m, count); }
    /** {@code shl size ptr [mem], cl}. */
    public X64Assembler shl(Mem m, Register cl) { return shift("shl", SHIFT_SHL, m, cl); }
    /** {@code shr r, count}: D1 /5 or C1 /5 ib. */
    public X64Assembler shr(Register r, int count) { return shift("shr", SHIFT_SHR, r, count); }
    /** {@code shr r, cl}: D3 /5. */
    public X64Assembler shr(Register r, Register cl) { return shift("shr", SHIFT_SHR, r, cl); }
    /** {@code shr size ptr [mem], count}. */
    public X64Assembler shr(Mem m, int count) { return shift("shr", SHIFT_SHR, m, count); }
    /** {@code shr size ptr [mem], cl}. */
    public X64Assembler shr(Mem m, Register cl) { return shift("shr", SHIFT_SHR, m, cl); }
    /** {@code sar r, count}: D1 /7 or C1 /7 ib. */
    public X64Assembler sar(Register r, int count) { return shift("sar", SHIFT_SAR, r, count); }
    /** {@code sar r, cl}: D3 /7. */
    public X64Assembler sar(Register r, Register cl) { return shift("sar", SHIFT_SAR, r, cl); }
    /** {@code sar size ptr [mem], count}. */
    public X64Assembler sar(Mem m, int count) { return shift("sar", SHIFT_SAR, m, count); }
    /** {@code sar size ptr [mem], cl}. */
    public X64Assembler sar(Mem m, Register cl) { return shift("sar", SHIFT_SAR, m, cl); }

    // ---------------------------------------------------------------- conditions

    /** {@code setcc r8}: 0F 90+cc /0. */
    public X64Assembler setcc(Condition cc, Register r8) {
        widthIn("set" + cc.suffix(), r8, "operand", 8);
        registerForm(8, 0x0f90 + cc.code(), 0, r8.number(), r8.needsRexForByte());
        return this;
    }

    /** {@code setcc byte ptr [mem]}: 0F 90+cc /0. */
    public X64Assembler setcc(Condition cc, Mem m) {
        if (m.size() != 0 && m.size() != 1) {
            throw new X64EncodingException("set" + cc.suffix() + ": memory operand must be byte ptr, got " + sizeName(m.size()));
        }
        memoryForm("set" + cc.suffix(), 8, 0x0f90 + cc.code(), 0, m, false, 0);
        return this;
    }

    /** {@code cmovcc dst, src}: 0F 40+cc /r (16, 32 or 64-bit). */
    public X64Assembler cmovcc(Condition cc, Register dst, Register src) {
        String mnemonic = "cmov" + cc.suffix();
        sameWidth(mnemonic, dst, src);
        widthIn(mnemonic, dst, "destination", 16, 32, 64);
        registerForm(dst.bits(), 0x0f40 + cc.code(), dst.number(), src.number(), false);
        return this;
    }

    /** {@code cmovcc dst, [mem]}: 0F 40+cc /r. */
    public X64Assembler cmovcc(Condition cc, Register dst, Mem src) {
        String mnemonic = "cmov" + cc.suffix();
        widthIn(mnemonic, dst, "destination", 16, 32, 64);
        memMatches(mnemonic, src, dst);
        memoryForm(mnemonic, dst.bits(), 0x0f40 + cc.code(), dst.number(), src, false, 0);
        return this;
    }

    // ---------------------------------------------------------------- stack

    /** {@code push r64}: 50+r (REX.B for r8..r15). */
    public X64Assembler push(Register r64) {
        widthIn("push", r64, "operand", 64);
        prefixes(32, 0, 0, r64.number() >> 3, false);
        put(0x50 + r64.low3());
        return this;
    }

    /** {@code pop r64}: 58+r. */
    public X64Assembler pop(Register r64) {
        widthIn("pop", r64, "operand", 64);
        prefixes(32, 0, 0, r64.number() >> 3, false);
        put(0x58 + r64.low3());
        return this;
    }

    /** {@code push imm}: 6A ib when it fits a sign-extended byte, else 68 id (sign-extended to 64 bits). */
    public X64Assembler push(int imm) {
        if (imm >= -128 && imm <= 127) {
            put(0x6a);
            put(imm);
        } else {
            put(0x68);
            put32(imm);
        }
        return this;
    }

    // ---------------------------------------------------------------- control

    /** {@code jmp label}: EB rel8 to a bound label in reach, else E9 rel32. */
    public X64Assembler jmp(Label target) {
        if (target.isBound() && fitsRel8(target, 2)) {
            return jmpShort(target);
        }
        return jmpNear(target);
    }

    /** {@code jmp label} as EB rel8, whatever the distance: out of reach is an error at bind. */
    public X64Assembler jmpShort(Label target) {
        long start = size;
        put(0xeb);
        put(0);
        reference(target, 1, size, 0, "jmp", start);
        return this;
    }

    /** {@code jmp label} as E9 rel32 always. */
    X64Assembler jmpNear(Label target) {
        long start = size;
        put(0xe9);
        put32(0);
        reference(target, 4, size, 0, "jmp", start);
        return this;
    }

    /** {@code jmp r64}: FF /4. */
    public X64Assembler jmp(Register r64) {
        widthIn("jmp", r64, "target", 64);
        registerForm(32, 0xff, 4, r64.number(), false);
        return this;
    }

    /** {@code jmp qword ptr [mem]}: FF /4. */
    public X64Assembler jmp(Mem m) {
        indirectTarget("jmp", m);
        memoryForm("jmp", 32, 0xff, 4, m, false, 0);
        return this;
    }

    /** {@code jmp rel32}: E9 cd, {@code rel} relative to the end of the 5-byte instruction. */
    public X64Assembler jmpRel32(int rel) {
        put(0xe9);
        put32(rel);
        return this;
    }

    /** {@code call label}: E8 rel32. */
    public X64Assembler call(Label target) {
        long start = size;
        put(0xe8);
        put32(0);
        reference(target, 4, size, 0, "call", start);
        return this;
    }

    /** {@code call r64}: FF /2. */
    public X64Assembler call(Register r64) {
        widthIn("call", r64, "target", 64);
        registerForm(32, 0xff, 2, r64.number(), false);
        return this;
    }

    /** {@code call qword ptr [mem]}: FF /2. */
    public X64Assembler call(Mem m) {
        indirectTarget("call", m);
        memoryForm("call", 32, 0xff, 2, m, false, 0);
        return this;
    }

    /** {@code call rel32}: E8 cd, {@code rel} relative to the end of the 5-byte instruction. */
    public X64Assembler callRel32(int rel) {
        put(0xe8);
        put32(rel);
        return this;
    }

    private static void indirectTarget(String mnemonic, Mem m) {
        if (m.size() != 0 && m.size() != 8) {
            throw new X64EncodingException(mnemonic + ": memory operand must be qword ptr, got " + sizeName(m.size()));
        }
    }

    /** {@code jcc label}: 70+cc rel8 to a bound label in reach, else 0F 80+cc rel32. */
    public X64Assembler jcc(Condition cc, Label target) {
        if (target.isBound() && fitsRel8(target, 2)) {
            return jccShort(cc, target);
        }
        return jccNear(cc, target);
    }

    /** {@code jcc label} as 70+cc rel8, whatever the distance: out of reach is an error at bind. */
    public X64Assembler jccShort(Condition cc, Label target) {
        long start = size;
        put(0x70 + cc.code());
        put(0);
        reference(target, 1, size, 0, "j" + cc.suffix(), start);
        return this;
    }

    /** {@code jcc label} as 0F 80+cc rel32 always. */
    X64Assembler jccNear(Condition cc, Label target) {
        long start = size;
        put(0x0f);
        put(0x80 + cc.code());
        put32(0);
        reference(target, 4, size, 0, "j" + cc.suffix(), start);
        return this;
    }

    /** {@code jcc rel32}: 0F 80+cc cd, {@code rel} relative to the end of the 6-byte instruction. */
    public X64Assembler jccRel32(Condition cc, int rel) {
        put(0x0f);
        put(0x80 + cc.code());
        put32(rel);
        return this;
    }

    private boolean fitsRel8(Label target, int length) {
        long rel = target.offset() - (size + length);
        return rel >= -128 && rel <= 127;
    }

    /** {@code ret}: C3. */
    public X64Assembler ret() {
        put(0xc3);
        return this;
    }

    /** {@code nop}: 90. */
    public X64Assembler nop() {
        put(0x90);
        return this;
    }

    /**
     * {@code bytes} bytes of NOPs (at least 1), as LLVM pads code: one multi-byte NOP up to 10 bytes
     * ({@code 0F 1F /0} forms), longer runs as several.
     */
    public X64Assembler nop(int bytes) {
        if (bytes < 1) {
            throw new X64EncodingException("nop: length " + bytes + " is out of range; allowed 1 or more bytes");
        }
        padWithNops(bytes);
        return this;
    }

    /** {@code ud2}: 0F 0B, the guaranteed invalid opcode. */
    public X64Assembler ud2() {
        put(0x0f);
        put(0x0b);
        return this;
    }

    /** {@code int3}: CC, the breakpoint trap. */
    public X64Assembler int3() {
        put(0xcc);
        return this;
    }
}
