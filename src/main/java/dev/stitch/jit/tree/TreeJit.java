package dev.stitch.jit.tree;

import dev.stitch.jit.ArrayTable;
import dev.stitch.jit.CodeShape;
import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceException;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.HoleException;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.Objects;

/**
 * The language-neutral part of a tracing JIT: trace trees over a {@link FrontEnd}'s code.
 *
 * <ol>
 *   <li><b>Hot loops</b>: {@link #atLoopHead} counts arrivals per (unit, head); at
 *       {@code threshold} the front end records the loop. A recording given up counts against the
 *       head as its {@link Abort.Policy} says, and after {@link #MAX_ABORTS} the head is
 *       blacklisted.</li>
 *   <li><b>Running</b>: the trace, compiled into this JIT's {@link CodeArena} ({@code DUAL_MAP}),
 *       runs on a {@link Frame} per tree bound to the run's arrays; the front end copies its state
 *       in and, from the exit's snapshot, back.</li>
 *   <li><b>Trace trees</b>: an exit of a branch guard taken {@code threshold} times grows the tree
 *       by the path from the exit's state, recorded then; the guards that exit there become jumps
 *       to it, guards of the new path that exit where another path starts are linked to it (unless
 *       that makes a cycle without {@code LOOP}), and the grown trace replaces the old one (at most
 *       {@link #MAX_SIDE_PATHS} side paths per tree).</li>
 *   <li><b>Hand-overs</b>: where a trace stops at the head of a loop with a trace (its stack
 *       empty), that trace runs next, without the interpreter.</li>
 *   <li><b>Runs</b>: the JIT serves runs one after another ({@link #startRun}, {@link #bind},
 *       {@link #endRun}); compiled trees stay from one to the next, frames belong to a run.</li>
 * </ol>
 *
 * <p>Not thread-safe beyond that: one run at a time, on the thread that started it.
 *
 * @param <L> the front end's part of a loop
 * @param <S> the front end's exit snapshot
 * @param <C> the interpreter state traces run from
 */
public final class TreeJit<L, S, C> implements AutoCloseable {
    /** Aborted recordings after which a loop head (or a side exit) is not recorded again. */
    public static final int MAX_ABORTS = 3;
    /** The most side paths a loop's trace tree grows. */
    public static final int MAX_SIDE_PATHS = 8;
    /** The most uops a trace may have: a recording gives up past it, and a tree this long grows no more. */
    public static final int MAX_UOPS = 4000;

    private final FrontEnd<L, S, C> frontEnd;
    private final int threshold;
    private final CallStrategy strategy;
    private final CodeShape shape;
    private final PrintStream dump;
    private final JitEvent.Listener<L, S, C> listener;
    private SymbolTable symbols;
    private CodeArena arena;
    private TraceCompiler compiler;
    private final LoopHeads<TraceTree<L, S>> heads = new LoopHeads<>();
    /** The thread running the run served now, or null between runs. */
    private Thread runner;
    private boolean closed;
    /** The arrays of the run served now; null until it is bound. */
    private ArrayTable arrays;

    private int traceCount;
    private long uopCount;
    private long codeBytes;
    private long trampolines;
    private long exits;
    private long compileNanos;
    private int abortCount;
    private int sideTraces;
    private int links;
    private int inlinedCalls;
    private int returns;
    private long handovers;
    private long toInterpreter;

    /**
     * @param frontEnd the language's recorder and state mapping
     * @param threshold arrivals at a loop head (and exits through one exit) before it is recorded (at least 1)
     * @param strategy how traces call out
     * @param shape the code shape traces are compiled in
     * @param dump where each trace's listing is printed as it is compiled, or null
     * @param listener what hears the JIT's {@link JitEvent}s, or null
     */
    public TreeJit(FrontEnd<L, S, C> frontEnd, int threshold, CallStrategy strategy, CodeShape shape, PrintStream dump,
                   JitEvent.Listener<L, S, C> listener) {
        this.frontEnd = Objects.requireNonNull(frontEnd, "frontEnd");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        this.threshold = threshold;
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.dump = dump;
        this.listener = listener;
    }

    /**
     * Begins serving a run on the calling thread.
     *
     * @throws IllegalStateException if this JIT is closed, or serves a run now
     */
    public synchronized void startRun() {
        if (closed) {
            throw new IllegalStateException("this JIT is closed: make a new one");
        }
        if (runner != null) {
            throw new IllegalStateException("this JIT serves a run on thread \"" + runner.getName()
                    + "\" now: runs that share a JIT go one after another (give each thread a JIT of its own)");
        }
        runner = Thread.currentThread();
        arrays = null;
    }

    /** True once the run served now has bound its arrays. */
    public boolean bound() {
        return arrays != null;
    }

    /**
     * Binds the run served now to {@code arrays}: its traces' frames read and write them.
     *
     * @throws IllegalStateException if the calling thread did not start the run served now
     */
    public void bind(ArrayTable arrays) {
        Objects.requireNonNull(arrays, "arrays");
        if (runner != Thread.currentThread()) {
            throw new IllegalStateException("no run of this JIT was started on this thread: startRun first"
                    + " (with interpreter hooks: forward onRunStart and onRunEnd as well as the loop events)");
        }
        this.arrays = arrays;
    }

    /** Ends the run: the frames bound to its arrays are dropped; the compiled trees stay for the next run. */
    public synchronized void endRun() {
        heads.forEachTree(tree -> {
            if (tree.frame != null) {
                tree.frame.close();
                tree.frame = null;
            }
        });
        arrays = null;
        runner = null;
    }

    /**
     * At the head {@code pc} of a loop in unit {@code unit} (of {@code unitLength} pcs), with
     * {@code state} there: counts the arrival, records the loop once it is hot, and runs its trace
     * if it has one. Returns the pc the interpreter goes on at, in the unit on top of {@code state}:
     * {@code pc} if nothing ran.
     *
     * @throws IllegalStateException if no run was started and bound
     */
    public int atLoopHead(int unit, int unitLength, int pc, C state) {
        if (arrays == null) {
            throw new IllegalStateException("no run is bound to arrays: startRun and bind first");
        }
        TraceTree<L, S> tree = heads.tree(unit, pc);
        if (tree != null) {
            return runTree(tree, state);
        }
        int count = heads.arrive(unit, unitLength, pc);
        if (count == LoopHeads.BLACKLISTED || count < threshold) {
            return pc;
        }
        return record(unit, unitLength, pc, state);
    }

    /** True if the loop with its head at {@code pc} of unit {@code unit} has a trace. */
    public boolean hasTrace(int unit, int pc) {
        return heads.tree(unit, pc) != null;
    }

    private int record(int unit, int unitLength, int head, C state) {
        TraceTree<L, S> tree = new TraceTree<>(unit, head, frontEnd.loop(state, head));
        Trace.Builder builder = Trace.builder(frontEnd.traceName(tree.loop()), symbols());
        Recording result = frontEnd.record(tree, state, builder, tree.branchGuards);
        if (!result.succeeded()) {
            Abort.Policy policy = result.abort().policy();
            if (policy == Abort.Policy.RETRY) {
                heads.reset(unit, head); // the recorded iteration was the loop's last: try again later
                tell(new JitEvent.Aborted<>(tree, null, result.pc(), result.abort(), 0, false), state);
                return result.pc();
            }
            abortCount++;
            int tries = heads.abort(unit, unitLength, head);
            boolean givenUp = policy == Abort.Policy.GIVE_UP || tries >= MAX_ABORTS;
            if (givenUp) {
                heads.blacklist(unit, head);
            } else {
                heads.reset(unit, head);
            }
            tell(new JitEvent.Aborted<>(tree, null, result.pc(), result.abort(), tries, givenUp), state);
            return result.pc();
        }
        String refused = install(tree, result.trace());
        if (refused != null) {
            // a trace the compiler cannot lay out (too long for its branches): interpret this loop
            abortCount++;
            heads.blacklist(unit, head);
            tell(new JitEvent.NotCompiled<>(tree, refused), state);
            return head;
        }
        traceCount++;
        counted(result);
        tell(new JitEvent.Compiled<>(tree, result.trace().size(), result.inlinedCalls(), result.returns()), state);
        heads.put(unit, unitLength, head, tree);
        return runTree(tree, state); // the recording left the state at the loop head
    }

    private void tell(JitEvent<L, S> event, C state) {
        if (listener != null) {
            listener.event(event, state);
        }
    }

    private void counted(Recording installed) {
        inlinedCalls += installed.inlinedCalls();
        returns += installed.returns();
    }

    /**
     * Compiles {@code trace} and makes it the tree's code, freeing the code and frame it replaces
     * (no trace runs while the interpreter's hook runs). Returns null, or why the compiler cannot
     * lay it out; the tree is then unchanged.
     */
    private String install(TraceTree<L, S> tree, Trace trace) {
        long start = System.nanoTime();
        CompiledTrace compiled;
        try {
            compiled = compiler().compile(trace, arena);
        } catch (TraceException | HoleException e) {
            compileNanos += System.nanoTime() - start;
            return e.getMessage();
        }
        Frame frame = frameFor(tree, trace);
        compileNanos += System.nanoTime() - start;
        uopCount += trace.size();
        codeBytes += compiled.stats().totalBytes();
        trampolines += compiled.stats().trampolines();
        if (dump != null) {
            dump.print(compiled.listing());
            dump.flush();
        }
        if (tree.code != null) {
            tree.code.free();
        }
        if (tree.frame != null) {
            tree.frame.close();
        }
        tree.trace = trace;
        tree.code = compiled;
        tree.frame = frame;
        frontEnd.installed(tree.loop(), trace);
        tree.indexBranchExits();
        return null;
    }

    /** A frame for {@code trace} of {@code tree}, on the arrays of the run served now. */
    private Frame frameFor(TraceTree<L, S> tree, Trace trace) {
        return Frame.allocate(Math.max(1, Math.max(frontEnd.slotCount(tree.loop()), trace.maxLocal() + 1)),
                Math.max(1, trace.maxDepth()), arrays);
    }

    /**
     * Runs the tree's trace from the loop head; an exit of a branch guard taken {@code threshold}
     * times grows the tree by the path from there. Where the trace stops (or the recording did) at
     * the head of a loop with a trace, that trace runs next. Returns the pc the interpreter goes
     * on at, in the unit on top.
     */
    private int runTree(TraceTree<L, S> tree, C state) {
        while (true) {
            if (tree.frame == null) { // the tree was compiled in an earlier run
                tree.frame = frameFor(tree, tree.trace);
            }
            if (!frontEnd.enter(tree, state, tree.frame)) {
                return tree.head();
            }
            int exit = (int) tree.code.invoke(tree.frame);
            exits++;
            int pc = frontEnd.exit(tree, tree.snapshot(exit), state, tree.frame);
            if (tree.growable(exit) && tree.countExit(exit, threshold)) {
                pc = grow(tree, exit, state);
            }
            TraceTree<L, S> next = handOver(state, pc);
            if (next == null) {
                toInterpreter++;
                return pc;
            }
            if (next != tree) {
                handovers++;
            }
            tree = next;
        }
    }

    /**
     * The tree whose trace starts at {@code pc} of the unit on top, if it has one and a trace may
     * start there; null to let the interpreter go on there (always once the thread is interrupted:
     * the interpreter reports that).
     */
    private TraceTree<L, S> handOver(C state, int pc) {
        int unit = frontEnd.unitAt(state);
        if (unit < 0 || Thread.currentThread().isInterrupted()) {
            return null;
        }
        return heads.tree(unit, pc);
    }

    /**
     * Records the side path from {@code exit}, through which the tree's trace just left, and
     * installs the trace with the branch guards that exit there turned into jumps to it. Returns
     * the pc where the recording stopped, in the unit on top.
     */
    private int grow(TraceTree<L, S> tree, int exit, C state) {
        Trace old = tree.trace;
        int side = old.size();
        BitSet guards = tree.branchGuards;
        BitSet replaced = new BitSet();
        for (int i = guards.nextSetBit(0); i >= 0; i = guards.nextSetBit(i + 1)) {
            if (old.uop(i).arg() == exit) {
                replaced.set(i);
            }
        }
        Trace.Builder builder = Trace.builder(old.name(), symbols());
        TreeLinks.copyWithJumps(old, replaced, e -> side, builder);
        BitSet newGuards = (BitSet) guards.clone();
        newGuards.andNot(replaced);
        S from = tree.snapshot(exit);
        Recording result = frontEnd.recordSide(tree, from, state, builder, newGuards);
        if (!result.succeeded()) {
            abortCount++;
            int tries = tree.giveUp(exit, result.abort().policy() == Abort.Policy.GIVE_UP, MAX_ABORTS);
            tell(new JitEvent.Aborted<>(tree, from, result.pc(), result.abort(), tries, tree.givenUp(exit)), state);
            return result.pc();
        }
        int start = tree.blockStart(exit);
        tree.grew(exit, side);
        int unlinked = newGuards.cardinality();
        Trace grown = TreeLinks.link(result.trace(), newGuards, side, tree::blockStart);
        int linked = replaced.cardinality() + unlinked - newGuards.cardinality();
        String refused = install(tree, grown);
        if (refused != null) {
            tree.grew(exit, start);
            abortCount++;
            tree.sidePaths = MAX_SIDE_PATHS; // it will not get shorter: stop growing this tree
            tell(new JitEvent.NotCompiled<>(tree, refused), state);
            tell(new JitEvent.Full<>(tree, "its next side path could not be compiled"), state);
            return result.pc();
        }
        tree.branchGuards = newGuards;
        tree.indexBranchExits();
        tree.sidePaths++;
        sideTraces++;
        links += linked;
        counted(result);
        tell(new JitEvent.Grew<>(tree, from, grown.size(), tree.sidePaths), state);
        if (tree.sidePaths == MAX_SIDE_PATHS) {
            tell(new JitEvent.Full<>(tree, MAX_SIDE_PATHS + " side paths, the most a tree grows"), state);
        } else if (grown.size() >= MAX_UOPS) {
            tell(new JitEvent.Full<>(tree, grown.size() + " uops, past the " + MAX_UOPS + " a tree grows to"), state);
        }
        return result.pc();
    }

    /** The symbols traces call: a recording defines what it calls there, through its builder. */
    private SymbolTable symbols() {
        if (symbols == null) {
            symbols = new SymbolTable();
        }
        return symbols;
    }

    private TraceCompiler compiler() {
        if (compiler == null) {
            compiler = new TraceCompiler(Architecture.host(), strategy, shape);
            arena = CodeArena.create(WxPolicy.DUAL_MAP);
        }
        return compiler;
    }

    /** What the JIT did so far, over every run it served. */
    public JitStats stats() {
        return new JitStats(traceCount, uopCount, codeBytes, trampolines, exits, compileNanos / 1000, abortCount,
                sideTraces, links, inlinedCalls, returns, handovers, toInterpreter);
    }

    /**
     * Frees the traces and the symbols' upcall stubs. Closing twice does nothing.
     *
     * @throws IllegalStateException if a run this JIT serves has not ended (its traces may be running)
     */
    @Override
    public synchronized void close() {
        if (runner != null) {
            throw new IllegalStateException("this JIT serves a run on thread \"" + runner.getName()
                    + "\" now: close it after the run");
        }
        if (closed) {
            return;
        }
        closed = true;
        heads.clear();
        if (arena != null) {
            arena.close();
        }
        if (symbols != null) {
            symbols.close();
        }
    }
}
