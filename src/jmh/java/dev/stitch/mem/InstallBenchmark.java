package dev.stitch.mem;

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

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Installing code, per W^X policy and size: allocate + write + seal + flush, then free so that
 * the arena reaches a steady state (the cost of a trace's whole life in memory). The floor is a
 * plain copy of the same bytes into native memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class InstallBenchmark {
    @Param({"FLIP", "DUAL_MAP", "RWX"})
    public WxPolicy policy;

    @Param({"64", "1024", "16384"})
    public int size;

    private CodeArena arena;
    private byte[] code;
    private Arena copyArena;
    private MemorySegment copyTarget;

    @Setup(Level.Trial)
    public void setUp() {
        arena = CodeArena.create(policy);
        code = HostCode.retPadded(size);
        copyArena = Arena.ofConfined();
        copyTarget = copyArena.allocate(size, 16);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        copyArena.close();
    }

    @Benchmark
    public long installAndFree() {
        CodeRegion region = arena.install(code);
        long address = region.address();
        region.free();
        return address;
    }

    /** The floor: one bulk copy of the same bytes (independent of the policy). */
    @Benchmark
    public MemorySegment copyFloor() {
        MemorySegment.copy(code, 0, copyTarget, JAVA_BYTE, 0, size);
        return copyTarget;
    }
}
