package dev.stitch.tiny.jit;

import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceException;
import dev.stitch.stencil.HoleException;
import dev.stitch.jit.TraceUpcallException;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.ProgramOutput;
import dev.stitch.tiny.TinyRuntimeException;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
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
 * </ol>
 * Prints in a trace call a Java upcall that prints to the run's output; {@code abs} calls libc's
 * {@code labs}; {@code min} and {@code max} are upcalls.
 *
 * <p>Traces are AArch64 code: on another host the JIT records nothing and says so once on the
 * diagnostic stream, and the program runs interpreted.
 */
public final class TracingJit implements InterpreterHooks, AutoCloseable {
    /** The default number of times a loop goes round before it is recorded. */
    public static final int DEFAULT_THRESHOLD = 50;
    /** Aborted recordings after which a loop head is not recorded again. */
    public static final int MAX_ABORTS = 3;

    static final String PRINT = "tiny_print";
    static final String ABS = "labs";
    static final String MIN = "tiny_min";
    static final String MAX = "tiny_max";

    private static final int BLACKLISTED = -1;

    private final int threshold;
    private final CallStrategy strategy;
    private final PrintStream dump;
    private final boolean enabled;
    private SymbolTable symbols;
    private CodeArena arena;
    private TraceCompiler compiler;
    /** Per function index, per pc: the backward jump count, or BLACKLISTED. */
    private int[][] counters = new int[0][];
    private int[][] aborts = new int[0][];
    private LoopTrace[][] traces = new LoopTrace[0][];
    private ProgramOutput output;
    private ArrayHeap heap;
    private final long[] printBuffer = new long[4];

    private int traceCount;
    private long uopCount;
    private long codeBytes;
    private long trampolines;
    private long exits;
    private long compileNanos;
    private int abortCount;

    /** A compiled loop and the frame it runs on. */
    private record LoopTrace(CompiledTrace code, Frame frame, int localCount) {}

    /**
     * @param threshold loop iterations before a loop is recorded (at least 1)
     * @param strategy how traces call out
     * @param diagnostics where the message about a host without AArch64 goes (once), and where
     *     listings go when {@code dumpTraces}
     * @param dumpTraces print each trace's listing to {@code diagnostics} as it is compiled
     */
    public TracingJit(int threshold, CallStrategy strategy, PrintStream diagnostics, boolean dumpTraces) {
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
        LoopTrace[] functionTraces = traces[f];
        if (functionTraces != null) {
            LoopTrace trace = functionTraces[targetPc];
            if (trace != null) {
                return run(trace, frame);
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
        Trace.Builder builder = Trace.builder(function.name().replaceAll("[^A-Za-z0-9_]", "_") + "_pc" + head, table);
        TraceRecorder.Result result = TraceRecorder.record(function, head, frame, builder, this::define);
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
        long start = System.nanoTime();
        CompiledTrace compiled;
        try {
            compiled = compiler().compile(trace, arena);
        } catch (TraceException | HoleException e) {
            // a trace the compiler cannot lay out (too long for its branches): interpret this loop
            abortCount++;
            counters[f][head] = BLACKLISTED;
            return head;
        }
        int localCount = Math.max(1, trace.maxLocal() + 1);
        Frame traceFrame = Frame.allocate(localCount, Math.max(1, function.maxStack() + trace.maxDepth()),
                frame.heap().table());
        compileNanos += System.nanoTime() - start;
        traceCount++;
        uopCount += trace.size();
        codeBytes += compiled.stats().totalBytes();
        trampolines += compiled.stats().trampolines();
        if (dump != null) {
            dump.print(compiled.listing());
            dump.flush();
        }
        if (traces[f] == null) {
            traces[f] = new LoopTrace[function.codeLength()];
        }
        LoopTrace loop = new LoopTrace(compiled, traceFrame, localCount);
        traces[f][head] = loop;
        return run(loop, frame); // the recorder left the frame at the loop head
    }

    private int run(LoopTrace trace, CallFrame frame) {
        Frame traceFrame = trace.frame();
        long[] locals = frame.locals();
        int localCount = trace.localCount();
        traceFrame.setLocals(locals, Math.min(localCount, locals.length));
        traceFrame.clearStack();
        output = frame.output();
        long exit;
        try {
            exit = trace.code().invoke(traceFrame);
        } catch (TraceUpcallException e) {
            throw new TinyRuntimeException("a compiled trace failed: " + e.getCause());
        } finally {
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
     * {@link #MAX}) the first time a trace calls it: upcall stubs are not free, so a run whose
     * traces call nothing makes none.
     */
    void define(String name) {
        SymbolTable table = symbols();
        if (table.find(name).isPresent()) {
            return;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType binary = MethodType.methodType(long.class, long.class, long.class);
            switch (name) {
                case ABS -> table.libc(ABS, 1, CallResult.LONG);
                case MIN -> table.upcall(MIN, lookup.findStatic(Math.class, "min", binary));
                case MAX -> table.upcall(MAX, lookup.findStatic(Math.class, "max", binary));
                default -> {
                    int n = Integer.parseInt(name.substring(PRINT.length()));
                    MethodType type = MethodType.methodType(void.class, java.util.Collections.nCopies(n, long.class));
                    table.upcall(name, lookup.findVirtual(TracingJit.class, "print" + n, type).bindTo(this));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private TraceCompiler compiler() {
        if (compiler == null) {
            compiler = new TraceCompiler(strategy);
            arena = CodeArena.create(WxPolicy.DUAL_MAP);
        }
        return compiler;
    }

    private void print0() {
        output.printLine(printBuffer, 0, 0);
    }

    private void print1(long a) {
        output.printLine(a);
    }

    private void print2(long a, long b) {
        printBuffer[0] = a;
        printBuffer[1] = b;
        output.printLine(printBuffer, 0, 2);
    }

    private void print3(long a, long b, long c) {
        printBuffer[0] = a;
        printBuffer[1] = b;
        printBuffer[2] = c;
        output.printLine(printBuffer, 0, 3);
    }

    private void print4(long a, long b, long c, long d) {
        printBuffer[0] = a;
        printBuffer[1] = b;
        printBuffer[2] = c;
        printBuffer[3] = d;
        output.printLine(printBuffer, 0, 4);
    }

    /** What the JIT did so far. */
    public JitStats stats() {
        return new JitStats(traceCount, uopCount, codeBytes, trampolines, exits, compileNanos / 1000, abortCount);
    }

    /** Frees the traces, their frames and the symbols' upcall stubs. */
    @Override
    public void close() {
        for (LoopTrace[] function : traces) {
            if (function != null) {
                for (LoopTrace trace : function) {
                    if (trace != null) {
                        trace.frame().close();
                    }
                }
            }
        }
        traces = new LoopTrace[0][];
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
