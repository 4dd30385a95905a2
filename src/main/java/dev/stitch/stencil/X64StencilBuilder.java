package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import dev.stitch.x64.Condition;
import dev.stitch.x64.Label;
import dev.stitch.x64.Mem;
import dev.stitch.x64.Register;
import dev.stitch.x64.X64Assembler;

import java.io.ByteArrayOutputStream;

/**
 * Writes an x86-64 stencil with the x86-64 assembler: ordinary instructions through
 * {@link #asm()}, and instructions with a hole through the methods here, e.g.
 * {@code jmp(HoleRef.continuation())} or {@code movabs(RAX, HoleRef.operand())}. Every hole is a
 * field at the end of its instruction (a rel32, imm32, imm64 or disp32), assembled as zero; the
 * builder checks the instruction's length and, for the relative kinds, the opcode or ModRM byte
 * before the field, so a wrong stencil fails when it is built, not when a trace is compiled.
 */
public final class X64StencilBuilder {
    private final X64Assembler asm = new X64Assembler();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final HoleRecorder holes = new HoleRecorder();
    private int alignment = 1;

    /** The assembler, for the instructions without holes. */
    public X64Assembler asm() {
        return asm;
    }

    /** {@code jmp rel32} to a hole's address. */
    public X64StencilBuilder jmp(HoleRef target) {
        return field(X64HoleKind.REL32, target, 5, () -> asm.jmpRel32(0));
    }

    /** {@code call rel32} to a hole's address. */
    public X64StencilBuilder call(HoleRef target) {
        return field(X64HoleKind.REL32, target, 5, () -> asm.callRel32(0));
    }

    /** {@code jcc rel32} to a hole's address. */
    public X64StencilBuilder jcc(Condition condition, HoleRef target) {
        return field(X64HoleKind.REL32, target, 6, () -> asm.jccRel32(condition, 0));
    }

    /** {@code call qword ptr [rip + <hole>]}: an indirect call through a literal. */
    public X64StencilBuilder callRip(HoleRef literal) {
        return field(X64HoleKind.RIP32, literal, 6, () -> asm.call(Mem.rip(0).qword()));
    }

    /** {@code lea r64, [rip + <hole>]}: the address of a place in the trace. */
    public X64StencilBuilder leaRip(Register r64, HoleRef target) {
        requireBits(r64, 64);
        return field(X64HoleKind.RIP32, target, 7, () -> asm.lea(r64, Mem.rip(0)));
    }

    /** {@code movabs r64, <hole>}: any 64-bit value. */
    public X64StencilBuilder movabs(Register r64, HoleRef value) {
        return field(X64HoleKind.ABS64, value, 10, () -> asm.movabs(r64, 0));
    }

    /** {@code mov r32, <hole>}: a zero-extended imm32 (B8+r). */
    public X64StencilBuilder movZeroExtended(Register r32, HoleRef value) {
        requireBits(r32, 32);
        return field(X64HoleKind.ABS32U, value, r32.isExtended() ? 6 : 5, () -> asm.mov(r32, 0L));
    }

    /** {@code mov qword ptr [base], <hole>}: a sign-extended imm32 stored to memory. */
    public X64StencilBuilder storeImmediate(Mem qword, HoleRef value) {
        return field(X64HoleKind.ABS32S, value, -1, () -> asm.mov(qword.qword(), 0));
    }

    /** {@code mov r64, qword ptr [base + <hole>]}: a load at a patched disp32. */
    public X64StencilBuilder load(Register r64, Register base, HoleRef displacement) {
        return field(X64HoleKind.ABS32S, displacement, -1, () -> asm.mov(r64, Mem.of(base).withDisp32()));
    }

    /** {@code mov qword ptr [base + <hole>], r64}: a store at a patched disp32. */
    public X64StencilBuilder store(Register base, HoleRef displacement, Register r64) {
        return field(X64HoleKind.ABS32S, displacement, -1, () -> asm.mov(Mem.of(base).withDisp32(), r64));
    }

    /**
     * A trampoline in the code: two {@code int3}, {@code jmp qword ptr [rip]}, {@code .quad <hole>},
     * placed so the literal is 8-byte aligned; {@code entry} is bound to the {@code jmp}.
     */
    public X64StencilBuilder literalTrampoline(Label entry, HoleRef target) {
        alignCode(8);
        asm.int3().int3().bind(entry);
        asm.jmp(Mem.rip(0).qword());
        int at = (int) asm.position();
        for (int i = 0; i < Trampolines.X64_JMP_RIP.length; i++) {
            if ((byte) asm.byteAt(at - Trampolines.X64_JMP_RIP.length + i) != Trampolines.X64_JMP_RIP[i]) {
                throw new IllegalStateException("stencil builder: jmp qword ptr [rip] is not encoded as FF 25 00000000");
            }
        }
        holes.add(at, X64HoleKind.ABS64, target, false);
        asm.emit64(0);
        return this;
    }

    /**
     * Emits an instruction whose register operands are holes: {@code emit} assembles it with the
     * placeholders {@link #D} (r8), {@link #A} (r9), {@link #B} (r10) and {@link #C} (r11), which force a REX
     * prefix, and every ModRM field or {@code +r} opcode that names one becomes a hole for
     * {@link HoleRef#registerD()}, {@code registerA()} or {@code registerB()}. The instruction
     * must start with its REX prefix; memory operands may use fixed registers other than these.
     */
    public X64StencilBuilder registers(Runnable emit) {
        int start = (int) asm.position();
        emit.run();
        int rex = asm.byteAt(start);
        if ((rex & 0xF0) != 0x40) {
            throw new IllegalStateException("stencil builder: a register-hole instruction must start with REX, got "
                    + String.format("0x%02x", rex));
        }
        int opcode = asm.byteAt(start + 1);
        if (opcode >= 0xB8 && opcode <= 0xBF) {
            holes.add(start, X64HoleKind.OPCODE_REG, placeholder(8 * (rex & 1) + (opcode & 7)), false);
            return this;
        }
        int modrm = asm.byteAt(start + (opcode == 0x0F ? 3 : 2));
        int reg = ((rex >> 2) & 1) << 3 | (modrm >> 3) & 7;
        int rm = (rex & 1) << 3 | modrm & 7;
        boolean found = false;
        if (isPlaceholder(reg)) {
            holes.add(start, X64HoleKind.MODRM_REG, placeholder(reg), false);
            found = true;
        }
        if (modrm >>> 6 == 3 && isPlaceholder(rm)) {
            holes.add(start, X64HoleKind.MODRM_RM, placeholder(rm), false);
            found = true;
        }
        if (modrm >>> 6 != 3 && (modrm & 7) == 0b100) {
            int sib = asm.byteAt(start + (opcode == 0x0F ? 4 : 3));
            int index = ((rex >> 1) & 1) << 3 | (sib >> 3) & 7;
            if (isPlaceholder(index)) {
                holes.add(start, X64HoleKind.SIB_INDEX, placeholder(index), false);
                found = true;
            }
            int base = (rex & 1) << 3 | sib & 7;
            if (isPlaceholder(base)) {
                holes.add(start, X64HoleKind.SIB_BASE, placeholder(base), false);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("stencil builder: the instruction names no placeholder register");
        }
        return this;
    }

    /** The placeholder of a register-shape stencil's result register. */
    public static final Register D = dev.stitch.x64.Registers.R8;
    /** The placeholder of its first operand's register. */
    public static final Register A = dev.stitch.x64.Registers.R9;
    /** The placeholder of its second operand's register. */
    public static final Register B = dev.stitch.x64.Registers.R10;
    /** The placeholder of its third operand's register. */
    public static final Register C = dev.stitch.x64.Registers.R11;

    private static boolean isPlaceholder(int number) {
        return number == D.number() || number == A.number() || number == B.number() || number == C.number();
    }

    private static HoleRef placeholder(int number) {
        if (number == D.number()) {
            return HoleRef.registerD();
        }
        if (number == A.number()) {
            return HoleRef.registerA();
        }
        if (number == B.number()) {
            return HoleRef.registerB();
        }
        if (number == C.number()) {
            return HoleRef.registerC();
        }
        throw new IllegalStateException("stencil builder: register " + number + " is not a placeholder");
    }

    /**
     * Emits an instruction that ends with an imm32 and makes that a hole of {@code kind}
     * ({@link HoleKind#ABS32S} or {@code ABS32U}); {@code emit} assembles it with
     * {@link #IMM32_PLACEHOLDER}, a value that forces the 32-bit form, which is zeroed here.
     * Its register operands may be placeholders as with {@link #registers}.
     */
    public X64StencilBuilder immediate32(X64HoleKind kind, HoleRef value, boolean withRegisters, Runnable emit) {
        return immediate32(kind, value, withRegisters, IMM32_PLACEHOLDER, emit);
    }

    /** {@link #immediate32} with another placeholder, e.g. a negative one for a sign-extended form. */
    public X64StencilBuilder immediate32(X64HoleKind kind, HoleRef value, boolean withRegisters, int placeholder,
                                         Runnable emit) {
        int start = (int) asm.position();
        if (withRegisters) {
            registers(emit);
        } else {
            emit.run();
        }
        int end = (int) asm.position();
        int field = asm.byteAt(end - 4) | asm.byteAt(end - 3) << 8 | asm.byteAt(end - 2) << 16 | asm.byteAt(end - 1) << 24;
        if (field != placeholder || end - start < 5) {
            throw new IllegalStateException("stencil builder: the instruction does not end with the imm32 placeholder");
        }
        holes.add(end - 4, kind, value, false);
        zeroed.add(end - 4);
        return this;
    }

    /** The imm32 a stencil is assembled with where {@link #immediate32} makes a hole. */
    public static final int IMM32_PLACEHOLDER = 0x4000_0000;

    private final java.util.List<Integer> zeroed = new java.util.ArrayList<>();

    /** Pads the code with {@code int3} to a multiple of {@code bytes} and makes that the stencil's alignment. */
    public X64StencilBuilder alignCode(int bytes) {
        while (asm.position() % bytes != 0) {
            asm.int3();
        }
        alignment = Math.max(alignment, bytes);
        return this;
    }

    /** Appends an 8-byte data value that is a hole (ABS64); returns its data offset. */
    public int dataQuad(HoleRef value) {
        alignData(8);
        int at = data.size();
        holes.add(at, X64HoleKind.ABS64, value, true);
        data.writeBytes(new byte[8]);
        return at;
    }

    private void alignData(int bytes) {
        while (data.size() % bytes != 0) {
            data.write(Trampolines.X64_INT3);
        }
    }

    /** {@code cmp r64, qword ptr [rbx + <hole>]}: a register against a local in its frame slot. */
    public X64StencilBuilder cmpLocal(Register r64) {
        return field(X64HoleKind.ABS32S, HoleRef.slot(), -1,
                () -> asm.cmp(r64, Mem.of(FrameLayout.X64_LOCALS_REG).withDisp32()));
    }

    X64StencilBuilder field(X64HoleKind kind, HoleRef value, int expectedLength, Runnable emit) {
        int start = (int) asm.position();
        emit.run();
        int end = (int) asm.position();
        int size = kind.size();
        if (expectedLength > 0 && end - start != expectedLength) {
            throw new IllegalStateException("stencil builder: expected a " + expectedLength + "-byte instruction for "
                    + kind + ", the assembler emitted " + (end - start));
        }
        for (int i = end - size; i < end; i++) {
            if (asm.byteAt(i) != 0) {
                throw new IllegalStateException("stencil builder: the " + kind + " field at offset " + (end - size)
                        + " is not the last " + size + " bytes of its instruction");
            }
        }
        if (kind == X64HoleKind.REL32 || kind == X64HoleKind.RIP32) {
            byte[] before = {(byte) asm.byteAt(Math.max(start, end - size - 2)), (byte) asm.byteAt(end - size - 1)};
            if (!kind.accepts(before, 2)) {
                throw new IllegalStateException("stencil builder: " + kind + " cannot patch the instruction it emitted");
            }
        }
        holes.add(end - size, kind, value, false);
        return this;
    }

    private static void requireBits(Register r, int bits) {
        if (r.bits() != bits) {
            throw new IllegalArgumentException("stencil builder: expected a " + bits + "-bit register, got " + r);
        }
    }

    /** The stencil: the code (with labels resolved) and data written so far, and their holes. */
    public Stencil build(String name) {
        byte[] code = asm.finish();
        for (int at : zeroed) {
            Bytes.putInt(code, at, 0);
        }
        return new Stencil(Architecture.X86_64, name, code, data.toByteArray(), alignment, holes.holes(),
                holes.symbolMask());
    }
}
