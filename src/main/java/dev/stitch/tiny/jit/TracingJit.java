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
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.ProgramOutput;
import dev.stitch.tiny.TinyRuntimeException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * The tracing JIT of tiny, for one run: plug it into {@link dev.stitch.tiny.Program#run(PrintStream,
 * InterpreterHooks)} and {@link #close} it after the run.
 *
 * <ol>
 *   <li><b>Hot loops</b>: backward jumps are counted per (function, loop head); at
 *       {@code threshold} the loop is recorded.</li>
 *   <li><b>Recording</b> ({@link TraceRecorder}) executes one iteration for real while writing
 *       uops; an iteration that meets what the uops cannot express aborts and the interpreter
 *       goes on where it stopped. After {@link #MAX_ABORTS} aborts a loop head is blacklisted.</li>
 *   <li><b>Running</b>: the trace, compiled into this run's {@link CodeArena} ({@code DUAL_MAP}),
 *       runs on a {@link Frame} per trace whose array table is the run's heap: locals are copied
 *       in, and at the exit the locals and the stack values are copied back and the exit value is
 *       the pc to continue at.</li>
 *   <li><b>Trace trees</b>: a branch guard's exit taken {@code threshold} times grows the trace by
 *       the path from the exit's pc back to the loop head, recorded then; the guards that exit
 *       there become jumps to it, and the grown trace replaces the old one (at most
 *       {@link #MAX_SIDE_PATHS} side paths per loop).</li>
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

    private static final int BLACKLISTED = -1;

    private final int threshold;
    private final CallStrategy strategy;
    private final CodeShape shape;
    private final PrintStream dump;
    private final boolean enabled;
    private SymbolTable symbols;
    private CodeArena arena;
    private TraceCompiler compiler;
    /** Per function index, per pc: the backward jump count, or BLACKLISTED. */
    private int[][] counters = new int[0][];
    private int[][] aborts = new int[0][];
    private LoopTree[][] traces = new LoopTree[0][];
    private ArrayHeap heap;

    private int traceCount;
    private long uopCount;
    private long codeBytes;
    private long trampolines;
    private long exits;
    private long compileNanos;
    private int abortCount;
    private int sideTraces;

    /**
     * A compiled loop: its trace (a tree once side paths grew), the frame it runs on, and what the
     * tree needs to grow. Exits are told apart by their pc: the interpreter's state at a pc does not
     * depend on which uop exited there, so a side path recorded from pc P serves every branch guard
     * that exits to P with the same stack depth.
     */
    private static final class LoopTree {
        final FunctionCode function;
        final int head;
        final int end;
        Trace trace;
        /** Indices of the trace's guards that stand for conditional jumps (not for errors). */
        BitSet branchGuards;
        CompiledTrace code;
        Frame frame;
        int localCount;
        /** Per pc: true if a branch guard exits there and a side path may still be recorded from it. */
        final boolean[] growable;
        /** Per pc: exits taken there since the last try, or BLACKLISTED (grown, or given up). */
        final int[] exitCounts;
        /** Per pc: side recordings from it that were given up. */
        final int[] sideAborts;
        /** Per pc: the uop index of the side path recorded from it, or -1; and its stack depth. */
        final int[] blockStart;
        final int[] blockDepth;
        int sidePaths;

        LoopTree(FunctionCode function, int head) {
            this.function = function;
            this.head = head;
            this.end = TraceRecorder.loopEnd(function.code(), head);
            int n = function.codeLength();
            growable = new boolean[n];
            exitCounts = new int[n];
            sideAborts = new int[n];
            blockStart = new int[n];
            blockDepth = new int[n];
            Arrays.fill(blockStart, -1);
        }

        /** Marks the pcs the tree may grow from: exits of branch guards inside the loop body. */
        void updateGrowable() {
            Arrays.fill(growable, false);
            if (sidePaths >= MAX_SIDE_PATHS || trace.size() >= TraceRecorder.MAX_UOPS) {
                return;
            }
            for (int i = branchGuards.nextSetBit(0); i >= 0; i = branchGuards.nextSetBit(i + 1)) {
                int pc = (int) trace.uop(i).arg();
                // an exit out of the loop body (the loop's own exit) cannot grow: its path leaves the loop
                if (pc >= head && pc <= end && exitCounts[pc] != BLACKLISTED) {
                    growable[pc] = true;
                }
            }
        }
    }

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

    @Override
    public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
        if (!enabled) {
            return targetPc;
        }
        if (heap != frame.heap()) {
            if (heap != null) {
                throw new IllegalStateException("a TracingJit serves one run; make a new one for each run");
            }
            heap = frame.heap();
        }
        int f = function.index();
        if (f >= counters.length) {
            int n = Math.max(f + 1, counters.length * 2);
            counters = Arrays.copyOf(counters, n);
            aborts = Arrays.copyOf(aborts, n);
            traces = Arrays.copyOf(traces, n);
        }
        LoopTree[] functionTraces = traces[f];
        if (functionTraces != null) {
            LoopTree tree = functionTraces[targetPc];
            if (tree != null) {
                return runTree(tree, frame);
            }
        }
        int[] counts = counters[f];
        if (counts == null) {
            counts = counters[f] = new int[function.codeLength()];
        }
        int count = counts[targetPc];
        if (count == BLACKLISTED) {
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
        SymbolTable table = symbols();
        Trace.Builder builder = Trace.builder(traceName(function.name(), head), table);
        BitSet branchGuards = new BitSet();
        TraceRecorder.Result result = TraceRecorder.record(function, head, frame, builder, this::define, branchGuards);
        if (result.trace() == null && result.leftLoop()) {
            counters[f][head] = 0; // the recorded iteration was the loop's last: try again later
            return result.pc();
        }
        if (result.trace() == null) {
            abortCount++;
            int[] functionAborts = aborts[f];
            if (functionAborts == null) {
                functionAborts = aborts[f] = new int[function.codeLength()];
            }
            if (++functionAborts[head] >= MAX_ABORTS) {
                counters[f][head] = BLACKLISTED;
            } else {
                counters[f][head] = 0;
            }
            return result.pc();
        }
        Trace trace = result.trace();
        LoopTree tree = new LoopTree(function, head);
        if (!install(tree, trace)) {
            // a trace the compiler cannot lay out (too long for its branches): interpret this loop
            abortCount++;
            counters[f][head] = BLACKLISTED;
            return head;
        }
        tree.branchGuards = branchGuards;
        tree.updateGrowable();
        traceCount++;
        if (traces[f] == null) {
            traces[f] = new LoopTree[function.codeLength()];
        }
        traces[f][head] = tree;
        return runTree(tree, frame); // the recorder left the frame at the loop head
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
        int localCount = Math.max(1, trace.maxLocal() + 1);
        Frame traceFrame = Frame.allocate(localCount, Math.max(1, tree.function.maxStack() + trace.maxDepth()),
                heap.table());
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
            tree.frame.close();
        }
        tree.trace = trace;
        tree.code = compiled;
        tree.frame = traceFrame;
        tree.localCount = localCount;
        return true;
    }

    /**
     * Runs the tree's trace from the loop head; an exit of a branch guard taken {@code threshold}
     * times grows the tree by the path from there (recorded now, from the exit's state), and the
     * grown trace runs on. Returns the pc the interpreter continues at.
     */
    private int runTree(LoopTree tree, CallFrame frame) {
        while (true) {
            int pc = run(tree, frame);
            if (pc < 0 || pc >= tree.growable.length || !tree.growable[pc] || ++tree.exitCounts[pc] < threshold) {
                return pc;
            }
            int next = grow(tree, pc, frame);
            if (next >= 0) {
                return next;
            }
            // grown: the frame is at the loop head, where the new trace starts
        }
    }

    /**
     * Records the side path from {@code exitPc}, where the tree's trace just exited, and installs the
     * trace with the branch guards that exit there turned into jumps to it. Returns -1 if the tree
     * grew (the recording went round to the loop head), else the pc the interpreter continues at
     * (where the recording stopped: everything before it was executed).
     */
    private int grow(LoopTree tree, int exitPc, CallFrame frame) {
        Trace old = tree.trace;
        int depth = frame.stackDepth();
        int side = old.size();
        BitSet replaced = new BitSet();
        BitSet guards = tree.branchGuards;
        for (int i = guards.nextSetBit(0); i >= 0; i = guards.nextSetBit(i + 1)) {
            TraceUop u = old.uop(i);
            if (u.arg() == exitPc && old.depthBefore(i) - 1 == depth) {
                replaced.set(i);
            }
        }
        if (replaced.isEmpty()) { // the exit's stack is not the one the guards leave: do not graft here
            giveUp(tree, exitPc, true);
            return exitPc;
        }
        Trace.Builder builder = Trace.builder(old.name(), symbols());
        for (int i = 0; i < side; i++) {
            TraceUop u = old.uop(i);
            if (replaced.get(i)) {
                builder.jump(u.uop() == Uop.GUARD_TRUE ? Uop.JUMP_IF_FALSE : Uop.JUMP_IF_TRUE, side);
            } else {
                builder.add(u);
            }
        }
        BitSet newGuards = (BitSet) guards.clone();
        newGuards.andNot(replaced);
        TraceRecorder.Result result = TraceRecorder.recordSide(tree.function, tree.head, exitPc, frame, builder,
                this::define, newGuards, TraceRecorder.MAX_UOPS);
        if (result.trace() == null) {
            giveUp(tree, exitPc, false);
            return result.pc();
        }
        // the frame is at the loop head now, with an empty stack
        tree.blockStart[exitPc] = side;
        tree.blockDepth[exitPc] = depth;
        Trace grown = link(tree, result.trace(), newGuards, side);
        if (!install(tree, grown)) {
            tree.blockStart[exitPc] = -1;
            abortCount++;
            tree.sidePaths = MAX_SIDE_PATHS; // it will not get shorter: stop growing this tree
            tree.updateGrowable();
            return tree.head;
        }
        tree.branchGuards = newGuards;
        tree.exitCounts[exitPc] = BLACKLISTED; // grown
        tree.sidePaths++;
        sideTraces++;
        tree.updateGrowable();
        return -1;
    }

    /**
     * Points the new side path's branch guards (from uop {@code from} on) that exit to a pc the
     * tree has a side path for, with the same stack depth, at that path. Removes them from
     * {@code guards}. Returns {@code trace} itself if there are none.
     */
    private Trace link(LoopTree tree, Trace trace, BitSet guards, int from) {
        BitSet linked = new BitSet();
        for (int i = guards.nextSetBit(from); i >= 0; i = guards.nextSetBit(i + 1)) {
            int pc = (int) trace.uop(i).arg();
            if (tree.blockStart[pc] >= 0 && trace.depthBefore(i) - 1 == tree.blockDepth[pc]) {
                linked.set(i);
            }
        }
        if (linked.isEmpty()) {
            return trace;
        }
        Trace.Builder builder = Trace.builder(trace.name(), symbols());
        for (int i = 0; i < trace.size(); i++) {
            TraceUop u = trace.uop(i);
            if (linked.get(i)) {
                builder.jump(u.uop() == Uop.GUARD_TRUE ? Uop.JUMP_IF_FALSE : Uop.JUMP_IF_TRUE,
                        tree.blockStart[(int) u.arg()]);
            } else {
                builder.add(u);
            }
        }
        try {
            Trace linkedTrace = builder.build();
            guards.andNot(linked);
            return linkedTrace;
        } catch (TraceException e) { // not expected; the unlinked trace is correct too
            return trace;
        }
    }

    /** A side recording from {@code pc} was given up: try again later, or never after a few. */
    private void giveUp(LoopTree tree, int pc, boolean forGood) {
        abortCount++;
        if (forGood || ++tree.sideAborts[pc] >= MAX_ABORTS) {
            tree.exitCounts[pc] = BLACKLISTED;
            tree.growable[pc] = false;
        } else {
            tree.exitCounts[pc] = 0;
        }
    }

    private int run(LoopTree tree, CallFrame frame) {
        Frame traceFrame = tree.frame;
        long[] locals = frame.locals();
        int localCount = tree.localCount;
        traceFrame.setLocals(locals, Math.min(localCount, locals.length));
        traceFrame.clearStack();
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
            traceFrame.getLocals(locals, Math.min(localCount, locals.length));
        }
        exits++;
        int depth = traceFrame.getStack(frame.stack());
        frame.setStackDepth(depth);
        return (int) exit;
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
                sideTraces);
    }

    /** Frees the traces, their frames and the symbols' upcall stubs. */
    @Override
    public void close() {
        for (LoopTree[] function : traces) {
            if (function != null) {
                for (LoopTree tree : function) {
                    if (tree != null) {
                        tree.frame.close();
                    }
                }
            }
        }
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
