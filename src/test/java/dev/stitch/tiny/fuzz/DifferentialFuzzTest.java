package dev.stitch.tiny.fuzz;

import dev.stitch.mem.Architecture;
import dev.stitch.jit.CodeShape;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import dev.stitch.tiny.TinySyntaxException;
import dev.stitch.jit.tree.JitStats;
import dev.stitch.tiny.jit.TracingJit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential fuzzing of tiny: random, well-formed, terminating programs ({@link ProgramGenerator})
 * run interpreted and with the tracing JIT forced (threshold 1) must print the same output and stop
 * with the same runtime error (message and line), if any: twice on one JIT, so that the second,
 * warm run, which enters the traces the first compiled, is checked too.
 *
 * <p>Program {@code k} of a run is generated from seed {@code base + k}. The defaults are a fixed
 * base seed and {@value #HOST_COUNT} programs natively on an x86-64 host, or {@value #AARCH64_COUNT}
 * on an AArch64 JVM (which runs under qemu in {@code scripts/test}). Program {@code k} is compiled
 * with call strategy number {@code k mod 5}, so every strategy is fuzzed. To run more or other programs:
 * <pre>{@code
 * mvn test -Dtest=DifferentialFuzzTest -Dstitch.fuzz.seed=12345 -Dstitch.fuzz.count=5000
 * }</pre>
 * {@code -Dstitch.fuzz.threshold=N} records loops after N iterations instead of 1;
 * {@code -Dstitch.fuzz.strategy=S} uses one call strategy for all programs.
 * A mismatch fails with the program's seed, its text and both outcomes; rerun just that program
 * with {@code -Dstitch.fuzz.seed=THAT_SEED -Dstitch.fuzz.count=1}.
 * Every program must also compile and terminate, and the run counts how many end with each kind of
 * error, so that a generator that drifts into trivial programs shows.
 */
class DifferentialFuzzTest {
    static final long DEFAULT_SEED = 20261123L;
    static final int HOST_COUNT = 3000;
    static final int AARCH64_COUNT = 400;
    private static final String FILE = "fuzz.tiny";

    /** What a run printed and how it ended. */
    private record Outcome(String out, String error) {
        @Override
        public String toString() {
            return "output:\n" + out + "error: " + error;
        }
    }

    private static Outcome interpreted(Program program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), result.error().map(Object::toString).orElse("none"));
    }

    /**
     * Two runs of {@code program} on one JIT: the first compiles its traces, the second (warm)
     * enters them from the start and grows them further.
     */
    private static Outcome[] withJit(Program program, int threshold, CallStrategy strategy, CodeShape shape,
                                     long[] totals) {
        Outcome[] outcomes = new Outcome[2];
        try (TracingJit jit = new TracingJit(threshold, strategy, shape,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)) {
            for (int run = 0; run < outcomes.length; run++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                String error;
                try {
                    RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), jit);
                    error = result.error().map(Object::toString).orElse("none");
                } catch (RuntimeException | Error e) {
                    error = "exception from the run with the JIT: " + e;
                }
                outcomes[run] = new Outcome(bytes.toString(StandardCharsets.UTF_8), error);
            }
            JitStats stats = jit.stats();
            totals[0] += stats.traces();
            totals[1] += stats.exits();
            totals[2] += stats.aborts();
        }
        return outcomes;
    }

    @Test
    void theJitDoesWhatTheInterpreterDoes() {
        boolean aarch64 = Architecture.host() == Architecture.AARCH64;
        long seed = Long.getLong("stitch.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("stitch.fuzz.count", aarch64 ? AARCH64_COUNT : HOST_COUNT);
        int threshold = Integer.getInteger("stitch.fuzz.threshold", 1);
        String fixedStrategy = System.getProperty("stitch.fuzz.strategy");
        String fixedShape = System.getProperty("stitch.fuzz.shape");
        Map<String, Integer> endings = new TreeMap<>();
        long[] totals = new long[3];
        long start = System.nanoTime();
        long slowest = 0;
        long slowestSeed = seed;
        for (int k = 0; k < count; k++) {
            long programSeed = seed + k;
            String source = ProgramGenerator.generate(programSeed);
            Program program;
            try {
                program = Tiny.compile(source, FILE);
            } catch (TinySyntaxException e) {
                fail("the generator wrote a program that does not parse; seed " + programSeed + "\n" + source + "\n"
                        + e.getMessage());
                return;
            }
            long t0 = System.nanoTime();
            Outcome expected = interpreted(program);
            long took = System.nanoTime() - t0;
            if (took > slowest) {
                slowest = took;
                slowestSeed = programSeed;
            }
            CallStrategy strategy = fixedStrategy != null ? CallStrategy.valueOf(fixedStrategy)
                    : CallStrategy.values()[(int) Math.floorMod(programSeed, (long) CallStrategy.values().length)];
            // Strategy k mod 5 and shape (k / 5) mod 2: every pair within ten programs.
            CodeShape shape = fixedShape != null ? CodeShape.valueOf(fixedShape.toUpperCase(java.util.Locale.ROOT))
                    : CodeShape.values()[(int) Math.floorMod(Math.floorDiv(programSeed, (long) CallStrategy.values().length),
                    (long) CodeShape.values().length)];
            Outcome[] runs = withJit(program, threshold, strategy, shape, totals);
            for (int run = 0; run < runs.length; run++) {
                Outcome actual = runs[run];
                if (!expected.equals(actual)) {
                    fail("the " + (run == 0 ? "first" : "second (warm)") + " run with the JIT (threshold " + threshold
                        + ", " + strategy + ", " + shape + ") differs from the interpreter's;"
                        + " seed " + programSeed + " (-Dstitch.fuzz.seed=" + programSeed + " -Dstitch.fuzz.count=1"
                        + " -Dstitch.fuzz.strategy=" + strategy + " -Dstitch.fuzz.shape=" + shape + ")\n"
                        + "--- program\n" + source + "--- interpreted\n" + expected + "\n--- with the JIT\n" + actual);
                }
            }
            endings.merge(kind(expected.error()), 1, Integer::sum);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        String summary = String.format("DifferentialFuzzTest: %d programs from seed %d on %s in %d ms (%s); "
                        + "endings %s; "
                        + "slowest interpreted run %d ms (seed %d); JIT traces=%d exits=%d aborts=%d",
                count, seed, Architecture.host().displayName(), millis,
                "interpreter vs a cold and a warm run of one JIT at threshold " + threshold + (fixedStrategy != null ? ", " + fixedStrategy
                        : ", all strategies") + (fixedShape != null ? ", " + fixedShape : ", both shapes"),
                endings, slowest / 1_000_000, slowestSeed, totals[0], totals[1], totals[2]);
        System.out.println(summary);
        // the generator's own mistakes would show as these
        assertThat(endings.keySet()).as(summary).allSatisfy(kind -> assertThat(kind).isIn(
                "completed", "division by zero", "index out of bounds", "not an array", "undefined variable u",
                "negative array size"));
        if (count >= 100) {
            assertThat(endings.getOrDefault("completed", 0)).as(summary).isGreaterThan(count / 2);
            assertThat(totals[0]).as(summary).isPositive();
        }
    }

    /** The kind of a runtime error, without its numbers and line. */
    private static String kind(String error) {
        if (error.equals("none")) {
            return "completed";
        }
        String message = error.substring(error.indexOf("runtime error: ") + "runtime error: ".length());
        if (message.startsWith("index ")) {
            return "index out of bounds";
        }
        if (message.startsWith("not an array")) {
            return "not an array";
        }
        if (message.startsWith("negative array size")) {
            return "negative array size";
        }
        return message;
    }
}
