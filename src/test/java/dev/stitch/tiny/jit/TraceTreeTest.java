package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.JitStats;
import dev.stitch.jit.tree.TreeJit;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace trees: a branch guard whose exit is taken often grows its trace by the other path, so a
 * loop whose branches go both ways runs as one trace with branches instead of leaving it.
 */
class TraceTreeTest {
    private static final String FILE = "tree.tiny";

    /** What a run printed, how it ended (error text or "none"), what the JIT said and did. */
    private record Outcome(String out, String error, String diagnostics, JitStats stats) {}

    private static Outcome jit(String source, int threshold, CallStrategy strategy, boolean dump) {
        Program program = Tiny.compile(source, FILE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try (TracingJit jit = new TracingJit(threshold, strategy,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8), dump)) {
            RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), jit);
            return new Outcome(bytes.toString(StandardCharsets.UTF_8), result.error().map(Object::toString).orElse("none"),
                    diagnostics.toString(StandardCharsets.UTF_8), jit.stats());
        }
    }

    private static Outcome jit(String source, int threshold) {
        return jit(source, threshold, CallStrategy.PER_TRACE, false);
    }

    /** The interpreter's outcome (no JIT). */
    private static Outcome interpreted(String source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = Tiny.compile(source, FILE).run(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), result.error().map(Object::toString).orElse("none"),
                "", null);
    }

    private static void assertSameAsInterpreter(String source, Outcome outcome) {
        Outcome expected = interpreted(source);
        assertThat(outcome.out()).isEqualTo(expected.out());
        assertThat(outcome.error()).isEqualTo(expected.error());
    }

    @Test
    void anIfElseTakenBothWaysBecomesOneTraceWithABranch() {
        String source = """
                i = 0
                s = 0
                while i < 20000 {
                    if i % 2 == 0 { s = s + i } else { s = s - 3 * i }
                    i = i + 1
                }
                print(i, s)
                """;
        Outcome outcome = jit(source, 5, CallStrategy.PER_TRACE, true);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.error()).isEqualTo("none");
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isEqualTo(1);
        // the exits taken before the side path was grafted, and the loop's own exit
        assertThat(outcome.stats().exits()).isLessThanOrEqualTo(10);
        assertThat(outcome.stats().line()).contains(" side_traces=1 links=1");
        assertThat(outcome.diagnostics()).contains("JUMP_IF");
    }

    @Test
    void guardsOfEveryPathThatExitWhereASidePathStartsAreLinkedToIt() {
        // both sides of the first if reach the second: its exit is taken from the main path and from
        // the side path, and the side path grown from it serves both guards
        String source = """
                i = 0
                s = 0
                t = 0
                while i < 20000 {
                    if i % 3 == 0 { s = s + 1 } else { s = s + 2 }
                    if i % 7 == 0 { t = t + 1 }
                    i = i + 1
                }
                print(s, t)
                """;
        Outcome outcome = jit(source, 5, CallStrategy.PER_TRACE, false);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isEqualTo(2);
        assertThat(outcome.stats().links()).isEqualTo(3);
        assertThat(outcome.stats().exits()).isLessThanOrEqualTo(20);
    }

    @Test
    void collatzRunsItsNestedLoopsAsOneTree() {
        String source = """
                n = 2
                total = 0
                while n < 3000 {
                    x = n
                    steps = 0
                    while x >= n {
                        if x % 2 == 0 { x = x / 2 } else { x = 3 * x + 1 }
                        steps = steps + 1
                    }
                    total = total + steps
                    n = n + 1
                }
                print(total)
                """;
        Outcome outcome = jit(source, TracingJit.DEFAULT_THRESHOLD);
        assertSameAsInterpreter(source, outcome);
        // the inner loop's tree grows the other branch, then its exit's path round the outer loop
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isEqualTo(2);
        // only the trips before the tree grew go back to the interpreter, not one per outer round
        assertThat(outcome.stats().interpreterReturns()).isLessThan(3L * TracingJit.DEFAULT_THRESHOLD);
    }

    @Test
    void nestedIfsGrowNestedBranches() {
        String source = """
                i = 0
                a = 0
                b = 0
                c = 0
                d = 0
                while i < 30000 {
                    if i % 3 == 0 {
                        if i % 2 == 0 { a = a + 1 } else { b = b + i }
                    } else {
                        if i % 5 == 1 { c = c ^ i } else { d = d - 1 }
                    }
                    i = i + 1
                }
                print(a, b, c, d)
                """;
        for (int threshold : new int[] {1, 4, TracingJit.DEFAULT_THRESHOLD}) {
            Outcome outcome = jit(source, threshold);
            assertSameAsInterpreter(source, outcome);
            assertThat(outcome.stats().traces()).isEqualTo(1);
            assertThat(outcome.stats().sideTraces()).as("threshold " + threshold).isBetween(2, TreeJit.MAX_SIDE_PATHS);
            assertThat(outcome.stats().exits()).as("threshold " + threshold).isLessThan(20L * threshold + 20);
        }
    }

    @Test
    void aDivisionByZeroOnAGraftedPathReportsItsLine() {
        String source = """
                i = 0
                s = 0
                while i < 1000 {
                    if i % 2 == 0 {
                        s = s + 1
                    } else {
                        s = s + 1000 / (701 - i)
                    }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 3);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.error()).isEqualTo(FILE + ":7: runtime error: division by zero");
        assertThat(outcome.stats().sideTraces()).isEqualTo(1);
    }

    @Test
    void aDivisionByZeroWhileRecordingASidePathReportsItsLine() {
        String source = """
                i = 0
                s = 0
                while i < 100 {
                    if i < 10 { s = s + i } else { s = s / (i - 10) }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 1);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.error()).isEqualTo(FILE + ":4: runtime error: division by zero");
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isZero();
    }

    @Test
    void aSidePathThatCallsAFunctionRunsItInline() {
        String source = """
                fn f(x) { return x * 7 }
                i = 0
                s = 0
                while i < 2000 {
                    if i % 4 != 1 { s = s + i } else { s = s + f(i) }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 4);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isEqualTo(1);
        assertThat(outcome.stats().inlinedCalls()).isEqualTo(1);
        assertThat(outcome.stats().exits()).isLessThanOrEqualTo(10);
    }

    @Test
    void aSidePathThatCannotBeRecordedIsGivenUpAndTheLoopStillRuns() {
        // the other path calls a recursive function, which a trace does not follow: recording it aborts, and
        // after MAX_ABORTS tries the exit is left alone
        String source = """
                fn depth(n) { if n == 0 { return 0 }; return 1 + depth(n - 1) }
                i = 0
                s = 0
                while i < 2000 {
                    if i % 4 != 1 { s = s + i } else { s = s + depth(2) }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 4);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isZero();
        assertThat(outcome.stats().aborts()).isEqualTo(TreeJit.MAX_ABORTS);
        assertThat(outcome.stats().line()).doesNotContain("side_traces");
    }

    @Test
    void anInnerLoopOnASidePathGetsATraceOfItsOwnAndTheTracesHandOver() {
        String source = """
                i = 0
                s = 0
                while i < 3000 {
                    if i % 3 != 2 {
                        s = s + 1
                    } else {
                        j = 0
                        while j < 3 { s = s + j; j = j + 1 }
                    }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 2);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.stats().traces()).isEqualTo(2);
        // the outer trace reaches the inner loop's head, and the inner trace's exit the outer head: each hands
        // over to the other, and the interpreter sees only the trips before the trees grew
        assertThat(outcome.stats().handovers()).isGreaterThan(1000);
        assertThat(outcome.stats().interpreterReturns()).isLessThan(10);
    }

    @Test
    void aSidePathThatLeavesTheLoopIsGivenUp() {
        String source = """
                i = 0
                s = 0
                while i < 5000 {
                    i = i + 1
                    if i % 7 == 3 { s = s + 1 } else { continue }
                    if s > 500 { break }
                }
                print(i, s)
                """;
        for (int threshold : new int[] {1, 3}) {
            Outcome outcome = jit(source, threshold);
            assertSameAsInterpreter(source, outcome);
            assertThat(outcome.stats().traces()).isEqualTo(1);
        }
    }

    @Test
    void aTreeGrowsAtMostMaxSidePaths() {
        StringBuilder source = new StringBuilder("i = 0\ns = 0\nwhile i < 8192 {\n");
        for (int bit = 0; bit < 12; bit++) {
            source.append("    if (i >> ").append(bit).append(") & 1 == 1 { s = s + ").append(bit + 1)
                    .append(" } else { s = s * 3 }\n");
        }
        source.append("    i = i + 1\n}\nprint(s)\n");
        Outcome outcome = jit(source.toString(), 2);
        assertSameAsInterpreter(source.toString(), outcome);
        assertThat(outcome.stats().traces()).isEqualTo(1);
        assertThat(outcome.stats().sideTraces()).isEqualTo(TreeJit.MAX_SIDE_PATHS);
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void sidePathsThatPrintAndCallOutWorkWithEveryStrategy(CallStrategy strategy) {
        String source = """
                i = 0
                s = 0
                while i < 300 {
                    if i % 2 == 0 { s = s + abs(i - 100) } else { s = max(s, i * 3) }
                    if i % 37 == 0 { print(i, s) }
                    i = i + 1
                }
                print(s)
                """;
        Outcome outcome = jit(source, 2, strategy, false);
        assertSameAsInterpreter(source, outcome);
        assertThat(outcome.stats().sideTraces()).isGreaterThanOrEqualTo(2);
    }

    /**
     * Random loops full of nested ifs whose conditions go both ways, with array accesses, divisions
     * and prints on the paths: the JIT (trees and all) must do what the interpreter does. More
     * programs: {@code -Dstitch.tree.fuzz.count=N}.
     */
    @Test
    void randomBranchyLoopsDoWhatTheInterpreterDoes() {
        long sideTraces = 0;
        int count = Integer.getInteger("stitch.tree.fuzz.count", 150);
        for (int k = 0; k < count; k++) {
            SplittableRandom random = new SplittableRandom(7919L * k + 13);
            String source = branchyProgram(random);
            Outcome expected = interpreted(source);
            for (int threshold : new int[] {1, 2, 7}) {
                Outcome outcome = jit(source, threshold, CallStrategy.values()[k % CallStrategy.values().length], false);
                assertThat(outcome.out() + "error: " + outcome.error())
                        .as("program %d at threshold %d:\n%s", k, threshold, source)
                        .isEqualTo(expected.out() + "error: " + expected.error());
                sideTraces += outcome.stats().sideTraces();
            }
        }
        assertThat(sideTraces).isPositive();
    }

    private static String branchyProgram(SplittableRandom random) {
        StringBuilder out = new StringBuilder("a = array(16)\ni = 0\nx = 1\ny = 2\nz = 3\nwhile i < ")
                .append(200 + random.nextInt(600)).append(" {\n    i = i + 1\n");
        statements(out, random, 2, "    ");
        out.append("}\nprint(i, x, y, z, a[0], a[5], a[15])\n");
        return out.toString();
    }

    private static void statements(StringBuilder out, SplittableRandom random, int depth, String indent) {
        int count = 1 + random.nextInt(3);
        for (int s = 0; s < count; s++) {
            int kind = random.nextInt(depth > 0 ? 10 : 6);
            String v = "xyz".charAt(random.nextInt(3)) + "";
            switch (kind) {
                case 0, 1 -> out.append(indent).append(v).append(" = (").append(expression(random)).append(") & 1023\n");
                case 2 -> out.append(indent).append("a[").append(expression(random)).append(" & 15] = ")
                        .append(expression(random)).append('\n');
                case 3 -> out.append(indent).append(v).append(" = ").append(v).append(" + 100 / (")
                        .append(expression(random)).append(" % 97 + 1)\n");
                case 4 -> {
                    if (random.nextInt(8) == 0) {
                        out.append(indent).append("if i % 50 == 7 { print(i, ").append(v).append(") }\n");
                    } else {
                        out.append(indent).append(v).append(" = a[(").append(v).append(" + i) & 15]\n");
                    }
                }
                case 5 -> {
                    if (random.nextInt(20) == 0) {
                        out.append(indent).append("if i == ").append(150 + random.nextInt(100))
                                .append(" { ").append(v).append(" = ").append(v).append(" / (i - i) }\n");
                    } else if (random.nextInt(6) == 0) {
                        out.append(indent).append("if ").append(v).append(" % 11 == 3 { continue }\n");
                    } else {
                        out.append(indent).append(v).append(" = ").append(v).append(" ^ i\n");
                    }
                }
                default -> {
                    out.append(indent).append("if ").append(condition(random)).append(" {\n");
                    statements(out, random, depth - 1, indent + "    ");
                    if (random.nextBoolean()) {
                        out.append(indent).append("} else {\n");
                        statements(out, random, depth - 1, indent + "    ");
                    }
                    out.append(indent).append("}\n");
                }
            }
        }
    }

    private static String condition(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> "i % " + (2 + random.nextInt(4)) + " == " + random.nextInt(2);
            case 1 -> "(i >> " + random.nextInt(3) + ") & 1";
            case 2 -> expression(random) + " < " + random.nextInt(600);
            default -> "(i & 1) == 0 && " + expression(random) + " % 3 != 0";
        };
    }

    private static String expression(SplittableRandom random) {
        String[] atoms = {"x", "y", "z", "i", String.valueOf(random.nextInt(50))};
        String[] ops = {"+", "-", "*", "^", "&", "|"};
        return atoms[random.nextInt(atoms.length)] + " " + ops[random.nextInt(ops.length)] + " "
                + atoms[random.nextInt(atoms.length)];
    }
}
