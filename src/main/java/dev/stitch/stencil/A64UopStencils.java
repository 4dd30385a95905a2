package dev.stitch.stencil;

import dev.stitch.a64.Address;
import dev.stitch.a64.Condition;
import dev.stitch.a64.GpRegister;
import dev.stitch.a64.Label;
import dev.stitch.a64.Shift;

import java.util.List;

import static dev.stitch.a64.Registers.SP;
import static dev.stitch.a64.Registers.W0;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.X10;
import static dev.stitch.a64.Registers.X11;
import static dev.stitch.a64.Registers.X16;
import static dev.stitch.a64.Registers.X2;
import static dev.stitch.a64.Registers.X25;
import static dev.stitch.a64.Registers.X26;
import static dev.stitch.a64.Registers.X27;
import static dev.stitch.a64.Registers.X28;
import static dev.stitch.a64.Registers.X29;
import static dev.stitch.a64.Registers.X3;
import static dev.stitch.a64.Registers.X30;
import static dev.stitch.a64.Registers.X9;
import static dev.stitch.stencil.FrameLayout.ARRAYS_REG;
import static dev.stitch.stencil.FrameLayout.ARRAY_COUNT_REG;
import static dev.stitch.stencil.FrameLayout.FUEL_REG;
import static dev.stitch.stencil.FrameLayout.HEADER_REG;
import static dev.stitch.stencil.FrameLayout.LOCALS_REG;
import static dev.stitch.stencil.FrameLayout.STACK_REG;
import static dev.stitch.stencil.HoleRef.continuation;

/**
 * The stencils of the uop set, written with the A64 assembler. The operand stack lives in memory
 * (x20 points at the next free slot), so every uop leaves the frame exactly as an interpreter
 * would see it, and an exit needs no state reconstruction. Each stencil ends with
 * {@code b continuation} unless control cannot go on.
 */
final class A64UopStencils implements StencilSet {
    static final A64UopStencils INSTANCE = new A64UopStencils();

    /**
     * Callee-saved registers saved by the entry: fp, lr, x19..x24 that both shapes pin, and
     * x25..x28 that the register shape gives to locals, in a 16-byte aligned frame.
     */
    private static final int SAVE_AREA = 96;

    private A64UopStencils() {}

    @Override
    public Stencil enter() {
        A64StencilBuilder s = prologue();
        return s.b(continuation()).build("ENTER");
    }

    /** The second entry of a trace with back-edges: the prologue, then on at the uop its yield stub stored. */
    @Override
    public Stencil resumeEntry() {
        A64StencilBuilder s = prologue();
        s.asm().ldr(X9, Address.of(HEADER_REG, FrameLayout.RESUME)).br(X9);
        return s.build("resume entry");
    }

    @Override
    public Stencil stackPointerProbe() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().mov(X0, SP).ret();
        return s.build("stack pointer probe");
    }

    /** Saves fp, lr and the callee-saved registers either shape uses, loads the pinned ones from the header (x0). */
    private static A64StencilBuilder prologue() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().stp(X29, X30, Address.preIndex(SP, -SAVE_AREA)).mov(X29, SP)
                .stp(LOCALS_REG, STACK_REG, Address.of(SP, 16))
                .stp(HEADER_REG, ARRAYS_REG, Address.of(SP, 32))
                .stp(ARRAY_COUNT_REG, FUEL_REG, Address.of(SP, 48))
                .stp(X25, X26, Address.of(SP, 64))
                .stp(X27, X28, Address.of(SP, 80))
                .mov(HEADER_REG, X0)
                .ldr(LOCALS_REG, Address.of(HEADER_REG, FrameLayout.LOCALS))
                .ldp(STACK_REG, X9, Address.of(HEADER_REG, FrameLayout.STACK_BASE))
                .add(STACK_REG, STACK_REG, X9, Shift.LSL, 3)
                .ldp(ARRAYS_REG, ARRAY_COUNT_REG, Address.of(HEADER_REG, FrameLayout.ARRAYS))
                .ldr(FUEL_REG, Address.of(HEADER_REG, FrameLayout.FUEL));
        return s;
    }

    /** Writes the stack depth back, restores the caller's registers, returns x0 (the exit value). */
    @Override
    public Stencil epilogue() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldr(X9, Address.of(HEADER_REG, FrameLayout.STACK_BASE))
                .sub(X9, STACK_REG, X9)
                .asr(X9, X9, 3)
                .str(X9, Address.of(HEADER_REG, FrameLayout.STACK_DEPTH))
                .ldp(X27, X28, Address.of(SP, 80))
                .ldp(X25, X26, Address.of(SP, 64))
                .ldp(ARRAY_COUNT_REG, FUEL_REG, Address.of(SP, 48))
                .ldp(HEADER_REG, ARRAYS_REG, Address.of(SP, 32))
                .ldp(LOCALS_REG, STACK_REG, Address.of(SP, 16))
                .ldp(X29, X30, Address.postIndex(SP, SAVE_AREA))
                .ret();
        return s.build("epilogue");
    }

    /** {@code EXIT n}, and the exit stub of every uop that can exit: return the oparg. */
    @Override
    public Stencil exit() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.movz(X0, A64HoleKind.MOVW_G0, HoleRef.oparg());
        return s.b(HoleRef.epilogue()).build("EXIT");
    }

    /** The exit stub of a call whose upcall failed. */
    @Override
    public Stencil upcallFailedExit() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().mov(X0, FrameLayout.UPCALL_FAILED_EXIT);
        return s.b(HoleRef.epilogue()).build("upcall failed");
    }

    /** movz for 0..65535, movn for -65536..-1, a literal load from the data section otherwise. */
    @Override
    public List<Stencil> constants() {
        return List.of(constMovz(), constMovn(), constData());
    }

    @Override
    public int constantFor(long operand) {
        return operand >>> 16 == 0 ? 0 : ~operand >>> 16 == 0 ? 1 : 2;
    }

    /** {@code CONST} for 0..65535: one movz. */
    private static Stencil constMovz() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.movz(X0, A64HoleKind.MOVW_G0, HoleRef.operand());
        return push(s).b(continuation()).build("CONST (movz)");
    }

    /** {@code CONST} for -65536..-1: one movn of the complement. */
    private static Stencil constMovn() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.movn(X0, A64HoleKind.MOVW_G0, HoleRef.operandNot());
        return push(s).b(continuation()).build("CONST (movn)");
    }

    /** {@code CONST} for every other value: a literal load from the trace's data section. */
    private static Stencil constData() {
        A64StencilBuilder s = new A64StencilBuilder();
        int at = s.dataQuad(HoleRef.operand());
        s.ldrLiteral(X0, HoleRef.data(at));
        return push(s).b(continuation()).build("CONST (data)");
    }

    @Override
    public Stencil load() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.ldrLow12(X0, LOCALS_REG, HoleRef.slot());
        return push(s).b(continuation()).build("LOAD");
    }

    @Override
    public Stencil store() {
        A64StencilBuilder s = new A64StencilBuilder();
        pop(s, X0);
        s.strLow12(X0, LOCALS_REG, HoleRef.slot());
        return s.b(continuation()).build("STORE");
    }

    @Override
    public Stencil stackOp(Uop uop) {
        A64StencilBuilder s = new A64StencilBuilder();
        switch (uop) {
            case DUP -> {
                s.asm().ldur(X0, Address.of(STACK_REG, -8));
                push(s);
            }
            case DROP -> s.asm().sub(STACK_REG, STACK_REG, 8);
            case SWAP -> s.asm().ldp(X0, X1, Address.of(STACK_REG, -16)).stp(X1, X0, Address.of(STACK_REG, -16));
            case OVER -> {
                s.asm().ldur(X0, Address.of(STACK_REG, -16));
                push(s);
            }
            default -> throw new IllegalArgumentException(uop + " is not a stack uop");
        }
        return s.b(continuation()).build(uop.name());
    }

    /** Pops b then a, pushes {@code a op b}. */
    @Override
    public Stencil binary(Uop uop) {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldp(X0, X1, Address.preIndex(STACK_REG, -16));
        if (uop.isComparison()) {
            s.asm().cmp(X0, X1).cset(X0, comparison(uop));
        } else {
            arithmetic(s.asm(), uop, X0, X0, X1);
        }
        return push(s).b(continuation()).build(uop.name());
    }

    /** {@code d = a op b} for the binary uops ADD..USHR: shared by both shapes' stencils. */
    static void arithmetic(dev.stitch.a64.A64Assembler asm, Uop op, GpRegister d, GpRegister a, GpRegister b) {
        switch (op) {
            case ADD -> asm.add(d, a, b);
            case SUB -> asm.sub(d, a, b);
            case MUL -> asm.mul(d, a, b);
            case AND -> asm.and(d, a, b);
            case OR -> asm.orr(d, a, b);
            case XOR -> asm.eor(d, a, b);
            case SHL -> asm.lslv(d, a, b);
            case SHR -> asm.asrv(d, a, b);
            case USHR -> asm.lsrv(d, a, b);
            default -> throw new IllegalArgumentException(op + " is not a binary uop");
        }
    }

    /** The condition under which comparison {@code uop} holds. */
    static Condition comparison(Uop uop) {
        return switch (uop) {
            case LT -> Condition.LT;
            case LE -> Condition.LE;
            case GT -> Condition.GT;
            case GE -> Condition.GE;
            case EQ -> Condition.EQ;
            case NE -> Condition.NE;
            default -> throw new IllegalArgumentException(uop + " is not a comparison");
        };
    }

    @Override
    public Stencil unary(Uop uop) {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldur(X0, Address.of(STACK_REG, -8));
        switch (uop) {
            case NEG -> s.asm().neg(X0, X0);
            case NOT -> s.asm().mvn(X0, X0);
            default -> throw new IllegalArgumentException(uop + " is not a unary uop");
        }
        s.asm().stur(X0, Address.of(STACK_REG, -8));
        return s.b(continuation()).build(uop.name());
    }

    /** DIV and REM: exit before popping when the divisor is zero; Long.MIN_VALUE / -1 wraps as in Java (sdiv does). */
    @Override
    public Stencil division(Uop uop) {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldp(X0, X1, Address.of(STACK_REG, -16));
        s.cbz(X1, HoleRef.exit());
        if (uop == Uop.DIV) {
            s.asm().sdiv(X0, X0, X1);
        } else {
            s.asm().sdiv(X2, X0, X1).msub(X0, X2, X1, X0);
        }
        s.asm().stur(X0, Address.of(STACK_REG, -16)).sub(STACK_REG, STACK_REG, 8);
        return s.b(continuation()).build(uop.name());
    }

    @Override
    public Stencil guard(Uop uop) {
        A64StencilBuilder s = new A64StencilBuilder();
        pop(s, X0);
        if (uop == Uop.GUARD_TRUE) {
            s.cbz(X0, HoleRef.exit());
        } else {
            s.cbnz(X0, HoleRef.exit());
        }
        return s.b(continuation()).build(uop.name());
    }

    /** Exits unless {@code handle} names an array of the table; leaves the element address in x10 and count in x11. */
    private static void arrayEntry(A64StencilBuilder s, GpRegister handle) {
        s.asm().cmp(handle, ARRAY_COUNT_REG);
        s.b(Condition.HS, HoleRef.exit());
        s.asm().add(X9, ARRAYS_REG, handle, Shift.LSL, 4).ldp(X10, X11, Address.of(X9));
    }

    @Override
    public Stencil arrayLoad() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldp(X0, X1, Address.of(STACK_REG, -16));
        arrayEntry(s, X0);
        s.asm().cmp(X1, X11);
        s.b(Condition.HS, HoleRef.exit());
        s.asm().ldr(X0, Address.index(X10, X1, Shift.LSL, 3))
                .stur(X0, Address.of(STACK_REG, -16)).sub(STACK_REG, STACK_REG, 8);
        return s.b(continuation()).build("ALOAD");
    }

    @Override
    public Stencil arrayStore() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldp(X0, X1, Address.of(STACK_REG, -24)).ldur(X2, Address.of(STACK_REG, -8));
        arrayEntry(s, X0);
        s.asm().cmp(X1, X11);
        s.b(Condition.HS, HoleRef.exit());
        s.asm().str(X2, Address.index(X10, X1, Shift.LSL, 3)).sub(STACK_REG, STACK_REG, 24);
        return s.b(continuation()).build("ASTORE");
    }

    @Override
    public Stencil arrayLength() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().ldur(X0, Address.of(STACK_REG, -8));
        arrayEntry(s, X0);
        s.asm().stur(X11, Address.of(STACK_REG, -8));
        return s.b(continuation()).build("ALEN");
    }

    /** {@code LOOP}: a back-edge to the uop after the entry. */
    @Override
    public Stencil loop() {
        return jump(true, "LOOP");
    }

    @Override
    public Stencil jump(boolean backEdge) {
        return jump(backEdge, backEdge ? "JUMP (back-edge)" : "JUMP");
    }

    private static Stencil jump(boolean backEdge, String name) {
        A64StencilBuilder s = new A64StencilBuilder();
        if (backEdge) {
            poll(s);
        }
        return s.b(HoleRef.target()).build(name);
    }

    /** Conditional jumps inside the trace: a 26-bit branch, so that they reach across any trace. */
    @Override
    public Stencil conditionalJump(Uop uop, boolean backEdge) {
        A64StencilBuilder s = new A64StencilBuilder();
        pop(s, X0);
        Label stay = s.asm().newLabel();
        if (uop == Uop.JUMP_IF_TRUE) {
            s.asm().cbz(X0, stay);
        } else {
            s.asm().cbnz(X0, stay);
        }
        if (backEdge) {
            poll(s);
        }
        s.b(HoleRef.target());
        s.asm().bind(stay);
        return s.b(continuation()).build(uop.name() + (backEdge ? " (back-edge)" : ""));
    }

    /** A back-edge spends one unit of fuel and yields when none is left: two instructions, no memory access. */
    private static void poll(A64StencilBuilder s) {
        s.asm().subs(FUEL_REG, FUEL_REG, 1);
        s.b(Condition.EQ, HoleRef.yield());
    }

    /**
     * Where a back-edge goes when the fuel is spent: remember its target, return
     * {@link FrameLayout#YIELD_EXIT}. Only x0 is touched: the register shape's epilogue stores
     * the pinned locals after this, from registers that must still hold them.
     */
    @Override
    public Stencil yieldExit() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.adr(X0, HoleRef.target());
        s.asm().str(X0, Address.of(HEADER_REG, FrameLayout.RESUME)).mov(X0, FrameLayout.YIELD_EXIT);
        return s.b(HoleRef.epilogue()).build("yield");
    }

    /**
     * {@code CALL symbol n}: pops the arguments into x0..x3, calls, pushes the result; after an
     * upcall ({@code checked}) leaves through the exit stub if it failed. How the call reaches the
     * symbol is the strategy's business.
     */
    @Override
    public Stencil call(CallStrategy strategy, int ordinal, int arity, CallResult result, boolean checked) {
        A64StencilBuilder s = new A64StencilBuilder();
        switch (arity) {
            case 0 -> { }
            case 1 -> s.asm().ldr(X0, Address.preIndex(STACK_REG, -8));
            case 2 -> s.asm().ldp(X0, X1, Address.preIndex(STACK_REG, -16));
            case 3 -> s.asm().ldp(X0, X1, Address.preIndex(STACK_REG, -24)).ldr(X2, Address.of(STACK_REG, 16));
            case 4 -> s.asm().ldp(X0, X1, Address.preIndex(STACK_REG, -32)).ldp(X2, X3, Address.of(STACK_REG, 16));
            default -> throw new IllegalArgumentException("a call passes 0.." + Uop.MAX_CALL_ARGUMENTS
                    + " arguments, got " + arity);
        }
        HoleRef symbol = HoleRef.symbol(ordinal);
        Label trampoline = s.asm().newLabel("trampoline");
        switch (strategy) {
            case MOVW_PER_CALL, LITERAL_IN_CODE -> s.asm().bl(trampoline);
            case LITERAL_IN_DATA -> s.bl(HoleRef.data(s.dataTrampoline(symbol)));
            case PER_TRACE, PER_TRACE_ALWAYS -> s.bl(symbol);
        }
        if (result == CallResult.INT) {
            s.asm().sxtw(X0, W0);
        }
        if (checked) {
            // Before the push: a failed upcall leaves its arguments popped and nothing pushed.
            s.asm().ldr(X9, Address.of(HEADER_REG, FrameLayout.UPCALL_FAILED));
            s.cbnz(X9, HoleRef.exit());
            // A Java method may have added arrays (Frame.arraysAdded): read the table's place and count again.
            s.asm().ldp(ARRAYS_REG, ARRAY_COUNT_REG, Address.of(HEADER_REG, FrameLayout.ARRAYS));
        }
        if (result != CallResult.VOID) {
            push(s);
        }
        s.b(continuation());
        if (strategy == CallStrategy.MOVW_PER_CALL) {
            s.asm().bind(trampoline);
            s.movz(X16, A64HoleKind.MOVW_G0_NC, symbol).movk(X16, A64HoleKind.MOVW_G1_NC, symbol)
                    .movk(X16, A64HoleKind.MOVW_G2_NC, symbol).movk(X16, A64HoleKind.MOVW_G3, symbol);
            s.asm().br(X16);
        } else if (strategy == CallStrategy.LITERAL_IN_CODE) {
            s.alignCode(8);
            s.asm().bind(trampoline);
            s.literalTrampoline(symbol);
        }
        return s.build("CALL/" + arity + (result == CallResult.VOID ? "" : " -> " + result.name().toLowerCase())
                + (checked ? " checked" : ""));
    }

    private static A64StencilBuilder push(A64StencilBuilder s) {
        s.asm().str(X0, Address.postIndex(STACK_REG, 8));
        return s;
    }

    private static void pop(A64StencilBuilder s, GpRegister rt) {
        s.asm().ldr(rt, Address.preIndex(STACK_REG, -8));
    }
}
