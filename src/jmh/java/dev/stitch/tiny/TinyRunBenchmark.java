package dev.stitch.tiny;

import dev.stitch.jit.CodeShape;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.jit.TracingJit;
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
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A whole run of one of the tiny examples ({@code examples/*.tiny}), three ways side by side:
 * <ul>
 *   <li>{@code interpreter}: {@link Program#run(PrintStream)}, the bytecode interpreter without a
 *       JIT (the interpreter itself is Java, compiled by C2 during warm-up);</li>
 *   <li>{@code jitCold}: a fresh {@link TracingJit} with the default threshold and strategy
 *       ({@link TracingJit#DEFAULT_THRESHOLD}, {@link CallStrategy#PER_TRACE}) per run, as
 *       {@code stitch run} does: each run counts loops, records and compiles its traces, runs
 *       them, and frees them when it closes the JIT;</li>
 *   <li>{@code jitWarm}: one {@link TracingJit} serves every run of the trial (its warm code
 *       cache): the first run, in the setup, compiled the traces, and each timed run enters them
 *       at once, with trace frames bound to its own arrays. What a Java application that runs one
 *       script many times sees;</li>
 *   <li>{@code java}: the same program written in plain Java ({@link JavaExamples}), compiled by
 *       C2: the floor.</li>
 * </ul>
 * The {@code .tiny} file is compiled to bytecode once, in the setup; what is timed is one run from
 * start to end, output included: all three print through a {@link ProgramOutput} (new per run,
 * as in {@code Program.run}) into a stream that discards the bytes. The setup runs each way once
 * into a buffer and fails unless all three print exactly what {@code examples/NAME.expected}
 * holds. The examples are read from {@code examples/} under the working directory (run from the
 * repository's root), or from the folder the system property {@code stitch.examples} names.
 *
 * <p>Which examples: {@code sum_squares}, {@code fib_iter}, {@code sieve}, {@code collatz},
 * {@code mandelbrot}, {@code matmul} are loop-heavy; {@code fib_rec} is call-heavy (about 92 000
 * recursive calls, no loop that runs long); {@code print_loop} is print-heavy. The files are fixed,
 * so there is no size parameter.
 *
 * <p>On a host the JIT has no backend for, {@link TracingJit#isEnabled()} is false and
 * {@code jitCold} runs interpreted, so its figures are the interpreter's plus the cost of making
 * and closing a JIT; the setup says so on standard error. Where the JIT is enabled the setup
 * prints the statistics of one run ({@code JitStats}: traces, uops, code bytes, compile time),
 * and after {@code jitCold} the teardown prints what a JIT run costs in the warm JVM and how much
 * of it is compiling.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class TinyRunBenchmark {
    /** The example, by file name without {@code .tiny}. */
    @Param({"sum_squares", "fib_iter", "sieve", "collatz", "mandelbrot", "matmul", "fib_rec", "print_loop"})
    public String example;

    /**
     * The code shape of the JIT's traces ({@code jitCold} and {@code jitWarm} only; {@code interpreter} and
     * {@code java} do not depend on it and run once per shape, which also shows their noise).
     */
    @Param({"REGISTERS", "STACK"})
    public String shape;

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream(), false,
            StandardCharsets.UTF_8);

    private Program program;
    private JavaExamples.Example java;
    /** The JIT every {@code jitWarm} run of the trial shares. */
    private TracingJit warm;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path folder = Path.of(System.getProperty("stitch.examples", "examples"));
        Path source = folder.resolve(example + Tiny.EXTENSION);
        Path expectedFile = folder.resolve(example + ".expected");
        String expected;
        try {
            program = Tiny.compile(source);
            expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("TinyRunBenchmark: cannot read " + e.getFile() + " (working directory "
                    + Path.of("").toAbsolutePath() + "): run from the repository's root, or pass "
                    + "-jvmArgsAppend -Dstitch.examples=/path/to/examples", e);
        }
        java = JavaExamples.EXAMPLES.get(example);
        if (java == null) {
            throw new IllegalStateException("TinyRunBenchmark: no Java version of " + example);
        }

        ByteArrayOutputStream interpreted = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(interpreted, false, StandardCharsets.UTF_8));
        check("interpreter", result, interpreted, expected);

        ByteArrayOutputStream jitted = new ByteArrayOutputStream();
        ByteArrayOutputStream jitMessages = new ByteArrayOutputStream();
        boolean enabled;
        String stats;
        try (TracingJit jit = newJit(new PrintStream(jitMessages, true, StandardCharsets.UTF_8))) {
            enabled = jit.isEnabled();
            result = program.run(new PrintStream(jitted, false, StandardCharsets.UTF_8), jit);
            stats = jit.stats().line();
        }
        check("JIT", result, jitted, expected);

        warm = newJit(DISCARD);
        ByteArrayOutputStream warmed = new ByteArrayOutputStream();
        for (int run = 0; run < 2; run++) { // the second run enters what the first compiled
            warmed.reset();
            result = program.run(new PrintStream(warmed, false, StandardCharsets.UTF_8), warm);
            check("warm JIT", result, warmed, expected);
        }
        if (enabled) {
            System.err.println("TinyRunBenchmark: " + example + " (" + shape + "), warm JIT after two runs: "
                    + warm.stats().line());
        }
        if (!enabled) {
            System.err.println("TinyRunBenchmark: the tracing JIT has no backend on this host (os.arch="
                    + System.getProperty("os.arch") + "): jitCold and jitWarm run interpreted, so their figures are the "
                    + "interpreter's. The JIT said: " + jitMessages.toString(StandardCharsets.UTF_8).strip());
        } else {
            System.err.println("TinyRunBenchmark: " + example + " (" + shape + "), one JIT run: " + stats);
        }

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        JavaExamples.Printer printer = new JavaExamples.Printer(
                new ProgramOutput(new PrintStream(plain, false, StandardCharsets.UTF_8)));
        java.run(printer);
        printer.flush();
        check("plain Java", RunResult.completed(), plain, expected);
    }

    private void check(String way, RunResult result, ByteArrayOutputStream output, String expected) {
        if (!result.ok()) {
            throw new IllegalStateException("TinyRunBenchmark: " + example + " failed under the " + way + ": "
                    + result.error().orElseThrow());
        }
        String printed = output.toString(StandardCharsets.UTF_8);
        if (!printed.equals(expected)) {
            throw new IllegalStateException("TinyRunBenchmark: " + example + " under the " + way
                    + " printed something else than " + example + ".expected:\n--- printed\n" + printed
                    + "--- expected\n" + expected);
        }
    }

    /**
     * After {@code jitCold}, with the JVM warm: five more JIT runs, and their statistics, to tell
     * what part of a cold run is recording and compiling ({@code compile_us}, the median of the
     * five, is in microseconds).
     */
    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
        warm.close();
        if (!params.getBenchmark().endsWith(".jitCold")) {
            return;
        }
        long[] compileMicros = new long[5];
        long[] runMicros = new long[5];
        String stats = "";
        for (int i = 0; i < compileMicros.length; i++) {
            try (TracingJit jit = newJit(DISCARD)) {
                long start = System.nanoTime();
                program.run(DISCARD, jit);
                runMicros[i] = (System.nanoTime() - start) / 1000;
                compileMicros[i] = jit.stats().compileMicros();
                stats = jit.stats().line();
            }
        }
        Arrays.sort(compileMicros);
        Arrays.sort(runMicros);
        System.err.println("TinyRunBenchmark: " + example + " (" + shape + "), warm JVM, a JIT run: " + stats + "; median of 5: run "
                + runMicros[2] + " us, of which compiling " + compileMicros[2] + " us");
    }

    private TracingJit newJit(PrintStream diagnostics) {
        return new TracingJit(TracingJit.DEFAULT_THRESHOLD, CallStrategy.PER_TRACE, CodeShape.valueOf(shape), diagnostics,
                false);
    }

    /** One run, interpreted. */
    @Benchmark
    public RunResult interpreter() {
        return program.run(DISCARD);
    }

    /** One run with a fresh JIT: counting, recording, compiling and running traces, then freeing them. */
    @Benchmark
    public RunResult jitCold() {
        // diagnostics discarded: on a host without a backend the JIT would say so on every run
        try (TracingJit jit = newJit(DISCARD)) {
            return program.run(DISCARD, jit);
        }
    }

    /** One run with the trial's JIT, whose traces earlier runs compiled. */
    @Benchmark
    public RunResult jitWarm() {
        return program.run(DISCARD, warm);
    }

    /** One run of the plain-Java translation. */
    @Benchmark
    public Object java() {
        JavaExamples.Printer printer = new JavaExamples.Printer(new ProgramOutput(DISCARD));
        java.run(printer);
        printer.flush();
        return printer;
    }
}
