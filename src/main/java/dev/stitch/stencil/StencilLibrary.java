package dev.stitch.stencil;

import dev.stitch.mem.Architecture;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stencils of the uop set for one {@link CallStrategy}, assembled once when the library is
 * first used; call stencils, which differ by symbol, arity and result, are assembled at the first
 * call of each kind and kept. Thread-safe.
 */
public final class StencilLibrary {
    /**
     * One library per strategy, assembled at first use. Read without a lock on the compile path
     * (a library's fields are final, so a racy read sees it whole); assembled under one.
     */
    private static final StencilLibrary[] LIBRARIES =
            new StencilLibrary[Architecture.values().length * CallStrategy.values().length];

    private static final int SYMBOLS = 64;
    private static final int RESULTS = CallResult.values().length;
    private static final int ARITIES = Uop.MAX_CALL_ARGUMENTS + 1;

    private final Architecture architecture;
    private final CallStrategy strategy;
    private final StencilSet set;
    private final RegisterStencils registerStencils;
    private final Stencil[] byUop = new Stencil[Uop.values().length];
    private final Stencil[] constants;
    private final Stencil epilogue;
    private final Stencil upcallFailedExit;
    private final Stencil yieldExit;
    private final Stencil resumeEntry;
    private final Stencil stackPointerProbe;
    /** The back-edge variants of JUMP, JUMP_IF_TRUE and JUMP_IF_FALSE, by uop ordinal. */
    private final Stencil[] backEdges = new Stencil[Uop.values().length];
    /** Call stencils by symbol, arity, result and checked; filled lazily (stencils are immutable, so a race only assembles twice). */
    private final Stencil[] calls = new Stencil[SYMBOLS * ARITIES * RESULTS * 2];

    private StencilLibrary(Architecture architecture, CallStrategy strategy) {
        this.architecture = architecture;
        this.strategy = strategy;
        Backend backend = Backend.of(architecture);
        this.set = backend.stackStencils();
        this.registerStencils = backend.registerStencils();
        constants = set.constants().toArray(Stencil[]::new);
        for (Uop uop : Uop.values()) {
            byUop[uop.ordinal()] = switch (uop) {
                case ENTER -> set.enter();
                case EXIT -> set.exit();
                case CONST -> constants[0];
                case LOAD -> set.load();
                case STORE -> set.store();
                case DUP, DROP, SWAP, OVER -> set.stackOp(uop);
                case ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, USHR, LT, LE, GT, GE, EQ, NE -> set.binary(uop);
                case NEG, NOT -> set.unary(uop);
                case DIV, REM -> set.division(uop);
                case GUARD_TRUE, GUARD_FALSE -> set.guard(uop);
                case ALOAD -> set.arrayLoad();
                case ASTORE -> set.arrayStore();
                case ALEN -> set.arrayLength();
                case CALL -> null;
                case LOOP -> set.loop();
                case JUMP -> set.jump(false);
                case JUMP_IF_TRUE, JUMP_IF_FALSE -> set.conditionalJump(uop, false);
            };
        }
        epilogue = set.epilogue();
        if (epilogue.holeCount() != 0) {
            throw new IllegalStateException("the epilogue is copied without patching and must have no holes");
        }
        upcallFailedExit = set.upcallFailedExit();
        backEdges[Uop.LOOP.ordinal()] = byUop[Uop.LOOP.ordinal()];
        backEdges[Uop.JUMP.ordinal()] = set.jump(true);
        backEdges[Uop.JUMP_IF_TRUE.ordinal()] = set.conditionalJump(Uop.JUMP_IF_TRUE, true);
        backEdges[Uop.JUMP_IF_FALSE.ordinal()] = set.conditionalJump(Uop.JUMP_IF_FALSE, true);
        yieldExit = set.yieldExit();
        resumeEntry = set.resumeEntry();
        stackPointerProbe = set.stackPointerProbe();
        if (resumeEntry.holeCount() != 0) {
            throw new IllegalStateException("the resume entry is copied without patching and must have no holes");
        }
    }

    /** The library of {@code architecture}'s stencils for {@code strategy}, assembled at its first use. */
    public static StencilLibrary of(Architecture architecture, CallStrategy strategy) {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(strategy, "strategy");
        int index = architecture.ordinal() * CallStrategy.values().length + strategy.ordinal();
        StencilLibrary library = LIBRARIES[index];
        if (library != null) {
            return library;
        }
        synchronized (LIBRARIES) {
            if (LIBRARIES[index] == null) {
                LIBRARIES[index] = new StencilLibrary(architecture, strategy);
            }
            return LIBRARIES[index];
        }
    }

    public Architecture architecture() {
        return architecture;
    }

    public CallStrategy strategy() {
        return strategy;
    }

    /** The register shape's stencils of this architecture (they do not depend on the strategy). */
    public RegisterStencils registerStencils() {
        return registerStencils;
    }

    /**
     * The stencil for {@code uop} other than {@link Uop#CALL}; for {@link Uop#CONST} the variant
     * that holds {@code operand}: on AArch64 {@code movz} for 0..65535, {@code movn} for
     * -65536..-1, a data load otherwise; on x86-64 a sign-extended {@code mov} of an imm32, or
     * {@code movabs}.
     */
    public Stencil stencil(Uop uop, long operand) {
        if (uop == Uop.CONST) {
            return constants[set.constantFor(operand)];
        }
        Stencil stencil = byUop[uop.ordinal()];
        if (stencil == null) {
            throw new IllegalArgumentException(uop + " needs a symbol; use call(...)");
        }
        return stencil;
    }

    /**
     * The stencil that calls symbol {@code ordinal} (0..63) with {@code arity} arguments (0..4),
     * pushing a result of kind {@code result}; {@code checked} for Java upcalls, whose failure
     * must leave the trace.
     */
    public Stencil call(int ordinal, int arity, CallResult result, boolean checked) {
        if (ordinal < 0 || ordinal >= SYMBOLS) {
            throw new IllegalArgumentException("symbol ordinal must be 0.." + (SYMBOLS - 1) + ", got " + ordinal);
        }
        if (arity < 0 || arity > Uop.MAX_CALL_ARGUMENTS) {
            throw new IllegalArgumentException("a call passes 0.." + Uop.MAX_CALL_ARGUMENTS + " arguments, got " + arity);
        }
        int index = ((ordinal * ARITIES + arity) * RESULTS + result.ordinal()) * 2 + (checked ? 1 : 0);
        Stencil stencil = calls[index];
        if (stencil == null) {
            stencil = set.call(strategy, ordinal, arity, result, checked);
            calls[index] = stencil;
        }
        return stencil;
    }

    /**
     * The stencil of a jump uop ({@code LOOP}, {@code JUMP}, {@code JUMP_IF_TRUE},
     * {@code JUMP_IF_FALSE}) to an earlier uop or to itself: it polls before it jumps, leaving
     * through {@link #yieldExit()} when the trace's fuel is spent.
     */
    public Stencil backEdge(Uop uop) {
        Stencil stencil = backEdges[uop.ordinal()];
        if (stencil == null) {
            throw new IllegalArgumentException(uop + " is not a jump; the back-edges are LOOP, JUMP, JUMP_IF_TRUE and JUMP_IF_FALSE");
        }
        return stencil;
    }

    /** The stub of a back-edge whose fuel is spent: stores where to go on, returns {@link FrameLayout#YIELD_EXIT}. */
    public Stencil yieldExit() {
        return yieldExit;
    }

    /** The second entry of a trace with back-edges, where a yielded trace goes on. */
    public Stencil resumeEntry() {
        return resumeEntry;
    }

    /** {@code long stack_pointer(void)}: returns its caller's stack pointer (not part of any trace). */
    public Stencil stackPointerProbe() {
        return stackPointerProbe;
    }

    /** The shared code that ends every trace: writes the stack depth back, restores registers, returns. */
    public Stencil epilogue() {
        return epilogue;
    }

    /** The exit stub of a uop with an exit value: the same stencil as {@link Uop#EXIT}. */
    public Stencil exitStub() {
        return byUop[Uop.EXIT.ordinal()];
    }

    /** The exit stub of a call whose upcall failed: returns {@link FrameLayout#UPCALL_FAILED_EXIT}. */
    public Stencil upcallFailedExit() {
        return upcallFailedExit;
    }

    /**
     * Every distinct stencil of the library, with one call stencil per arity, result kind and
     * checked flag (those for other symbols differ only in the ordinal): what a build-time
     * stencil header would hold.
     */
    public List<Stencil> all() {
        List<Stencil> all = new ArrayList<>();
        for (Stencil stencil : byUop) {
            if (stencil != null) {
                all.add(stencil);
            }
        }
        all.addAll(List.of(constants).subList(1, constants.length));
        all.addAll(List.of(epilogue, upcallFailedExit, yieldExit, resumeEntry));
        for (Uop uop : List.of(Uop.JUMP, Uop.JUMP_IF_TRUE, Uop.JUMP_IF_FALSE)) {
            all.add(backEdges[uop.ordinal()]);
        }
        for (int arity = 0; arity <= Uop.MAX_CALL_ARGUMENTS; arity++) {
            for (CallResult result : CallResult.values()) {
                all.add(call(0, arity, result, false));
                all.add(call(0, arity, result, true));
            }
        }
        return all;
    }
}
