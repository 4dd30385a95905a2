package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the back-edge poll costs: the sum loop {@code s += i; i -= 1} (12 uops), run for
 * {@link #ITERATIONS} iterations per invoke, compiled with its poll and without (the floor in
 * DESIGN.md), side by side; scores are ns per loop iteration. {@code polledWithTrips} gives the
 * trace fuel for 1,000 back-edges, so it also pays a trip to Java (a yield and a resume) every
 * 1,000 iterations, far more often than the default.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class BackEdgePollBenchmark {
    static final int ITERATIONS = 100_000;

    /** The code shape: the register shape's poll is paid once per unrolled copies, the stack shape's per iteration. */
    @Param({"REGISTERS", "STACK"})
    public CodeShape shape;

    private CodeArena arena;
    private Frame frame;
    private CompiledTrace polled;
    private CompiledTrace unpolled;

    @Setup(Level.Trial)
    public void setUp() {
        Trace trace = Trace.builder("sum", new SymbolTable()).enter()
                .load(0).add(Uop.GUARD_TRUE, 1)
                .load(1).load(0).add(Uop.ADD).store(1)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .loop().build();
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
        frame = Frame.allocate(2, 4);
        Architecture host = Architecture.host();
        polled = new TraceCompiler(host, CallStrategy.PER_TRACE, shape, true).compile(trace, arena);
        unpolled = new TraceCompiler(host, CallStrategy.PER_TRACE, shape, false).compile(trace, arena);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frame.close();
        arena.close();
    }

    private long run(CompiledTrace trace, long fuel) {
        frame.setLocal(0, ITERATIONS).setLocal(1, 0);
        trace.invoke(frame, fuel);
        return frame.local(1);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long polled() {
        return run(polled, polled.fuel());
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long polledWithTrips() {
        return run(polled, 1_000);
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long unpolled() {
        return run(unpolled, Long.MAX_VALUE);
    }
}
