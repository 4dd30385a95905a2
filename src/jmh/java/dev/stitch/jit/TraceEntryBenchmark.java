package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What entering a trace costs, for a trace that exits at once ({@code ENTER; EXIT 7}): the
 * round trip every exit of a loop's trace pays again when the loop's next iteration enters it.
 * {@code invoke} is {@link CompiledTrace#invoke}, with all its checks; {@code guarded} is the
 * critical guarded downcall it makes ({@link dev.stitch.mem.CodeRegion#invoker}); {@code bare} the
 * critical downcall alone (the floor); {@code tinyTrip} what tiny's JIT adds around an invoke
 * (copying four locals in, the stack cleared, the locals and stack copied out);
 * {@code invokeCallingJava} an invoke of a trace that calls a Java method that does nothing
 * ({@code ENTER; CONST 1; CALL noop 1; EXIT 7}), which sets up where an upcall's exception goes
 * (with {@code -prof gc}: whether an invoke allocates).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class TraceEntryBenchmark {
    private static final FunctionDescriptor TRACE = FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle GUARDED = dev.stitch.mem.CodeRegion.invoker(TRACE, Linker.Option.critical(false));

    /** The code shape: both enter through the same prologue and leave through the same epilogue. */
    @Param({"REGISTERS", "STACK"})
    public CodeShape shape;

    private CodeArena arena;
    private Frame frame;
    private CompiledTrace trace;
    private CompiledTrace callingJava;
    private SymbolTable symbols;
    private MethodHandle bare;
    private final long[] locals = {1, 2, 3, 4};
    private final long[] stack = new long[8];

    @Setup(Level.Trial)
    public void setUp() {
        symbols = new SymbolTable();
        try {
            symbols.upcall("noop", java.lang.invoke.MethodHandles.lookup().findStatic(TraceEntryBenchmark.class, "noop",
                    java.lang.invoke.MethodType.methodType(void.class, long.class)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        Trace exits = Trace.builder("exits", symbols).enter().exit(7).build();
        Trace calls = Trace.builder("calls", symbols).enter().constant(1).call("noop", 1).exit(7).build();
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
        frame = Frame.allocate(4, 8);
        TraceCompiler compiler = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, shape);
        trace = compiler.compile(exits, arena);
        callingJava = compiler.compile(calls, arena);
        bare = Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(trace.address()), TRACE,
                Linker.Option.critical(false));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        frame.close();
        arena.close();
        symbols.close();
    }

    private static void noop(long value) {
    }

    @Benchmark
    public long invokeCallingJava() {
        return callingJava.invoke(frame);
    }

    @Benchmark
    public long invoke() {
        return trace.invoke(frame);
    }

    @Benchmark
    public long guarded() throws Throwable {
        return (long) GUARDED.invokeExact(trace.region(), 0L, frame.header(), MemorySegment.NULL);
    }

    @Benchmark
    public long bare() throws Throwable {
        return (long) bare.invokeExact(frame.header(), MemorySegment.NULL);
    }

    @Benchmark
    public long tinyTrip() {
        frame.setLocals(locals, 4);
        frame.clearStack();
        long exit = trace.invoke(frame);
        frame.getLocals(locals, 4);
        return exit + frame.getStack(stack);
    }
}
