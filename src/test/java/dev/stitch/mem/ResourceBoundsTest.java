package dev.stitch.mem;

import dev.stitch.fuzz.FuzzRun;
import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceParser;
import dev.stitch.stencil.CallStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long cycles of what a JIT does all day, as the campaign ran them (10^6 to 3x10^6 cycles): install
 * and free code, compile and free traces in one arena, create and close arenas. The process's
 * mappings ({@code /proc/self/maps}), open file descriptors ({@code /proc/self/fd}, which
 * {@link WxPolicy#DUAL_MAP}'s memfds would leak into) and resident memory must come back to within
 * a small constant of where they were after a warm-up: a leak of one mapping or descriptor per
 * cycle shows as thousands. Resident memory is compared between the middle and the end of a run
 * (see {@link #RSS_SLACK_KB}), so that it catches large leaks in a default run and small ones in a
 * long run.
 *
 * <p>The number of cycles is {@code -Dstitch.fuzz.count=N} (default {@value #HOST_COUNT}, or
 * {@value #AARCH64_COUNT} on an AArch64 JVM); the seed picks the code sizes and call strategies.
 */
class ResourceBoundsTest {
    static final long DEFAULT_SEED = 20260316L;
    static final int HOST_COUNT = 50_000;
    static final int AARCH64_COUNT = 5_000;
    /** Cycles before the first snapshot: long enough for the JIT compilers to have compiled the hot paths (their memory is the largest noise). */
    private static final int WARM_UP = 5_000;
    /** Mappings and descriptors the JVM itself may add meanwhile (a compiler thread's stack, a jar). */
    private static final int SLACK = 24;
    /**
     * Resident memory the process may gain in the second half of a run besides what the JVM newly
     * commits for the Java heap and its other pools, in KiB. The resident size grows by some tens
     * of MiB as a run starts (the collector touches more of the committed heap, malloc arenas
     * fill) and then stays flat, so only the second half is compared: a leak grows it by the same
     * amount in both halves, a kilobyte per cycle passes this bound within 130 000 cycles.
     */
    private static final long RSS_SLACK_KB = 64 * 1024;

    /** What the process holds; {@code javaKb} is the memory the JVM has committed for its own pools. */
    record Resources(int mappings, int fds, long rssKb, long javaKb) {
        static Resources now() {
            System.gc();
            int fds;
            try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
                fds = (int) list.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long rss = settledRssKb();
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            long java = (memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted()) / 1024;
            return new Resources(ProcMaps.read().mappings().size(), fds, rss, java);
        }
    }

    /**
     * The resident size once it has stopped falling. G1 gives back the heap a collection freed
     * concurrently, after {@code System.gc()} returns: read at once, a run whose garbage had made
     * the heap grow by hundreds of MiB looked like a native leak of that size (a long run found it).
     */
    private static long settledRssKb() {
        long previous = rssKb();
        for (int i = 0; i < 50; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = rssKb();
            if (Math.abs(now - previous) < 256) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }

    /** Snapshots at the end of the warm-up, half-way and at the end of a run of cycles. */
    private static final class Snapshots {
        private final int cycles;
        private Resources start;
        private Resources half;

        Snapshots(int cycles) {
            this.cycles = cycles;
        }

        /** The number of cycles to run in all, warm-up included. */
        int total() {
            return WARM_UP + cycles;
        }

        /** Call before cycle {@code cycle}. */
        void before(int cycle) {
            if (cycle == WARM_UP) {
                start = Resources.now();
            } else if (cycle == WARM_UP + cycles / 2) {
                half = Resources.now();
            }
        }

        void assertBounded(String what) {
            Resources end = Resources.now();
            Resources middle = half != null ? half : start;
            String detail = what + ": after the warm-up " + start + ", half-way " + middle + ", at the end " + end;
            System.out.println("ResourceBoundsTest: " + detail);
            assertThat(end.mappings()).as("mappings, %s", detail).isLessThanOrEqualTo(start.mappings() + SLACK);
            assertThat(end.fds()).as("open descriptors, %s", detail).isLessThanOrEqualTo(start.fds() + SLACK);
            long javaGrowth = Math.max(0, end.javaKb() - middle.javaKb());
            assertThat(end.rssKb()).as("resident KiB, %s", detail)
                    .isLessThanOrEqualTo(middle.rssKb() + javaGrowth + RSS_SLACK_KB);
        }
    }

    private static FuzzRun run() {
        return FuzzRun.of("ResourceBoundsTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
    }

    /** Code of 1 to about 3 pages: a function returning a constant, padded at its end. */
    private static byte[] code(SplittableRandom random, int value) {
        byte[] function = TestCode.returnConstant(value);
        int size = random.nextInt(4) == 0 ? function.length + random.nextInt((int) (3 * CodeArena.pageSize()))
                : function.length + random.nextInt(64);
        byte[] code = new byte[size];
        System.arraycopy(function, 0, code, 0, function.length);
        return code;
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void installAndFreeCyclesKeepMappingsDescriptorsAndMemoryBounded(WxPolicy policy) {
        FuzzRun run = run();
        SplittableRandom random = new SplittableRandom(run.seed() + policy.ordinal());
        try (CodeArena arena = CodeArena.create(policy)) {
            Snapshots snapshots = new Snapshots(run.count());
            List<CodeRegion> live = new ArrayList<>();
            for (int cycle = 0; cycle < snapshots.total(); cycle++) {
                snapshots.before(cycle);
                int value = cycle & 0xffff;
                CodeRegion region = arena.install(code(random, value));
                if (cycle % 16 == 0) {
                    assertThat(TestCode.callConstant(region)).isEqualTo(value);
                }
                // keep a few regions alive at a time, so that frees leave holes between live code
                live.add(region);
                if (live.size() > 4) {
                    live.remove(random.nextInt(live.size())).free();
                }
            }
            for (CodeRegion region : live) {
                region.free();
            }
            assertThat(arena.stats().liveRegions()).isZero();
            // freed space is reused: a few chunks at most, however many cycles ran
            assertThat(arena.stats().mappings()).as("%s", arena.stats()).isLessThanOrEqualTo(4);
            snapshots.assertBounded(run.count() + " install/free cycles under " + policy);
        }
    }

    @Test
    void compileAndFreeCyclesKeepMappingsDescriptorsAndMemoryBounded() throws ReflectiveOperationException {
        FuzzRun run = run();
        SplittableRandom random = new SplittableRandom(run.seed());
        MethodHandle ignore = MethodHandles.lookup().findStatic(ResourceBoundsTest.class, "ignore",
                MethodType.methodType(void.class, long.class));
        try (SymbolTable symbols = new SymbolTable();
             CodeArena flip = CodeArena.create(WxPolicy.FLIP);
             CodeArena dualMap = CodeArena.create(WxPolicy.DUAL_MAP)) {
            symbols.upcall("print_long", ignore);
            symbols.upcall("print_char", ignore);
            symbols.libc("labs", 1, dev.stitch.stencil.CallResult.LONG);
            symbols.libc("getpid", 0, dev.stitch.stencil.CallResult.INT);
            List<Trace> traces = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("examples", "traces"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(TraceParser.EXTENSION)).sorted().toList()) {
                    traces.add(TraceParser.parse(file, symbols));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Snapshots snapshots = new Snapshots(run.count());
            for (int cycle = 0; cycle < snapshots.total(); cycle++) {
                snapshots.before(cycle);
                Trace trace = traces.get(random.nextInt(traces.size()));
                CallStrategy strategy = CallStrategy.values()[random.nextInt(CallStrategy.values().length)];
                CompiledTrace compiled = new TraceCompiler(strategy).compile(trace, random.nextBoolean() ? flip : dualMap);
                if (cycle % 16 == 0) {
                    // sum.uops: local 0 = n, local 1 = the sum; n = 10 gives 55 and exit 0
                    try (Frame frame = Frame.allocate(Math.max(2, trace.maxLocal() + 1), trace.maxDepth() + 4)) {
                        frame.setLocal(0, 10);
                        assertThat(compiled.invoke(frame)).isZero();
                    }
                }
                compiled.free();
            }
            assertThat(flip.stats().liveRegions() + dualMap.stats().liveRegions()).isZero();
            assertThat(flip.stats().mappings()).as("%s", flip.stats()).isLessThanOrEqualTo(2);
            assertThat(dualMap.stats().mappings()).as("%s", dualMap.stats()).isLessThanOrEqualTo(2);
            snapshots.assertBounded(run.count() + " compile/free cycles");
        }
    }

    private static void ignore(long value) {
        // the traces print; this test only counts resources
    }

    @Test
    void arenaCreateAndCloseCyclesKeepMappingsDescriptorsAndMemoryBounded() {
        FuzzRun run = run();
        // an arena maps at least one chunk per cycle: fewer cycles say as much
        int cycles = Math.max(1, run.count() / 4);
        SplittableRandom random = new SplittableRandom(run.seed());
        Snapshots snapshots = new Snapshots(cycles);
        for (int cycle = 0; cycle < snapshots.total(); cycle++) {
            snapshots.before(cycle);
            WxPolicy policy = WxPolicy.values()[random.nextInt(WxPolicy.values().length)];
            try (CodeArena arena = CodeArena.create(policy)) {
                int value = cycle & 0xffff;
                CodeRegion region = arena.install(code(random, value));
                if (random.nextBoolean()) {
                    assertThat(TestCode.callConstant(region)).isEqualTo(value);
                }
                if (random.nextBoolean()) {
                    region.free();
                }
                // closing with the region still live must unmap it as well
            }
        }
        snapshots.assertBounded(cycles + " arena create/close cycles");
    }
}
