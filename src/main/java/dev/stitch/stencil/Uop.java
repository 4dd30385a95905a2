package dev.stitch.stencil;

/**
 * The uop set: the operations of a 64-bit integer stack machine that traces are made of. Values
 * are 64-bit two's-complement integers with Java's wrapping arithmetic; binary operations pop the
 * right operand first ({@code a b SUB} computes {@code a - b}). Uops that can leave the trace
 * early (a guard that fails, a zero divisor, a bad array handle or index, an upcall that threw)
 * do so through their exit stub, returning their exit value with the frame as described on each.
 */
public enum Uop {
    /** Saves the caller's registers and loads the pinned ones from the frame header. First uop of every trace. */
    ENTER(Arg.NONE, 0, 0, true, false),
    /** Leaves the trace, returning the exit value (0..65535). */
    EXIT(Arg.EXIT_VALUE, 0, 0, false, false),
    /** Pushes a 64-bit constant: one {@code movz} or {@code movn} when it can, else a load from the data section. */
    CONST(Arg.CONSTANT, 0, 1, true, false),
    /** Pushes local slot {@code n}. */
    LOAD(Arg.LOCAL, 0, 1, true, false),
    /** Pops into local slot {@code n}. */
    STORE(Arg.LOCAL, 1, 0, true, false),
    /** {@code a -> a a}. */
    DUP(Arg.NONE, 1, 2, true, false),
    /** {@code a -> }. */
    DROP(Arg.NONE, 1, 0, true, false),
    /** {@code a b -> b a}. */
    SWAP(Arg.NONE, 2, 2, true, false),
    /** {@code a b -> a b a}. */
    OVER(Arg.NONE, 2, 3, true, false),
    ADD(Arg.NONE, 2, 1, true, false),
    SUB(Arg.NONE, 2, 1, true, false),
    MUL(Arg.NONE, 2, 1, true, false),
    AND(Arg.NONE, 2, 1, true, false),
    OR(Arg.NONE, 2, 1, true, false),
    XOR(Arg.NONE, 2, 1, true, false),
    /** Shift left by {@code b & 63}, as Java's {@code <<}. */
    SHL(Arg.NONE, 2, 1, true, false),
    /** Arithmetic shift right by {@code b & 63} ({@code >>}). */
    SHR(Arg.NONE, 2, 1, true, false),
    /** Logical shift right by {@code b & 63} ({@code >>>}). */
    USHR(Arg.NONE, 2, 1, true, false),
    NEG(Arg.NONE, 1, 1, true, false),
    /** Bitwise complement. */
    NOT(Arg.NONE, 1, 1, true, false),
    /** Truncating division as Java's; exits with the stack unchanged when the divisor is zero. */
    DIV(Arg.EXIT_VALUE, 2, 1, true, true),
    /** Remainder as Java's {@code %}; exits with the stack unchanged when the divisor is zero. */
    REM(Arg.EXIT_VALUE, 2, 1, true, true),
    /** Comparisons push 1 or 0 (signed). */
    LT(Arg.NONE, 2, 1, true, false),
    LE(Arg.NONE, 2, 1, true, false),
    GT(Arg.NONE, 2, 1, true, false),
    GE(Arg.NONE, 2, 1, true, false),
    EQ(Arg.NONE, 2, 1, true, false),
    NE(Arg.NONE, 2, 1, true, false),
    /** Pops a value; exits (after the pop) unless it is non-zero. */
    GUARD_TRUE(Arg.EXIT_VALUE, 1, 0, true, true),
    /** Pops a value; exits (after the pop) unless it is zero. */
    GUARD_FALSE(Arg.EXIT_VALUE, 1, 0, true, true),
    /** {@code array index -> element}; exits with the stack unchanged for a bad array handle or index. */
    ALOAD(Arg.EXIT_VALUE, 2, 1, true, true),
    /** {@code array index value -> }; exits with the stack unchanged for a bad array handle or index. */
    ASTORE(Arg.EXIT_VALUE, 3, 0, true, true),
    /** {@code array -> length}; exits with the stack unchanged for a bad array handle. */
    ALEN(Arg.EXIT_VALUE, 1, 1, true, true),
    /**
     * Pops the arguments (the last pushed is the last argument), calls the symbol with the C
     * calling convention, pushes its result unless it returns void. After a Java upcall that threw,
     * leaves the trace with {@link FrameLayout#UPCALL_FAILED_EXIT} and the arguments popped.
     */
    CALL(Arg.CALL, -1, -1, true, true),
    /** Jumps back to the uop after {@link #ENTER}. */
    LOOP(Arg.NONE, 0, 0, false, false),
    /** Jumps to a uop of the trace. */
    JUMP(Arg.TARGET, 0, 0, false, false),
    /** Pops a value; jumps to a uop of the trace if it is non-zero. */
    JUMP_IF_TRUE(Arg.TARGET, 1, 0, true, false),
    /** Pops a value; jumps to a uop of the trace if it is zero. */
    JUMP_IF_FALSE(Arg.TARGET, 1, 0, true, false);

    /** What a uop's argument is. */
    public enum Arg {
        /** No argument. */
        NONE,
        /** A 64-bit constant (the operand). */
        CONSTANT,
        /** A local slot number, 0..{@link FrameLayout#MAX_LOCAL} (the oparg). */
        LOCAL,
        /** An exit value, 0..{@link #MAX_EXIT_VALUE} (the oparg). */
        EXIT_VALUE,
        /** A uop of the same trace to jump to. */
        TARGET,
        /** A symbol and the number of arguments, 0..{@link #MAX_CALL_ARGUMENTS} (the oparg). */
        CALL
    }

    /** The largest exit value a uop can give (one {@code movz}). */
    public static final int MAX_EXIT_VALUE = 0xFFFF;
    /** The most arguments a call passes (in x0..x3). */
    public static final int MAX_CALL_ARGUMENTS = 4;

    private final Arg arg;
    private final int pops;
    private final int pushes;
    private final boolean continues;
    private final boolean exits;

    Uop(Arg arg, int pops, int pushes, boolean continues, boolean exits) {
        this.arg = arg;
        this.pops = pops;
        this.pushes = pushes;
        this.continues = continues;
        this.exits = exits;
    }

    public Arg arg() {
        return arg;
    }

    /** Values the uop pops (the stack must hold at least this many); for {@link #CALL}, see {@link dev.stitch.stencil.Uop#CALL}. */
    public int pops() {
        return pops;
    }

    /** Values the uop pushes. */
    public int pushes() {
        return pushes;
    }

    /** True if control can go on to the next uop. */
    public boolean continues() {
        return continues;
    }

    /** True for the comparisons, LT..NE, which push 1 or 0. */
    public boolean isComparison() {
        return this == LT || this == LE || this == GT || this == GE || this == EQ || this == NE;
    }

    /** True if the uop may leave the trace through an exit stub. */
    public boolean exits() {
        return exits;
    }
}
