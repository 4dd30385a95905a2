package dev.stitch.mem;

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

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * The system-call floors of installing: one mprotect pair (what {@link WxPolicy#FLIP} pays per
 * write) and a fresh mapping per trace (what the arena avoids by packing and reuse).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProtectionBenchmark {
    private static final int RW = Posix.PROT_READ | Posix.PROT_WRITE;
    private static final int RX = Posix.PROT_READ | Posix.PROT_EXEC;

    private long page;
    private long address;

    @Setup(Level.Trial)
    public void setUp() {
        page = Posix.pageSize();
        address = Posix.mmap(0, page, RW, Posix.MAP_PRIVATE | Posix.MAP_ANONYMOUS, -1, 0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Posix.munmap(address, page);
    }

    /** What FLIP pays per write: RW, a store to the page, RX (the store makes the kernel flush TLBs). */
    @Benchmark
    public long mprotectPair() {
        Posix.mprotect(address, page, RW);
        MemorySegment.ofAddress(address).reinterpret(1).set(JAVA_BYTE, 0, (byte) 0xc3);
        Posix.mprotect(address, page, RX);
        return address;
    }

    /** mmap + touch + mprotect RX + munmap of one page: a trace that does not share pages. */
    @Benchmark
    public long freshMappingPerTrace() {
        long fresh = Posix.mmap(0, page, RW, Posix.MAP_PRIVATE | Posix.MAP_ANONYMOUS, -1, 0);
        MemorySegment.ofAddress(fresh).reinterpret(1).set(JAVA_BYTE, 0, (byte) 0xc3);
        Posix.mprotect(fresh, page, RX);
        Posix.munmap(fresh, page);
        return fresh;
    }
}
