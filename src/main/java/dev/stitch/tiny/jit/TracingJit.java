package dev.stitch.tiny.jit;

import dev.stitch.jit.CodeShape;
import dev.stitch.jit.TraceInterruptedException;
import dev.stitch.jit.TraceUpcallException;
import dev.stitch.jit.tree.JitStats;
import dev.stitch.jit.tree.TreeJit;
import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.CallStack;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.TinyRuntimeException;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The tracing JIT of tiny: plug it into {@link Program#run(PrintStream, InterpreterHooks)} and
 * {@link #close} it after the last run it serves.
 *
 * <ol>
 *   <li><b>Hot loops</b>: backward jumps are counted per (function, loop head); at
 *       {@code threshold} the loop is recorded.</li>
 *   <li><b>Recording</b> ({@link TraceRecorder}) executes one iteration for real while writing
 *       uops, following calls into their callees; an iteration that meets what the uops cannot
 *       express aborts and the interpreter goes on where it stopped. After {@link TreeJit#MAX_ABORTS}
 *       aborts a loop head is blacklisted.</li>
 *   <li><b>Running</b>: the trace, compiled into the JIT's {@link dev.stitch.mem.CodeArena},
 *       runs on a {@link dev.stitch.jit.Frame} per trace whose array table is the run's heap:
 *       the frame's locals (and a calling site's, for a trace that returns into its caller) are
 *       copied in, and the
 *       exit value names an {@link ExitSnapshot} from which the interpreter's call stack is put
 *       back as it would be at that point.</li>
 *   <li><b>Trace trees</b>: a branch guard's exit taken {@code threshold} times grows the trace by
 *       the path from the exit's state back to the loop head, recorded then (through returns,
 *       calls and loops around this one); the guards that exit there become jumps to it, and the
 *       grown trace replaces the old one (at most {@link TreeJit#MAX_SIDE_PATHS} side paths per
 *       loop).
 *       A path that reaches the head of another loop's trace ends there, and that trace runs
 *       next without the interpreter.</li>
 *   <li><b>A warm code cache</b>: one JIT serves any number of runs of one {@link Program}, one
 *       after another (on any thread). What a run learned stays: loop counts, blacklists, exit
 *       counts and compiled trace trees, so the next run enters the traces at once. Only the trace
 *       frames belong to a run: they are bound to its arrays, made at its first entry and dropped
 *       at its end. Serving another program, or two runs at once, is refused when the run starts.</li>
 * </ol>
 * What is tiny's is here and in {@link TinyFrontEnd}, {@link TraceRecorder} and {@link Loop}; the
 * trace-tree machinery (items 1, 3, 4 and the runs of 5) is the language-neutral {@link TreeJit}.
 * Prints in a trace call a Java upcall that prints to the run's output; {@code abs} calls libc's
 * {@code labs}; {@code min} and {@code max} are upcalls.
 *
 * <p>Traces are compiled for the JVM's architecture (AArch64 or x86-64): on another host the JIT
 * records nothing and says so once on the diagnostic stream, and the program runs interpreted.
 */
public final class TracingJit implements InterpreterHooks, AutoCloseable {
    /** The default number of times a loop goes round before it is recorded. */
    public static final int DEFAULT_THRESHOLD = 50;

    private final boolean enabled;
    private final TreeJit<Loop, ExitSnapshot, CallStack> trees;
    /** The program whose runs this JIT serves, once it served one. */
    private Program program;
    private final TinyFrontEnd frontEnd;

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
        this(threshold, strategy, shape, diagnostics, dumpTraces, false);
    }

    /**
     * A JIT that also prints a line to {@code diagnostics} for each thing it does, when
     * {@code logEvents}: each loop compiled (with its size), each recording given up (why, and at
     * which line), each side path grown, each tree that stops growing, in the form
     * {@code FILE:LINE: jit: ...}; otherwise as
     * {@link #TracingJit(int, CallStrategy, CodeShape, PrintStream, boolean)}.
     */
    public TracingJit(int threshold, CallStrategy strategy, CodeShape shape, PrintStream diagnostics,
                      boolean dumpTraces, boolean logEvents) {
        Objects.requireNonNull(diagnostics, "diagnostics");
        this.frontEnd = new TinyFrontEnd(this::hasTrace);
        this.trees = new TreeJit<>(frontEnd, threshold, strategy, shape, dumpTraces ? diagnostics : null,
                logEvents ? new JitLogText(diagnostics, () -> program.fileName()) : null);
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
        if (this.program != null && this.program != program) {
            throw new IllegalArgumentException("this TracingJit serves the runs of " + this.program.fileName()
                    + " (another Program object): its traces are that program's; make a JIT per program");
        }
        trees.startRun();
        this.program = program;
    }

    /** Ends the run: its trace frames, bound to its arrays, are dropped; the traces stay for the next run. */
    @Override
    public synchronized void onRunEnd(Program program) {
        frontEnd.unbind();
        trees.endRun();
    }

    @Override
    public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
        if (!enabled) {
            return targetPc;
        }
        if (!trees.bound()) { // the run's first: its arrays and output are the traces' now
            trees.bind(frame.heap().table());
            frontEnd.bind(frame.output(), frame.heap());
        }
        try {
            return trees.atLoopHead(function.index(), function.codeLength(), targetPc, frame.calls());
        } catch (TraceUpcallException e) {
            throw new TinyRuntimeException("a compiled trace failed: " + e.getCause());
        } catch (TraceInterruptedException e) {
            throw new TinyRuntimeException(TinyRuntimeException.INTERRUPTED);
        }
    }

    /** True if the loop with its head at {@code pc} of {@code function} has a trace. */
    private boolean hasTrace(FunctionCode function, int pc) {
        return trees.hasTrace(function.index(), pc);
    }

    /** What the JIT did so far, over every run it served. */
    public JitStats stats() {
        return trees.stats();
    }

    /**
     * Frees the traces and the symbols' upcall stubs. Closing twice does nothing.
     *
     * @throws IllegalStateException if a run this JIT serves has not ended (its traces may be running)
     */
    @Override
    public synchronized void close() {
        trees.close();
    }
}
