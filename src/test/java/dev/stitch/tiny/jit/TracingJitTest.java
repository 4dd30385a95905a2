package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.JitStats;
import dev.stitch.jit.tree.TreeJit;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.RuntimeError;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracing JIT of tiny: examples, side exits, errors in hot loops, calls out of traces, the host note. */
class TracingJitTest {
    private static final String FILE = "jit.tiny";

    /** What a run with the JIT printed, said on the diagnostic stream, and how it ended. */
    private record Outcome(String out, String diagnostics, RunResult result, JitStats stats) {
        RuntimeError error() {
            assertThat(result.ok()).as("the run should fail; it printed:\n" + out).isFalse();
            return result.error().orElseThrow();
        }

        String completed() {
            assertThat(result.error()).as("runtime error").isEmpty();
            return out;
        }
    }

    private static Outcome run(Program program, int threshold, boolean dump) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        try (TracingJit jit = new TracingJit(threshold, CallStrategy.PER_TRACE, err, dump)) {
            RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), jit);
            return new Outcome(bytes.toString(StandardCharsets.UTF_8), diagnostics.toString(StandardCharsets.UTF_8),
                    result, jit.stats());
        }
    }

    private static Outcome run(String source, int threshold, boolean dump) {
        return run(Tiny.compile(source, FILE), threshold, dump);
    }

    private static String interpreted(String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tiny.compile(source, FILE).run(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static Stream<Arguments> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            List<Path> programs = files.filter(p -> p.toString().endsWith(Tiny.EXTENSION)).sorted().toList();
            return programs.stream().flatMap(p -> Stream.of(Arguments.of(p, 1),
                    Arguments.of(p, TracingJit.DEFAULT_THRESHOLD)));
        }
    }

    @ParameterizedTest(name = "{0} threshold {1}")
    @MethodSource("examples")
    void examplesPrintWhatIsExpectedWithTheJit(Path program, int threshold) throws IOException {
        String name = program.getFileName().toString();
        Path expected = program.resolveSibling(name.substring(0, name.length() - Tiny.EXTENSION.length()) + ".expected");
        Outcome outcome = run(Tiny.compile(program), threshold, false);
        assertThat(outcome.completed()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        assertThat(outcome.diagnostics()).isEmpty();
        if (!name.equals("fib_rec.tiny")) { // its one loop calls a function: never traced
            assertThat(outcome.stats().traces()).as("traces compiled").isPositive();
            assertThat(outcome.stats().exits()).as("trace exits").isPositive();
            assertThat(outcome.stats().uops()).isPositive();
            assertThat(outcome.stats().codeBytes()).isPositive();
        }
    }

    @Test
    void aBranchThatFlipsAfterManyIterationsLeavesTheTraceAndComesBack() {
        String source = """
                i = 0
                s = 0
                while i < 1000 {
                    if i < 600 { s = s + 1 } else { s = s + 1000 }
                    i = i + 1
                }
                print(i, s)
                """;
        Outcome outcome = run(source, 5, false);
        assertThat(outcome.completed()).isEqualTo("1000 400600\n").isEqualTo(interpreted(source));
        assertThat(outcome.stats().traces()).isPositive();
        assertThat(outcome.stats().exits()).isGreaterThan(1);
    }

    @Test
    void divisionByZeroInAHotLoopReportsItsLine() {
        String source = "i = 0\ns = 0\nwhile i < 100 {\n    s = s + 1000 / (60 - i)\n    i = i + 1\n}\nprint(s)\n";
        Outcome outcome = run(source, 3, false);
        assertThat(outcome.stats().traces()).isPositive();
        assertThat(outcome.error().toString()).isEqualTo(FILE + ":4: runtime error: division by zero");
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void anIndexOutOfBoundsInAHotLoopReportsItsLine() {
        String source = "a = array(40)\ni = 0\nwhile i < 100 {\n    a[i] = i * 2\n    i = i + 1\n}\n";
        Outcome outcome = run(source, 3, false);
        assertThat(outcome.stats().traces()).isPositive();
        assertThat(outcome.error().toString()).isEqualTo(FILE + ":4: runtime error: index 40 out of bounds for length 40");
    }

    @Test
    void tracesAndTheInterpreterShareTheArrays() {
        String source = """
                arrays = array(20)
                k = 0
                while k < 20 { arrays[k] = array(k + 1); k = k + 1 }
                i = 0
                s = 0
                while i < 300 {
                    b = arrays[i % 20]
                    b[i % len(b)] = b[i % len(b)] + i
                    s = s + b[0]
                    i = i + 1
                }
                t = 0
                k = 0
                while k < 20 { b = arrays[k]; j = 0; while j < len(b) { t = t + b[j]; j = j + 1 } k = k + 1 }
                print(s, t)
                """;
        Outcome outcome = run(source, 2, false);
        assertThat(outcome.completed()).isEqualTo(interpreted(source));
        assertThat(outcome.stats().traces()).isPositive();
    }

    @Test
    void printsInAHotLoopGoThroughTheUpcall() {
        String source = "i = 0\nwhile i < 30 {\n    print(i, i * i)\n    print()\n    i = i + 1\n}\n";
        Outcome outcome = run(source, 2, true);
        assertThat(outcome.completed()).isEqualTo(interpreted(source));
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.diagnostics()).contains(Builtins.PRINT + "2").contains(Builtins.PRINT + "0");
    }

    @Test
    void absGoesThroughLabsAndMinMaxThroughUpcalls() {
        String source = "i = 0\ns = 0\nwhile i < 200 {\n    s = s + abs(50 - i) + min(i, 7) - max(i, 150)\n"
                + "    i = i + 1\n}\nprint(s, abs(-9223372036854775807 - 1))\n";
        Outcome outcome = run(source, 2, true);
        assertThat(outcome.completed()).isEqualTo(interpreted(source));
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.diagnostics()).contains("labs").contains(Builtins.MIN).contains(Builtins.MAX);
    }

    @Test
    void loopsThatCannotBeTracedAreBlacklistedAndStillRun() {
        // a recursive call is not run inline
        String source = "fn f(x) { if x < 1 { return 1 } return f(x - 1) }\ni = 0\nwhile i < 100 { i = i + f(1) }\nprint(i)\n";
        Outcome outcome = run(source, 1, false);
        assertThat(outcome.completed()).isEqualTo("100\n");
        assertThat(outcome.stats().traces()).isZero();
        assertThat(outcome.stats().aborts()).isEqualTo(TreeJit.MAX_ABORTS);
    }

    @Test
    void aTraceInAFunctionUsesThatCallsLocals() {
        String source = """
                fn sum(n) { s = 0; i = 0; while i < n { s = s + i; i = i + 1 } return s }
                k = 0
                t = 0
                while k < 30 { t = t + sum(k); k = k + 1 }
                print(t, sum(1000))
                """;
        Outcome outcome = run(source, 4, false);
        assertThat(outcome.completed()).isEqualTo(interpreted(source));
        assertThat(outcome.stats().traces()).isPositive();
    }

    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("maybe undefined", """
                        i = 0
                        while i < 100 {
                            if i == 3 { y = 10 }
                            if i > 5 { s = y + i }
                            i = i + 1
                        }
                        print(s)
                        """),
                Arguments.of("break and continue", """
                        i = 0
                        s = 0
                        while 1 {
                            i = i + 1
                            if i % 3 == 0 { continue }
                            if i > 500 { break }
                            s = s ^ (i << (i & 7)) ^ (-i >> 3) ^ (-i >>> 60)
                        }
                        print(i, s, -7 / 2, -7 % 2, ~s, !s)
                        """),
                Arguments.of("nested loops", """
                        n = 30
                        a = array(n)
                        i = 0
                        while i < n {
                            j = 0
                            while j < i { a[i] = a[i] + j * (i - j); j = j + 1 }
                            i = i + 1
                        }
                        print(a[n - 1], len(a), a[7] && a[8], a[0] || 0)
                        """),
                Arguments.of("undefined at last", """
                        i = 0
                        while i < 100 {
                            if i == 80 { print(nope) }
                            i = i + 1
                        }
                        """),
                Arguments.of("not an array", """
                        a = array(3)
                        i = 0
                        while i < 100 {
                            x = len(a + i / 90) + a[i / 95]
                            i = i + 1
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void programsDoWhatTheInterpreterDoes(String name, String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult expected = Tiny.compile(source, FILE).run(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        for (int threshold : new int[] {1, 3}) {
            Outcome outcome = run(source, threshold, false);
            assertThat(outcome.out()).as("threshold " + threshold).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
            assertThat(outcome.result().error().map(Object::toString))
                    .isEqualTo(expected.error().map(Object::toString));
            assertThat(outcome.stats().traces()).isPositive();
        }
    }
}
