package dev.stitch.jit;

import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.mem.WxPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The fixed costs a JIT pays per run (tiny's {@code stitch run} makes a JIT, its arena, frames,
 * and array table per run), each next to what Stitch does instead:
 * <ul>
 *   <li>{@code sharedArenaClose} / {@code confinedArenaClose} / {@code autoArena}: native memory
 *       for a frame, freed by closing a shared arena (which waits for every thread of the JVM),
 *       a confined one, or left to the collector;</li>
 *   <li>{@code linkDowncall} / {@code regionHandle} / {@code sharedInvoker}: a downcall linked to
 *       one address (what each trace once did twice, before combining a guard around it), a
 *       region's guarded handle (now the shared invoker with the region bound), and taking the
 *       shared {@link CodeRegion#invoker} itself;</li>
 *   <li>{@code upcallStub} / {@code globalUpcall}: a symbol table that makes and frees an upcall
 *       stub, against one that adds a stub made once ({@link Upcall#global});</li>
 *   <li>{@code arenaInstallClose} / {@code unpooledArenaInstallClose}: a new arena, one install
 *       and a close, with a chunk of the default size (from the pool of retired chunks after the
 *       first) or of another size (mapped and unmapped each time, as every arena once did).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class RunCostBenchmark {
    private static final FunctionDescriptor TRACE = FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle SINK;
    private static final Upcall GLOBAL;

    static {
        try {
            SINK = MethodHandles.lookup().findStatic(RunCostBenchmark.class, "sink",
                    MethodType.methodType(void.class, long.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        GLOBAL = Upcall.global(SINK);
    }

    private static void sink(long a, long b) {}

    private final byte[] code = new byte[256];
    private CodeArena arena;
    private CodeRegion region;

    @Setup(Level.Trial)
    public void setUp() {
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
        region = arena.install(code);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public long sharedArenaClose() {
        Arena memory = Arena.ofShared();
        long address = memory.allocate(256).address();
        memory.close();
        return address;
    }

    @Benchmark
    public long confinedArenaClose() {
        Arena memory = Arena.ofConfined();
        long address = memory.allocate(256).address();
        memory.close();
        return address;
    }

    @Benchmark
    public long autoArena() {
        return Arena.ofAuto().allocate(256).address();
    }

    @Benchmark
    public MethodHandle linkDowncall() {
        return Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(region.address()), TRACE,
                Linker.Option.critical(false));
    }

    @Benchmark
    public MethodHandle regionHandle() {
        return region.handle(TRACE, Linker.Option.critical(false));
    }

    @Benchmark
    public MethodHandle sharedInvoker() {
        return CodeRegion.invoker(TRACE, Linker.Option.critical(false));
    }

    @Benchmark
    public int upcallStub() {
        try (SymbolTable symbols = new SymbolTable()) {
            return symbols.upcall("sink", SINK).ordinal();
        }
    }

    @Benchmark
    public int globalUpcall() {
        try (SymbolTable symbols = new SymbolTable()) {
            return symbols.upcall("sink", GLOBAL).ordinal();
        }
    }

    @Benchmark
    public long unpooledArenaInstallClose() {
        try (CodeArena fresh = CodeArena.builder().policy(WxPolicy.DUAL_MAP).chunkBytes(2 * CodeArena.DEFAULT_CHUNK_BYTES).build()) {
            return fresh.install(code).address();
        }
    }

    @Benchmark
    public long arenaInstallClose() {
        try (CodeArena fresh = CodeArena.create(WxPolicy.DUAL_MAP)) {
            return fresh.install(code).address();
        }
    }
}
