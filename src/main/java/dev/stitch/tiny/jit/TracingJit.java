package dev.stitch.tiny.jit;

import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.CodeShape;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceException;
import dev.stitch.jit.TraceUop;
import dev.stitch.stencil.HoleException;
import dev.stitch.jit.TraceInterruptedException;
import dev.stitch.jit.TraceUpcallException;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.CallStack;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.ProgramOutput;
import dev.stitch.tiny.TinyRuntimeException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * The tracing JIT of tiny: plug it into {@link Program#run(PrintStream, InterpreterHooks)} and
 * {@link #close} it after the last run it serves.
 *
 * <ol>
 *   <li><b>Hot loops</b>: backward jumps are counted per (function, loop head); at
 *       {@code threshold} the loop is recorded.</li>
 *   <li><b>Recording</b> ({@link TraceRecorder}) executes one iteration for real while writing
 *       uops, following calls into their callees; an iteration that meets what the uops cannot
 *       express aborts and the interpreter goes on where it stopped. After {@link #MAX_ABORTS}
 *       aborts a loop head is blacklisted.</li>
 *   <li><b>Running</b>: the trace, compiled into this run's {@link CodeArena} ({@code DUAL_MAP}),
 *       runs on a {@link Frame} per trace whose array table is the run's heap: the frame's locals
 *       (and a calling site's, for a trace that returns into its caller) are copied in, and the
 *       exit value names an {@link ExitSnapshot} from which the interpreter's call stack is put
 *       back as it would be at that point.</li>
 *   <li><b>Trace trees</b>: a branch guard's exit taken {@code threshold} times grows the trace by
 *       the path from the exit's state back to the loop head, recorded then (through returns,
 *       calls and loops around this one); the guards that exit there become jumps to it, and the
 *       grown trace replaces the old one (at most {@link #MAX_SIDE_PATHS} side paths per loop).
 *       A path that reaches the head of another loop's trace ends there, and that trace runs
 *       next without the interpreter.</li>
 *   <li><b>A warm code cache</b>: one JIT serves any number of runs of one {@link Program}, one
 *       after another (on any thread). What a run learned stays: loop counts, blacklists, exit
 *       counts and compiled trace trees, so the next run enters the traces at once. Only the trace
 *       frames belong to a run: they are bound to its arrays, made at its first entry and dropped
 *       at its end. Serving another program, or two runs at once, is refused when the run starts.</li>
 * </ol>
 * Prints in a trace call a Java upcall that prints to the run's output; {@code abs} calls libc's
 * {@code labs}; {@code min} and {@code max} are upcalls.
 *
 * <p>Traces are compiled for the JVM's architecture (AArch64 or x86-64): on another host the JIT
 * records nothing and says so once on the diagnostic stream, and the program runs interpreted.
 */
public final class TracingJit implements InterpreterHooks, AutoCloseable {
    /** The default number of times a loop goes round before it is recorded. */
    public static final int DEFAULT_THRESHOLD = 50;
    /** Aborted recordings after which a loop head (or a side exit) is not recorded again. */
    public static final int MAX_ABORTS = 3;
    /** The most side paths a loop's trace tree grows. */
    public static final int MAX_SIDE_PATHS = 8;

    static final String PRINT = "tiny_print";
    static final String ABS = "labs";
    static final String MIN = "tiny_min";
    static final String MAX = "tiny_max";

    private final int threshold;
    private final CallStrategy strategy;
    private final CodeShape shape;
    private final PrintStream dump;
    private final boolean enabled;
    private SymbolTable symbols;
    private CodeArena arena;
    private TraceCompiler compiler;
    /** Per function index, per pc: the backward jump count, or LoopTree.BLACKLISTED. */
    private int[][] counters = new int[0][];
    private int[][] aborts = new int[0][];
    private LoopTree[][] traces = new LoopTree[0][];
    /** The program whose runs this JIT serves, once it served one. */
    private Program program;
    /** The thread running the run this JIT serves now, or null between runs. */
    private Thread runner;
    private boolean closed;
    /** The arrays of the run served now; null until its first backward jump. */
    private ArrayHeap heap;

    private int traceCount;
    private long uopCount;
    private long codeBytes;
    private long trampolines;
    private long exits;
    private long compileNanos;
    private int abortCount;
    private int sideTraces;
    private int inlinedCalls;
    private int returns;
    private long handovers;
    private long toInterpreter;

    /**
     * @param threshold loop iterations before a loop is recorded (at least 1)
     * @param strategy how traces call out
     * @param diagnostics where the message about a host without AArch64 goes (once), and where
     *     listings go when {@code dumpTraces}
     * @param dumpTraces print each trace's listing to {@code diagnostics} as it is compiled
     */
    public TracingJit(int threshold, CallStrategy strategy, PrintStream diagnostics, boolean dumpTraces) {
        this(threshold, strategy, CodeShape.REGISTERS, diagnostics, dumpTraces);
    }

    /**
     * A JIT whose traces are compiled in {@code shape}; otherwise as
     * {@link #TracingJit(int, CallStrategy, PrintStream, boolean)}.
     */
    public TracingJit(int threshold, CallStrategy strategy, CodeShape shape, PrintStream diagnostics,
                      boolean dumpTraces) {
        this.shape = Objects.requireNonNull(shape, "shape");
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        this.threshold = threshold;
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(diagnostics, "diagnostics");
        this.dump = dumpTraces ? diagnostics : null;
        boolean supported;
        try {
            Architecture.host();
            supported = true;
        } catch (UnsupportedOperationException e) {
            diagnostics.println("stitch: " + e.getMessage() + "; running interpreted");
            supported = false;
        }
        this.enabled = supported;
    }

    /** A JIT with the default threshold and strategy that prints its host message to standard error. */
    public TracingJit() {
        this(DEFAULT_THRESHOLD, CallStrategy.PER_TRACE, System.err, false);
    }

    /** True if this JIT compiles traces here: on AArch64 and x86-64 JVMs. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Begins serving a run of {@code program}.
     *
     * @throws IllegalStateException if this JIT is closed, or serves a run now (runs that share a
     *     JIT go one after another)
     * @throws IllegalArgumentException if this JIT served runs of another program: its traces are
     *     that program's
     */
    @Override
    public synchronized void onRunStart(Program program) {
        Objects.requireNonNull(program, "program");
        if (closed) {
            throw new IllegalStateException("this TracingJit is closed: make a new one");
        }
        if (runner != null) {
            throw new IllegalStateException("this TracingJit serves a run on thread \"" + runner.getName()
                    + "\" now: runs that share a JIT go one after another (give each thread a JIT of its own)");
        }
        if (this.program != null && this.program != program) {
            throw new IllegalArgumentException("this TracingJit serves the runs of " + this.program.fileName()
                    + " (another Program object): its traces are that program's; make a JIT per program");
        }
        this.program = program;
        runner = Thread.currentThread();
        heap = null;
    }

    /** Ends the run: its trace frames, bound to its arrays, are dropped; the traces stay for the next run. */
    @Override
    public synchronized void onRunEnd(Program program) {
        for (LoopTree[] function : traces) {
            if (function != null) {
                for (LoopTree tree : function) {
                    if (tree != null && tree.frame != null) {
                        tree.frame.close();
                        tree.frame = null;
                    }
                }
            }
        }
        heap = null;
        runner = null;
    }

    @Override
    public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
        if (!enabled) {
            return targetPc;
        }
        if (heap == null) {
            heap = frame.heap();
        }
        int f = function.index();
        if (f >= counters.length) {
            int n = Math.max(f + 1, counters.length * 2);
            counters = Arrays.copyOf(counters, n);
            aborts = Arrays.copyOf(aborts, n);
            traces = Arrays.copyOf(traces, n);
        }
        LoopTree tree = treeAt(function, targetPc);
        if (tree != null) {
            return runTree(tree, frame.calls());
        }
        int[] counts = counters[f];
        if (counts == null) {
            counts = counters[f] = new int[function.codeLength()];
        }
        int count = counts[targetPc];
        if (count == LoopTree.BLACKLISTED) {
            return targetPc;
        }
        counts[targetPc] = ++count;
        if (count < threshold) {
            return targetPc;
        }
        return record(function, targetPc, frame);
    }

    private int record(FunctionCode function, int head, CallFrame frame) {
        int f = function.index();
        CallStack calls = frame.calls();
        LoopTree tree = new LoopTree(function, head);
        Trace.Builder builder = Trace.builder(traceName(function.name(), head), symbols());
        TraceRecorder.Result result = TraceRecorder.record(tree, calls, builder, this::define, this::hasTrace,
                tree.branchGuards);
        if (result.trace() == null) {
            if (result.abortReason().retry()) {
                counters[f][head] = 0; // the recorded iteration was the loop's last: try again later
                return result.pc();
            }
            abortCount++;
            int[] functionAborts = aborts[f];
            if (functionAborts == null) {
                functionAborts = aborts[f] = new int[function.codeLength()];
            }
            // an inner loop with a trace of its own will grow round this one: no use trying again
            boolean forGood = result.abortReason() == AbortReason.INNER_TRACE;
            counters[f][head] = forGood || ++functionAborts[head] >= MAX_ABORTS ? LoopTree.BLACKLISTED : 0;
            return result.pc();
        }
        if (!install(tree, result.trace())) {
            // a trace the compiler cannot lay out (too long for its branches): interpret this loop
            abortCount++;
            counters[f][head] = LoopTree.BLACKLISTED;
            return head;
        }
        traceCount++;
        counted(result);
        if (traces[f] == null) {
            traces[f] = new LoopTree[function.codeLength()];
        }
        traces[f][head] = tree;
        return runTree(tree, calls); // the recorder left the frame on top at the loop head
    }

    private void counted(TraceRecorder.Result installed) {
        inlinedCalls += installed.inlinedCalls();
        returns += installed.returns();
    }

    /** True if the loop with its head at {@code pc} of {@code function} has a trace. */
    private boolean hasTrace(FunctionCode function, int pc) {
        return treeAt(function, pc) != null;
    }

    /** The tree of the loop with its head at {@code pc} of {@code function}, or null. */
    private LoopTree treeAt(FunctionCode function, int pc) {
        int f = function.index();
        return f < traces.length && traces[f] != null ? traces[f][pc] : null;
    }

    /** {@code NAME_pcHEAD}, with every character of the function's name that is not a letter, digit or {@code _} as {@code _}. */
    static String traceName(String function, int head) {
        StringBuilder name = new StringBuilder(function.length() + 8);
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            name.append(plain ? c : '_');
        }
        return name.append("_pc").append(head).toString();
    }

    /**
     * Compiles {@code trace} and makes it the tree's code, freeing the code and frame it replaces
     * (no trace runs while the interpreter's hook runs). False if the compiler cannot lay it out;
     * the tree is then unchanged.
     */
    private boolean install(LoopTree tree, Trace trace) {
        long start = System.nanoTime();
        CompiledTrace compiled;
        try {
            compiled = compiler().compile(trace, arena);
        } catch (TraceException | HoleException e) {
            compileNanos += System.nanoTime() - start;
            return false;
        }
        Frame traceFrame = frameFor(tree, trace);
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
        tree.frame = traceFrame;
        tree.installedSites = tree.siteCount();
        tree.installedKey = tree.hasKey();
        tree.indexBranchExits();
        return true;
    }

    /**
     * Runs the tree's trace from the loop head; an exit of a branch guard taken {@code threshold}
     * times grows the tree by the path from there (recorded now, from the exit's state). Where the
     * trace stops (or the recording did) at the head of a loop with a trace, with the frame's stack
     * empty, that trace runs next: nested loops and loops after one another pass control between
     * their traces without the interpreter. Returns the pc the interpreter continues at, in the
     * frame on top.
     */
    private int runTree(LoopTree tree, CallStack calls) {
        while (true) {
            if (calls.depth() - 1 + tree.maxInlined() > CallStack.MAX_CALLS) {
                return tree.head; // its inlined calls would go past the limit: the interpreter reports it
            }
            int exit = run(tree, calls);
            int pc = tree.snapshot(exit).pc();
            if (tree.growable(exit, MAX_SIDE_PATHS) && tree.countExit(exit, threshold)) {
                pc = grow(tree, exit, calls);
            }
            LoopTree next = handOver(calls, pc);
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
     * The tree whose trace starts at {@code pc} of the frame on top, if it has one and its stack is
     * empty, as a loop head's is; null to let the interpreter go on there (always once the thread
     * is interrupted: the interpreter reports that).
     */
    private LoopTree handOver(CallStack calls, int pc) {
        CallFrame top = calls.top();
        if (top.stackDepth() != 0 || Thread.currentThread().isInterrupted()) {
            return null;
        }
        return treeAt(top.function(), pc);
    }

    /**
     * Records the side path from {@code exit}, through which the tree's trace just left, and
     * installs the trace with the branch guards that exit there turned into jumps to it. Returns
     * the pc where the recording stopped, in the frame on top (everything before it was executed):
     * the loop head when the path went round to it, the head of another loop's trace that the path
     * hands over to, or where it was given up.
     */
    private int grow(LoopTree tree, int exit, CallStack calls) {
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
        copyWithJumps(old, replaced, e -> side, builder);
        BitSet newGuards = (BitSet) guards.clone();
        newGuards.andNot(replaced);
        TraceRecorder.Result result = TraceRecorder.recordSide(tree, tree.snapshot(exit), calls, builder,
                this::define, this::hasTrace, newGuards);
        if (result.trace() == null) {
            abortCount++;
            tree.giveUp(exit, false, MAX_ABORTS);
            return result.pc();
        }
        int start = tree.blockStart(exit);
        tree.grew(exit, side);
        Trace grown = link(tree, result.trace(), newGuards, side);
        if (!install(tree, grown)) {
            tree.grew(exit, start);
            abortCount++;
            tree.sidePaths = MAX_SIDE_PATHS; // it will not get shorter: stop growing this tree
            return result.pc();
        }
        tree.branchGuards = newGuards;
        tree.indexBranchExits();
        tree.sidePaths++;
        sideTraces++;
        counted(result);
        return result.pc();
    }

    /**
     * Points the new side path's branch guards (from uop {@code from} on) that exit through an exit
     * the tree has a side path for at that path, unless that path can come back to the new one
     * without going round the loop: such a cycle would run without the loop's poll, and one whose
     * guard fails with nothing changed (a call site's key checked again) would never end. Removes
     * the linked guards from {@code guards}. Returns {@code trace} itself if there are none.
     */
    private Trace link(LoopTree tree, Trace trace, BitSet guards, int from) {
        BitSet linked = new BitSet();
        for (int i = guards.nextSetBit(from); i >= 0; i = guards.nextSetBit(i + 1)) {
            int start = tree.blockStart((int) trace.uop(i).arg());
            if (start >= 0 && !reaches(trace, start, from)) {
                linked.set(i);
            }
        }
        if (linked.isEmpty()) {
            return trace;
        }
        Trace.Builder builder = Trace.builder(trace.name(), symbols());
        copyWithJumps(trace, linked, tree::blockStart, builder);
        try {
            Trace linkedTrace = builder.build();
            guards.andNot(linked);
            return linkedTrace;
        } catch (TraceException e) { // not expected; the unlinked trace is correct too
            return trace;
        }
    }

    /**
     * Appends {@code trace}'s uops to {@code builder}, each guard in {@code guards} turned into the
     * conditional jump taken where it would exit, to uop {@code target(exit value)}.
     */
    private static void copyWithJumps(Trace trace, BitSet guards, IntUnaryOperator target, Trace.Builder builder) {
        for (int i = 0; i < trace.size(); i++) {
            TraceUop u = trace.uop(i);
            if (guards.get(i)) {
                builder.jump(u.uop() == Uop.GUARD_TRUE ? Uop.JUMP_IF_FALSE : Uop.JUMP_IF_TRUE,
                        target.applyAsInt((int) u.arg()));
            } else {
                builder.add(u);
            }
        }
    }

    /** True if control can get from uop {@code from} to uop {@code to} of {@code trace} without a {@code LOOP}. */
    static boolean reaches(Trace trace, int from, int to) {
        BitSet seen = new BitSet();
        int[] work = new int[trace.size()];
        int top = 0;
        work[top++] = from;
        seen.set(from);
        while (top > 0) {
            int i = work[--top];
            if (i == to) {
                return true;
            }
            TraceUop u = trace.uop(i);
            int next = u.uop().continues() && i + 1 < trace.size() ? i + 1 : -1;
            for (int successor : new int[] {next, u.target()}) {
                if (successor >= 0 && !seen.get(successor)) {
                    seen.set(successor);
                    work[top++] = successor;
                }
            }
        }
        return false;
    }

    /**
     * Runs the tree's trace once on the frame on top of {@code calls} (at the loop head, its stack
     * empty) and leaves the call stack as its exit's snapshot says. Returns the exit value.
     */
    private int run(LoopTree tree, CallStack calls) {
        if (tree.frame == null) { // the tree was compiled in an earlier run
            tree.frame = frameFor(tree, tree.trace);
        }
        Frame traceFrame = tree.frame;
        CallFrame frame = calls.top();
        long[] locals = frame.locals();
        traceFrame.setLocals(locals, locals.length);
        traceFrame.clearStack();
        if (tree.installedKey) {
            traceFrame.setLocal(tree.key(), callerKey(tree, calls, traceFrame));
        }
        // Only a trace that calls Java can print: the others need no sink on their trip.
        Builtins.Sink sink = tree.trace.callsJava() ? Builtins.sink() : null;
        ProgramOutput outer = sink != null ? sink.output : null;
        if (sink != null) {
            sink.output = frame.output();
        }
        long exit;
        try {
            exit = tree.code.invoke(traceFrame);
        } catch (TraceUpcallException e) {
            throw new TinyRuntimeException("a compiled trace failed: " + e.getCause());
        } catch (TraceInterruptedException e) {
            throw new TinyRuntimeException(TinyRuntimeException.INTERRUPTED);
        } finally {
            if (sink != null) {
                sink.output = outer;
            }
        }
        exits++;
        restore(tree, tree.snapshot((int) exit), calls, traceFrame);
        return (int) exit;
    }

    /**
     * The key the trace's entry puts in its key slot: which of the tree's call sites called the
     * frame on top (its index + 1), having copied that caller's slots and pending values into the
     * trace's frame; 0 if none did.
     */
    private static long callerKey(LoopTree tree, CallStack calls, Frame traceFrame) {
        if (calls.depth() < 2) {
            return 0;
        }
        CallFrame caller = calls.frame(calls.depth() - 2);
        for (int i = 0; i < tree.installedSites; i++) {
            CallSite site = tree.callSite(i);
            if (site.caller() == caller.function() && site.resumePc() == caller.resumePc()) {
                traceFrame.setLocals(site.base(), caller.locals(), caller.locals().length);
                traceFrame.setLocals(site.pendingBase(), caller.stack(), site.pending());
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Leaves the call stack as the interpreter would have it at {@code snapshot}, from the trace's
     * frame: the frame the trace started in (or its caller, if it returned), then a frame per call
     * it was running inline, each with its slots and its part of the trace's stack.
     */
    private static void restore(LoopTree tree, ExitSnapshot snapshot, CallStack calls, Frame traceFrame) {
        CallFrame started = calls.top();
        long key = tree.installedKey ? traceFrame.local(tree.key()) : 0;
        if (key != 0) { // the trace may have run code of the caller: put its state back
            CallSite site = tree.callSite((int) key - 1);
            CallFrame caller = calls.frame(calls.depth() - 2);
            traceFrame.getLocals(site.base(), caller.locals(), caller.locals().length);
            if (!snapshot.inCaller()) {
                traceFrame.getLocals(site.pendingBase(), caller.stack(), site.pending());
                caller.setStackDepth(site.pending());
                caller.setResumePc(site.resumePc());
            }
        }
        CallFrame current;
        if (snapshot.inCaller()) {
            current = calls.pop();
        } else {
            current = started;
            traceFrame.getLocals(0, started.locals(), started.locals().length);
        }
        if (snapshot.calls().isEmpty()) {
            current.setStackDepth(traceFrame.getStack(current.stack()));
            return;
        }
        long[] values = traceFrame.stack();
        int from = 0;
        for (InlinedCall call : snapshot.calls()) {
            int to = call.stackStart();
            System.arraycopy(values, from, current.stack(), 0, to - from);
            current.setStackDepth(to - from);
            current.setResumePc(call.callerResumePc());
            current = calls.push(call.callee());
            traceFrame.getLocals(call.base(), current.locals(), current.locals().length);
            from = to;
        }
        System.arraycopy(values, from, current.stack(), 0, snapshot.depth() - from);
        current.setStackDepth(snapshot.depth() - from);
    }

    /** A frame for {@code trace} of {@code tree}, on the arrays of the run served now. */
    private Frame frameFor(LoopTree tree, Trace trace) {
        return Frame.allocate(Math.max(1, Math.max(tree.slotCount(), trace.maxLocal() + 1)),
                Math.max(1, trace.maxDepth()), heap.table());
    }

    private SymbolTable symbols() {
        if (symbols == null) {
            symbols = new SymbolTable();
        }
        return symbols;
    }

    /**
     * Defines the symbol {@code name} (one of {@link #PRINT}0..4, {@link #ABS}, {@link #MIN},
     * {@link #MAX}) the first time a trace calls it, from the stubs all runs share ({@link Builtins}).
     */
    void define(String name) {
        SymbolTable table = symbols();
        if (table.find(name).isPresent()) {
            return;
        }
        if (name.equals(ABS)) {
            table.libc(ABS, 1, CallResult.LONG);
        } else {
            table.upcall(name, Builtins.stub(name));
        }
    }

    private TraceCompiler compiler() {
        if (compiler == null) {
            compiler = new TraceCompiler(Architecture.host(), strategy, shape);
            arena = CodeArena.create(WxPolicy.DUAL_MAP);
        }
        return compiler;
    }

    /** What the JIT did so far. */
    public JitStats stats() {
        return new JitStats(traceCount, uopCount, codeBytes, trampolines, exits, compileNanos / 1000, abortCount,
                sideTraces, inlinedCalls, returns, handovers, toInterpreter);
    }

    /**
     * Frees the traces and the symbols' upcall stubs. Closing twice does nothing.
     *
     * @throws IllegalStateException if a run this JIT serves has not ended (its traces may be running)
     */
    @Override
    public synchronized void close() {
        if (runner != null) {
            throw new IllegalStateException("this TracingJit serves a run on thread \"" + runner.getName()
                    + "\" now: close it after the run");
        }
        closed = true;
        traces = new LoopTree[0][];
        counters = new int[0][];
        aborts = new int[0][];
        if (arena != null) {
            arena.close();
        }
        if (symbols != null) {
            symbols.close();
        }
    }
}
