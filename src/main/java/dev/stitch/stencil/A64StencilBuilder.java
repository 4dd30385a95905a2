package dev.stitch.stencil;

import dev.stitch.a64.A64Assembler;
import dev.stitch.a64.Address;
import dev.stitch.a64.CodeBuffer;
import dev.stitch.a64.Condition;
import dev.stitch.a64.GpRegister;
import dev.stitch.a64.Label;
import dev.stitch.a64.Registers;
import dev.stitch.mem.Architecture;

/**
 * Writes an AArch64 stencil with the A64 assembler: ordinary instructions through {@link #asm()}, and
 * instructions whose operand is a hole through the methods here, e.g.
 * {@code b(HoleRef.continuation())} or {@code movz(X0, A64HoleKind.MOVW_G0, HoleRef.operand())}. Each
 * hole instruction is assembled with a zero field and recorded with its offset; the builder checks
 * that the word is one its kind can patch, so a wrong stencil fails when it is built, not when a
 * trace is compiled.
 */
public final class A64StencilBuilder {
    private final A64Assembler asm = new A64Assembler();
    private final CodeBuffer data = CodeBuffer.growable();
    private final HoleRecorder holes = new HoleRecorder();
    private int alignment = 4;

    /** The assembler, for the instructions without holes. */
    public A64Assembler asm() {
        return asm;
    }

    /** {@code b} to a hole's address. */
    public A64StencilBuilder b(HoleRef target) {
        return code(A64HoleKind.BRANCH26, target, () -> asm.b(0L));
    }

    /** {@code bl} to a hole's address. */
    public A64StencilBuilder bl(HoleRef target) {
        return code(A64HoleKind.BRANCH26, target, () -> asm.bl(0L));
    }

    /** {@code b.cond} to a hole's address. */
    public A64StencilBuilder b(Condition condition, HoleRef target) {
        return code(A64HoleKind.BRANCH19, target, () -> asm.b(condition, 0L));
    }

    public A64StencilBuilder cbz(GpRegister rt, HoleRef target) {
        return code(A64HoleKind.BRANCH19, target, () -> asm.cbz(rt, 0L));
    }

    public A64StencilBuilder cbnz(GpRegister rt, HoleRef target) {
        return code(A64HoleKind.BRANCH19, target, () -> asm.cbnz(rt, 0L));
    }

    public A64StencilBuilder tbz(GpRegister rt, int bit, HoleRef target) {
        return code(A64HoleKind.BRANCH14, target, () -> asm.tbz(rt, bit, 0L));
    }

    public A64StencilBuilder tbnz(GpRegister rt, int bit, HoleRef target) {
        return code(A64HoleKind.BRANCH14, target, () -> asm.tbnz(rt, bit, 0L));
    }

    /** {@code ldr rt, <hole>}: a PC-relative load (literal). */
    public A64StencilBuilder ldrLiteral(GpRegister rt, HoleRef target) {
        return code(A64HoleKind.BRANCH19, target, () -> {
            Label here = asm.newLabel();
            asm.bind(here).ldr(rt, here);
        });
    }

    public A64StencilBuilder adr(GpRegister rd, HoleRef target) {
        return code(A64HoleKind.ADR21, target, () -> asm.adr(rd, 0L));
    }

    public A64StencilBuilder adrp(GpRegister rd, HoleRef target) {
        return code(A64HoleKind.ADRP21, target, () -> asm.adrp(rd, 0L));
    }

    /** {@code add rd, rn, #:lo12:<hole>}. */
    public A64StencilBuilder addLow12(GpRegister rd, GpRegister rn, HoleRef value) {
        return code(A64HoleKind.ADD_LO12, value, () -> asm.add(rd, rn, 0, 0));
    }

    /** {@code sub rd, rn, #:lo12:<hole>}. */
    public A64StencilBuilder subLow12(GpRegister rd, GpRegister rn, HoleRef value) {
        return code(A64HoleKind.ADD_LO12, value, () -> asm.sub(rd, rn, 0, 0));
    }

    /** {@code cmp rn, #:lo12:<hole>}. */
    public A64StencilBuilder cmpLow12(GpRegister rn, HoleRef value) {
        return code(A64HoleKind.ADD_LO12, value, () -> asm.cmp(rn, 0));
    }

    /** {@code ldr rt, [rn, #:lo12:<hole>]}. */
    public A64StencilBuilder ldrLow12(GpRegister rt, GpRegister rn, HoleRef value) {
        return code(A64HoleKind.LDST_LO12, value, () -> asm.ldr(rt, Address.of(rn, 0)));
    }

    /** {@code str rt, [rn, #:lo12:<hole>]}. */
    public A64StencilBuilder strLow12(GpRegister rt, GpRegister rn, HoleRef value) {
        return code(A64HoleKind.LDST_LO12, value, () -> asm.str(rt, Address.of(rn, 0)));
    }

    /** {@code movz rd, #<chunk of hole>, lsl #16·n}, the chunk chosen by {@code kind} (a MOVW kind). */
    public A64StencilBuilder movz(GpRegister rd, A64HoleKind kind, HoleRef value) {
        return code(kind, value, () -> asm.movz(rd, 0, moveWideShift(kind)));
    }

    public A64StencilBuilder movn(GpRegister rd, A64HoleKind kind, HoleRef value) {
        return code(kind, value, () -> asm.movn(rd, 0, moveWideShift(kind)));
    }

    public A64StencilBuilder movk(GpRegister rd, A64HoleKind kind, HoleRef value) {
        return code(kind, value, () -> asm.movk(rd, 0, moveWideShift(kind)));
    }

    /**
     * Makes fields of the instruction just emitted register holes: {@code fields} pairs a
     * register kind ({@link HoleKind#REG_RD}, {@code REG_RN}, {@code REG_RA}, {@code REG_RM}) with
     * the operand it takes ({@link HoleRef#registerD()}, {@code registerA()}, {@code registerB()}).
     * The register assembled there is a placeholder the trace compiler overwrites.
     */
    public A64StencilBuilder registers(Object... fields) {
        int at = (int) asm.position() - 4;
        if (at < 0 || fields.length % 2 != 0) {
            throw new IllegalStateException("stencil builder: registers(...) takes kind/operand pairs after an instruction");
        }
        for (int f = 0; f < fields.length; f += 2) {
            A64HoleKind kind = (A64HoleKind) fields[f];
            if (!kind.isRegister()) {
                throw new IllegalStateException("stencil builder: " + kind + " is not an AArch64 register field");
            }
            hole(at, kind, (HoleRef) fields[f + 1], false);
        }
        return this;
    }

    /** Pads the code with {@code nop} to a multiple of {@code bytes} and makes that the stencil's alignment. */
    public A64StencilBuilder alignCode(int bytes) {
        asm.align(bytes);
        alignment = Math.max(alignment, bytes);
        return this;
    }

    /** A trampoline in the code: {@code ldr x16, #8; br x16; .quad <hole>}, 8-byte aligned. */
    public A64StencilBuilder literalTrampoline(HoleRef target) {
        alignCode(8);
        Label literal = asm.newLabel();
        asm.ldr(Registers.X16, literal).br(Registers.X16).bind(literal);
        hole((int) asm.position(), A64HoleKind.ABS64, target, false);
        asm.emit64(0);
        return this;
    }

    /** The offset the next data byte goes to. */
    public int dataPosition() {
        return (int) data.position();
    }

    /** Appends an 8-byte data value that is a hole (ABS64); returns its data offset. */
    public int dataQuad(HoleRef value) {
        alignData(8);
        int at = dataPosition();
        hole(at, A64HoleKind.ABS64, value, true);
        data.putLong(0);
        return at;
    }

    /** Appends a trampoline to the data section; returns its data offset (8-byte aligned). */
    public int dataTrampoline(HoleRef target) {
        alignData(8);
        int at = dataPosition();
        data.putInt(Trampolines.LDR_X16_LITERAL_8);
        data.putInt(Trampolines.BR_X16);
        hole(dataPosition(), A64HoleKind.ABS64, target, true);
        data.putLong(0);
        return at;
    }

    private void alignData(int bytes) {
        while (data.position() % bytes != 0) {
            data.putInt(0);
        }
    }

    private A64StencilBuilder code(A64HoleKind kind, HoleRef value, Runnable emit) {
        int at = (int) asm.position();
        emit.run();
        int word = asm.buffer().intAt(at);
        if (!kind.accepts(word)) {
            throw new IllegalStateException("stencil builder: " + kind + " cannot patch the word it emitted, 0x"
                    + Integer.toHexString(word));
        }
        hole(at, kind, value, false);
        return this;
    }

    private void hole(int offset, A64HoleKind kind, HoleRef value, boolean inData) {
        holes.add(offset, kind, value, inData);
    }

    private static int moveWideShift(A64HoleKind kind) {
        return switch (kind) {
            case MOVW_G0, MOVW_G0_NC -> 0;
            case MOVW_G1, MOVW_G1_NC -> 16;
            case MOVW_G2, MOVW_G2_NC -> 32;
            case MOVW_G3 -> 48;
            default -> throw new IllegalArgumentException(kind + " is not a move-wide hole kind");
        };
    }

    /** The stencil: the code (with labels resolved) and data written so far, and their holes. */
    public Stencil build(String name) {
        byte[] code = asm.finish().toByteArray();
        return new Stencil(Architecture.AARCH64, name, code, data.toByteArray(), alignment, holes.holes(),
                holes.symbolMask());
    }
}
