package dev.stitch.mem;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;

/**
 * Entering installed code from Java: a call to an installed {@code ret}. The bare downcall is
 * the floor; the guarded handle from {@link CodeRegion#handle} adds the arena's call gate. Each
 * with and without {@link Linker.Option#critical(boolean)}. Handles are static finals so that
 * the JIT treats them as constants, as real callers would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DowncallBenchmark {
    private static final FunctionDescriptor VOID = FunctionDescriptor.ofVoid();
    // Lives as long as the benchmark JVM.
    private static final CodeRegion RET = CodeArena.create(WxPolicy.DUAL_MAP).install(HostCode.ret());
    private static final MethodHandle BARE = Linker.nativeLinker().downcallHandle(
            MemorySegment.ofAddress(RET.address()), VOID);
    private static final MethodHandle BARE_CRITICAL = Linker.nativeLinker().downcallHandle(
            MemorySegment.ofAddress(RET.address()), VOID, Linker.Option.critical(false));
    private static final MethodHandle GUARDED = RET.handle(VOID);
    private static final MethodHandle GUARDED_CRITICAL = RET.handle(VOID, Linker.Option.critical(false));

    @Benchmark
    public void bare() throws Throwable {
        BARE.invokeExact();
    }

    @Benchmark
    public void bareCritical() throws Throwable {
        BARE_CRITICAL.invokeExact();
    }

    @Benchmark
    public void guarded() throws Throwable {
        GUARDED.invokeExact();
    }

    @Benchmark
    public void guardedCritical() throws Throwable {
        GUARDED_CRITICAL.invokeExact();
    }
}
