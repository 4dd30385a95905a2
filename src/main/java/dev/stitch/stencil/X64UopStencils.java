package dev.stitch.stencil;

import dev.stitch.x64.Condition;
import dev.stitch.x64.Label;
import dev.stitch.x64.Mem;
import dev.stitch.x64.Register;

import java.util.List;

import static dev.stitch.stencil.FrameLayout.X64_HEADER_REG;
import static dev.stitch.stencil.FrameLayout.X64_LOCALS_REG;
import static dev.stitch.stencil.FrameLayout.X64_STACK_REG;
import static dev.stitch.stencil.HoleRef.continuation;
import static dev.stitch.x64.Registers.AL;
import static dev.stitch.x64.Registers.CL;
import static dev.stitch.x64.Registers.EAX;
import static dev.stitch.x64.Registers.EDX;
import static dev.stitch.x64.Registers.R10;
import static dev.stitch.x64.Registers.R11;
import static dev.stitch.x64.Registers.R12;
import static dev.stitch.x64.Registers.R13;
import static dev.stitch.x64.Registers.R14;
import static dev.stitch.x64.Registers.R15;
import static dev.stitch.x64.Registers.R8;
import static dev.stitch.x64.Registers.R9;
import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RBP;
import static dev.stitch.x64.Registers.RBX;
import static dev.stitch.x64.Registers.RCX;
import static dev.stitch.x64.Registers.RDI;
import static dev.stitch.x64.Registers.RDX;
import static dev.stitch.x64.Registers.RSI;
import static dev.stitch.x64.Registers.RSP;

/**
 * The stencils of the uop set for x86-64 (System V ABI), written with the x86-64 assembler. The
 * same design as AArch64's: the operand stack lives in memory (r12 points at the next free slot),
 * so every exit leaves the frame as an interpreter expects; rbx, r12, r13 are pinned (callee-saved,
 * so calls keep them), and the entry saves r14, r15 for the register shape; every jump or call to another piece of the trace is a {@code rel32}; the
 * entry keeps rsp 16-byte aligned, so the call stencils call with the alignment the ABI requires.
 * Each stencil ends with {@code jmp continuation} unless control cannot go on.
 */
final class X64UopStencils implements StencilSet {
    static final X64UopStencils INSTANCE = new X64UopStencils();

    private static final Register LOCALS = X64_LOCALS_REG;
    private static final Register STACK = X64_STACK_REG;
    private static final Register HEADER = X64_HEADER_REG;
    /** The arguments of a call, in System V order: the first four, as many as a CALL passes. */
    private static final Register[] ARGUMENTS = {RDI, RSI, RDX, RCX};

    static {
        if (ARGUMENTS.length != Uop.MAX_CALL_ARGUMENTS) {
            throw new IllegalStateException("a CALL passes up to " + Uop.MAX_CALL_ARGUMENTS
                    + " arguments; the x86-64 stencils pass them in " + ARGUMENTS.length + " registers");
        }
    }

    private X64UopStencils() {}

    /** The slot {@code n} below the stack pointer: {@code top(1)} is the top of the stack. */
    private static Mem top(int n) {
        return Mem.of(STACK, -8 * n).qword();
    }

    @Override
    public Stencil enter() {
        X64StencilBuilder s = prologue();
        return s.jmp(continuation()).build("ENTER");
    }

    /** The second entry of a trace with back-edges: the prologue, then on at the uop its yield stub stored. */
    @Override
    public Stencil resumeEntry() {
        X64StencilBuilder s = prologue();
        s.asm().jmp(Mem.of(HEADER, FrameLayout.RESUME).qword());
        return s.build("resume entry");
    }

    @Override
    public Stencil stackPointerProbe() {
        X64StencilBuilder s = new X64StencilBuilder();
        // The caller's rsp is ours plus the return address the call pushed.
        s.asm().lea(RAX, Mem.of(RSP, 8)).ret();
        return s.build("stack pointer probe");
    }

    /** Saves rbp and the pinned registers, loads them from the header (rdi). */
    private static X64StencilBuilder prologue() {
        X64StencilBuilder s = new X64StencilBuilder();
        // Return address + rbp + 5 pinned registers = 56 bytes: 8 more keep rsp 16-byte aligned.
        s.asm().push(RBP).mov(RBP, RSP).push(RBX).push(R12).push(R13).push(R14).push(R15).sub(RSP, 8)
                .mov(HEADER, RDI)
                .mov(LOCALS, Mem.of(HEADER, FrameLayout.LOCALS))
                .mov(STACK, Mem.of(HEADER, FrameLayout.STACK_BASE))
                .mov(RAX, Mem.of(HEADER, FrameLayout.STACK_DEPTH))
                .lea(STACK, Mem.of(STACK, RAX, 8, 0));
        return s;
    }

    @Override
    public Stencil epilogue() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RCX, STACK).sub(RCX, Mem.of(HEADER, FrameLayout.STACK_BASE)).sar(RCX, 3)
                .mov(Mem.of(HEADER, FrameLayout.STACK_DEPTH), RCX)
                .add(RSP, 8).pop(R15).pop(R14).pop(R13).pop(R12).pop(RBX).pop(RBP).ret();
        return s.build("epilogue");
    }

    @Override
    public Stencil exit() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.movZeroExtended(EAX, HoleRef.oparg());
        return s.jmp(HoleRef.epilogue()).build("EXIT");
    }

    @Override
    public Stencil upcallFailedExit() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RAX, FrameLayout.UPCALL_FAILED_EXIT);
        return s.jmp(HoleRef.epilogue()).build("upcall failed");
    }

    /** A sign-extended imm32 stored straight to the stack for -2^31..2^31-1, {@code movabs} otherwise. */
    @Override
    public List<Stencil> constants() {
        X64StencilBuilder small = new X64StencilBuilder();
        small.storeImmediate(Mem.of(STACK), HoleRef.operand());
        small.asm().add(STACK, 8);
        X64StencilBuilder large = new X64StencilBuilder();
        large.movabs(RAX, HoleRef.operand());
        push(large);
        return List.of(small.jmp(continuation()).build("CONST (imm32)"),
                large.jmp(continuation()).build("CONST (movabs)"));
    }

    @Override
    public int constantFor(long operand) {
        return operand == (int) operand ? 0 : 1;
    }

    @Override
    public Stencil load() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.load(RAX, LOCALS, HoleRef.slot());
        push(s);
        return s.jmp(continuation()).build("LOAD");
    }

    @Override
    public Stencil store() {
        X64StencilBuilder s = new X64StencilBuilder();
        pop(s, RAX);
        s.store(LOCALS, HoleRef.slot(), RAX);
        return s.jmp(continuation()).build("STORE");
    }

    @Override
    public Stencil stackOp(Uop uop) {
        X64StencilBuilder s = new X64StencilBuilder();
        switch (uop) {
            case DUP -> {
                s.asm().mov(RAX, top(1));
                push(s);
            }
            case DROP -> s.asm().sub(STACK, 8);
            case SWAP -> s.asm().mov(RAX, top(2)).mov(RCX, top(1)).mov(top(2), RCX).mov(top(1), RAX);
            case OVER -> {
                s.asm().mov(RAX, top(2));
                push(s);
            }
            default -> throw new IllegalArgumentException(uop + " is not a stack uop");
        }
        return s.jmp(continuation()).build(uop.name());
    }

    /** Pops b then a, pushes {@code a op b}: a in rax, b in rcx (shifts count in cl, masked to 6 bits as in Java). */
    @Override
    public Stencil binary(Uop uop) {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RAX, top(2)).mov(RCX, top(1)).sub(STACK, 8);
        if (uop.isComparison()) {
            s.asm().cmp(RAX, RCX).setcc(comparison(uop), AL).movzx(EAX, AL);
        } else {
            arithmetic(s.asm(), uop, RAX, uop == Uop.SHL || uop == Uop.SHR || uop == Uop.USHR ? CL : RCX);
        }
        s.asm().mov(top(1), RAX);
        return s.jmp(continuation()).build(uop.name());
    }

    /**
     * {@code target op= source} for the binary uops ADD..USHR (a shift's source is {@code cl}):
     * shared by both shapes' stencils.
     */
    static void arithmetic(dev.stitch.x64.X64Assembler asm, Uop op, Register target, Register source) {
        switch (op) {
            case ADD -> asm.add(target, source);
            case SUB -> asm.sub(target, source);
            case MUL -> asm.imul(target, source);
            case AND -> asm.and(target, source);
            case OR -> asm.or(target, source);
            case XOR -> asm.xor(target, source);
            case SHL -> asm.shl(target, source);
            case SHR -> asm.sar(target, source);
            case USHR -> asm.shr(target, source);
            default -> throw new IllegalArgumentException(op + " is not a binary uop");
        }
    }

    /** The condition under which comparison {@code uop} holds. */
    static Condition comparison(Uop uop) {
        return switch (uop) {
            case LT -> Condition.L;
            case LE -> Condition.LE;
            case GT -> Condition.G;
            case GE -> Condition.GE;
            case EQ -> Condition.E;
            case NE -> Condition.NE;
            default -> throw new IllegalArgumentException(uop + " is not a comparison");
        };
    }

    @Override
    public Stencil unary(Uop uop) {
        X64StencilBuilder s = new X64StencilBuilder();
        switch (uop) {
            case NEG -> s.asm().neg(top(1));
            case NOT -> s.asm().not(top(1));
            default -> throw new IllegalArgumentException(uop + " is not a unary uop");
        }
        return s.jmp(continuation()).build(uop.name());
    }

    /**
     * DIV and REM: exit before popping when the divisor is zero. {@code idiv} faults on
     * {@code Long.MIN_VALUE / -1}, so a divisor of -1 takes its own path: the quotient is the
     * wrapping negation (as in Java) and the remainder 0.
     */
    @Override
    public Stencil division(Uop uop) {
        X64StencilBuilder s = new X64StencilBuilder();
        Label minusOne = s.asm().newLabel("minus_one");
        Label store = s.asm().newLabel("store");
        s.asm().mov(RCX, top(1)).test(RCX, RCX);
        s.jcc(Condition.E, HoleRef.exit());
        s.asm().mov(RAX, top(2)).cmp(RCX, -1).jccShort(Condition.E, minusOne).cqo().idiv(RCX).jmpShort(store)
                .bind(minusOne);
        if (uop == Uop.DIV) {
            s.asm().neg(RAX);
        } else {
            s.asm().xor(EDX, EDX);
        }
        s.asm().bind(store).mov(top(2), uop == Uop.DIV ? RAX : RDX).sub(STACK, 8);
        return s.jmp(continuation()).build(uop.name());
    }

    @Override
    public Stencil guard(Uop uop) {
        X64StencilBuilder s = new X64StencilBuilder();
        pop(s, RAX);
        s.asm().test(RAX, RAX);
        s.jcc(uop == Uop.GUARD_TRUE ? Condition.E : Condition.NE, HoleRef.exit());
        return s.jmp(continuation()).build(uop.name());
    }

    /**
     * Exits unless {@code handle} names an array of the table; leaves the element address in r8 and
     * count in r9. The table's place and count are read from the header each time, as the register
     * shape does: a Java method the trace calls may have added arrays ({@code Frame.arraysAdded}),
     * and r14/r15 are the register shape's to pin locals in.
     */
    private static void arrayEntry(X64StencilBuilder s, Register handle) {
        s.asm().cmp(handle, Mem.of(HEADER, FrameLayout.ARRAY_COUNT));
        s.jcc(Condition.AE, HoleRef.exit());
        s.asm().mov(R10, handle).shl(R10, 4).add(R10, Mem.of(HEADER, FrameLayout.ARRAYS))
                .mov(R8, Mem.of(R10, 0)).mov(R9, Mem.of(R10, 8));
    }

    @Override
    public Stencil arrayLoad() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RAX, top(2)).mov(RCX, top(1));
        arrayEntry(s, RAX);
        s.asm().cmp(RCX, R9);
        s.jcc(Condition.AE, HoleRef.exit());
        s.asm().mov(RAX, Mem.of(R8, RCX, 8, 0)).mov(top(2), RAX).sub(STACK, 8);
        return s.jmp(continuation()).build("ALOAD");
    }

    @Override
    public Stencil arrayStore() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RAX, top(3)).mov(RCX, top(2)).mov(RDX, top(1));
        arrayEntry(s, RAX);
        s.asm().cmp(RCX, R9);
        s.jcc(Condition.AE, HoleRef.exit());
        s.asm().mov(Mem.of(R8, RCX, 8, 0), RDX).sub(STACK, 24);
        return s.jmp(continuation()).build("ASTORE");
    }

    @Override
    public Stencil arrayLength() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.asm().mov(RAX, top(1));
        arrayEntry(s, RAX);
        s.asm().mov(top(1), R9);
        return s.jmp(continuation()).build("ALEN");
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
        X64StencilBuilder s = new X64StencilBuilder();
        if (backEdge) {
            poll(s);
        }
        return s.jmp(HoleRef.target()).build(name);
    }

    /** Conditional jumps inside the trace: a {@code jcc rel32} reaches across any trace. */
    @Override
    public Stencil conditionalJump(Uop uop, boolean backEdge) {
        X64StencilBuilder s = new X64StencilBuilder();
        pop(s, RAX);
        s.asm().test(RAX, RAX);
        if (!backEdge) {
            s.jcc(uop == Uop.JUMP_IF_TRUE ? Condition.NE : Condition.E, HoleRef.target());
            return s.jmp(continuation()).build(uop.name());
        }
        Label stay = s.asm().newLabel("stay");
        s.asm().jccShort(uop == Uop.JUMP_IF_TRUE ? Condition.E : Condition.NE, stay);
        poll(s);
        s.jmp(HoleRef.target());
        s.asm().bind(stay);
        return s.jmp(continuation()).build(uop.name() + " (back-edge)");
    }

    /**
     * A back-edge spends one unit of fuel and yields when none is left. The fuel stays in the
     * header, since every callee-saved register is pinned; the stack shape keeps its operands in
     * memory anyway.
     */
    private static void poll(X64StencilBuilder s) {
        s.asm().dec(Mem.of(HEADER, FrameLayout.FUEL).qword());
        s.jcc(Condition.E, HoleRef.yield());
    }

    /** Where a back-edge goes when the fuel is spent: remember its target, return {@link FrameLayout#YIELD_EXIT}. */
    @Override
    public Stencil yieldExit() {
        X64StencilBuilder s = new X64StencilBuilder();
        s.leaRip(RAX, HoleRef.target());
        s.asm().mov(Mem.of(HEADER, FrameLayout.RESUME), RAX).mov(RAX, FrameLayout.YIELD_EXIT);
        return s.jmp(HoleRef.epilogue()).build("yield");
    }

    /**
     * Pops the arguments into rdi, rsi, rdx, rcx, calls, pushes rax. How the call reaches the
     * symbol depends on the strategy: {@code movabs r11; call r11} per call ({@code MOVW_PER_CALL}),
     * a trampoline after the stencil's continuation jump ({@code LITERAL_IN_CODE}),
     * {@code call [rip + literal]} through the data section ({@code LITERAL_IN_DATA}), or a
     * {@code call rel32} that the compiler points at the symbol or at the trace's trampoline.
     */
    @Override
    public Stencil call(CallStrategy strategy, int ordinal, int arity, CallResult result, boolean checked) {
        if (arity < 0 || arity > Uop.MAX_CALL_ARGUMENTS) {
            throw new IllegalArgumentException("a call passes 0.." + Uop.MAX_CALL_ARGUMENTS + " arguments, got " + arity);
        }
        X64StencilBuilder s = new X64StencilBuilder();
        for (int i = 0; i < arity; i++) {
            s.asm().mov(ARGUMENTS[i], top(arity - i));
        }
        if (arity > 0) {
            s.asm().sub(STACK, 8 * arity);
        }
        HoleRef symbol = HoleRef.symbol(ordinal);
        Label trampoline = strategy == CallStrategy.LITERAL_IN_CODE ? s.asm().newLabel("trampoline") : null;
        switch (strategy) {
            case MOVW_PER_CALL -> {
                s.movabs(R11, symbol);
                s.asm().call(R11);
            }
            case LITERAL_IN_CODE -> s.asm().call(trampoline);
            case LITERAL_IN_DATA -> s.callRip(HoleRef.data(s.dataQuad(symbol)));
            case PER_TRACE, PER_TRACE_ALWAYS -> s.call(symbol);
        }
        if (result == CallResult.INT) {
            s.asm().movsxd(RAX, EAX);
        }
        if (checked) {
            // Before the push: a failed upcall leaves its arguments popped and nothing pushed.
            s.asm().cmp(Mem.of(HEADER, FrameLayout.UPCALL_FAILED).qword(), 0);
            s.jcc(Condition.NE, HoleRef.exit());
        }
        if (result != CallResult.VOID) {
            push(s);
        }
        s.jmp(continuation());
        if (strategy == CallStrategy.LITERAL_IN_CODE) {
            s.literalTrampoline(trampoline, symbol);
        }
        return s.build("CALL/" + arity + (result == CallResult.VOID ? "" : " -> " + result.name().toLowerCase())
                + (checked ? " checked" : ""));
    }

    private static void push(X64StencilBuilder s) {
        s.asm().mov(Mem.of(STACK), RAX).add(STACK, 8);
    }

    private static void pop(X64StencilBuilder s, Register r) {
        s.asm().mov(r, top(1)).sub(STACK, 8);
    }
}
