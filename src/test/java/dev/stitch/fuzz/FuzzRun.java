package dev.stitch.fuzz;

import dev.stitch.mem.Architecture;

/**
 * The seed and size of one fuzzing run, read from the system properties that
 * {@code dev.stitch.tiny.fuzz.DifferentialFuzzTest} introduced: {@code -Dstitch.fuzz.seed=S} is
 * the base seed and {@code -Dstitch.fuzz.count=N} the number of cases. Case {@code k} of a run is
 * generated from seed {@code S + k} alone, so a failing case is replayed by itself with
 * {@code -Dstitch.fuzz.seed=S+k -Dstitch.fuzz.count=1}; {@link #replay} writes that hint.
 *
 * <p>The default count is smaller on an AArch64 JVM, which {@code scripts/test} runs under qemu
 * (about ten times slower), so that both runs of the suite stay short.
 */
public record FuzzRun(String name, long seed, int count) {
    /** True on an AArch64 JVM: under qemu when the host is x86-64. */
    public static boolean emulated() {
        return Architecture.host() == Architecture.AARCH64;
    }

    /** The run of test {@code name}: the properties if given, else the defaults for this JVM. */
    public static FuzzRun of(String name, long defaultSeed, int hostCount, int aarch64Count) {
        long seed = Long.getLong("stitch.fuzz.seed", defaultSeed);
        int count = Integer.getInteger("stitch.fuzz.count", emulated() ? aarch64Count : hostCount);
        return new FuzzRun(name, seed, count);
    }

    /** The seed of case {@code k}. */
    public long caseSeed(int k) {
        return seed + k;
    }

    /** How to run only the case of {@code caseSeed} again. */
    public String replay(long caseSeed) {
        return "seed " + caseSeed + " (replay: -Dtest=" + name + " -Dstitch.fuzz.seed=" + caseSeed
                + " -Dstitch.fuzz.count=1)";
    }

    /** The line a run prints at its end, so that a long run's log records what it did. */
    public String summary(long startNanos, String details) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        return String.format("%s: %d cases from seed %d on %s in %d ms; %s", name, count, seed,
                Architecture.host().displayName(), millis, details);
    }
}
