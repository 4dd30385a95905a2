package dev.stitch.mem;

import dev.stitch.fuzz.FuzzRun;
import dev.stitch.fuzz.Oracle;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four threads installing, calling, patching, freeing and re-handling code and closing and
 * replacing arenas, all on the same few arenas and regions, at random, as the campaign's 60 s
 * runs did ({@link CodeArenaConcurrencyTest} checks the orderly cases; this one is the free-for-all).
 * Whatever the interleaving:
 * <ul>
 *   <li>nothing crashes and nothing deadlocks (every thread finishes within minutes);</li>
 *   <li>a call returns one of the values its region was installed or patched with: never another
 *       region's code, never freed or unmapped memory;</li>
 *   <li>the only exception is an {@link IllegalStateException} with a readable message, for code
 *       that was freed or whose arena was closed.</li>
 * </ul>
 * Patches change only the low byte of a region's constant, so that a call racing with a patch
 * (allowed except under {@link WxPolicy#FLIP}, whose writes exclude calls) sees the old or the new
 * value whichever bytes of the write it sees. Each thread's operations come from seed
 * {@code base + thread} ({@link FuzzRun}; the interleaving is the scheduler's):
 * {@code -Dstitch.fuzz.count=N} operations per thread.
 */
class CodeArenaChaosTest {
    static final long DEFAULT_SEED = 20260317L;
    static final int HOST_COUNT = 50_000;
    static final int AARCH64_COUNT = 3_000;
    private static final int THREADS = 4;
    private static final int ARENAS = 2;
    private static final int REGIONS = 12;

    /** A region, a handle to it, and every value it was installed or patched with. */
    private record Entry(CodeRegion region, MethodHandle handle, Set<Long> values) {}

    private final AtomicReferenceArray<CodeArena> arenas = new AtomicReferenceArray<>(ARENAS);
    private final AtomicReferenceArray<Entry> regions = new AtomicReferenceArray<>(REGIONS);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<CodeArena> all = new ArrayList<>();

    private synchronized CodeArena newArena(SplittableRandom random) {
        CodeArena arena = CodeArena.create(WxPolicy.values()[random.nextInt(WxPolicy.values().length)]);
        all.add(arena);
        return arena;
    }

    @Test
    void concurrentInstallsCallsPatchesFreesAndClosesNeverCrashOrRunOtherCode() throws Exception {
        FuzzRun run = FuzzRun.of("CodeArenaChaosTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        SplittableRandom setup = new SplittableRandom(run.seed());
        for (int i = 0; i < ARENAS; i++) {
            arenas.set(i, newArena(setup));
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Map<String, Integer>> tallies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Map<String, Integer> tally = new TreeMap<>();
                tallies.add(tally);
                SplittableRandom random = new SplittableRandom(run.caseSeed(t));
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int op = 0; op < run.count(); op++) {
                        step(random, tally);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
            synchronized (this) {
                for (CodeArena arena : all) {
                    arena.close();
                }
            }
        }
        Map<String, Integer> total = new TreeMap<>();
        for (Map<String, Integer> tally : tallies) {
            tally.forEach((k, v) -> total.merge(k, v, Integer::sum));
        }
        String summary = run.summary(start, THREADS + " threads, " + all.size() + " arenas created; " + total);
        System.out.println(summary);
        assertThat(failures).as(summary).isEmpty();
        if (run.count() >= 1000) {
            // every kind of operation happened, and some of them raced
            assertThat(total).as(summary).containsKeys("call", "patch", "free", "close", "install",
                    "refused: call");
        }
    }

    private void step(SplittableRandom random, Map<String, Integer> tally) {
        int choice = random.nextInt(100);
        String what = choice < 25 ? "install" : choice < 60 ? "call" : choice < 75 ? "patch" : choice < 87 ? "free"
                : choice < 97 ? "handle" : "close";
        try {
            switch (what) {
                case "install" -> install(random);
                case "call" -> call(random);
                case "patch" -> patch(random);
                case "free" -> free(random);
                case "handle" -> handle(random);
                default -> close(random);
            }
            tally.merge(what, 1, Integer::sum);
        } catch (IllegalStateException e) {
            tally.merge("refused: " + what, 1, Integer::sum);
            String problem = Oracle.messageProblem(e);
            if (problem != null) {
                failures.add(what + ": IllegalStateException with " + problem + ": " + e.getMessage());
            }
        } catch (Throwable t) {
            failures.add(what + " threw " + t + " at " + Oracle.origin(t));
        }
    }

    private void install(SplittableRandom random) {
        CodeArena arena = arenas.get(random.nextInt(ARENAS));
        long value = random.nextInt(0x10000);
        CodeRegion region = arena.install(TestCode.returnConstant((int) value));
        Set<Long> values = ConcurrentHashMap.newKeySet();
        values.add(value);
        regions.set(random.nextInt(REGIONS), new Entry(region, region.handle(TestCode.RETURNS_LONG), values));
    }

    private void call(SplittableRandom random) {
        Entry entry = regions.get(random.nextInt(REGIONS));
        if (entry == null) {
            return;
        }
        long value = TestCode.call(entry.handle());
        if (!entry.values().contains(value)) {
            failures.add("a call to " + entry.region() + " returned " + value + ", which it was never installed or"
                    + " patched with: " + entry.values());
        }
    }

    private void patch(SplittableRandom random) {
        Entry entry = regions.get(random.nextInt(REGIONS));
        if (entry == null) {
            return;
        }
        long old = entry.values().iterator().next();
        int value = (int) ((old & 0xff00) | random.nextInt(0x100));
        // recorded before the write, so that a call racing with it may return it
        entry.values().add((long) value);
        TestCode.Patch patch = TestCode.constantPatch(value);
        entry.region().patch(patch.offset(), patch.bytes());
    }

    private void free(SplittableRandom random) {
        int slot = random.nextInt(REGIONS);
        Entry entry = regions.get(slot);
        if (entry == null) {
            return;
        }
        if (random.nextBoolean()) {
            // forget it, so that new code can take the slot (or keep it, to call freed code)
            regions.compareAndSet(slot, entry, null);
        }
        entry.region().free();
    }

    private void handle(SplittableRandom random) {
        int slot = random.nextInt(REGIONS);
        Entry entry = regions.get(slot);
        if (entry == null) {
            return;
        }
        MethodHandle fresh = entry.region().handle(TestCode.RETURNS_LONG);
        regions.compareAndSet(slot, entry, new Entry(entry.region(), fresh, entry.values()));
    }

    private void close(SplittableRandom random) {
        int slot = random.nextInt(ARENAS);
        CodeArena old = arenas.get(slot);
        if (arenas.compareAndSet(slot, old, newArena(random))) {
            old.close();
        }
    }
}
