package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.JitStats;
import dev.stitch.jit.CodeShape;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls inside traces: a callee runs inline, a loop in a called function returns into its
 * caller's loop and comes back round, and an exit or a runtime error inside an inlined call
 * leaves the interpreter's call frames as if it had run every call itself. Each case runs in
 * both code shapes, and its output and error (message and line) must be the interpreter's.
 */
class InlinedCallTest {
    private static final String FILE = "calls.tiny";

    private static JitStats sameAsInterpreter(String source, int threshold, CodeShape shape) {
        return JitComparison.sameAsInterpreter(source, FILE, threshold, shape, ArrayHeap.DEFAULT_LIMIT);
    }

    private static JitComparison.Outcome interpreted(String source) {
        return JitComparison.run(Tiny.compile(source, FILE), InterpreterHooks.NONE, ArrayHeap.DEFAULT_LIMIT);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aLoopThatCallsFunctionsRunsThemInline(CodeShape shape) {
        String source = """
                fn square(x) { return x * x }
                fn both(a, b) { t = square(a) + square(b); return t % 1000 }
                i = 0
                s = 0
                while i < 5000 {
                    s = s + both(i, i + 1)
                    i = i + 1
                }
                print(s)
                """;
        JitStats stats = sameAsInterpreter(source, 3, shape);
        assertThat(stats.traces()).isEqualTo(1);
        assertThat(stats.inlinedCalls()).isEqualTo(3);
        assertThat(stats.exits()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aLoopInACalledFunctionReturnsIntoItsCallersLoopAndComesBackRound(CodeShape shape) {
        String source = """
                fn fib(n) {
                    a = 0
                    b = 1
                    i = 0
                    while i < n { t = a + b; a = b; b = t; i = i + 1 }
                    return a
                }
                k = 0
                s = 0
                while k < 3000 {
                    s = s + fib(k % 40)
                    k = k + 1
                }
                print(s)
                """;
        JitStats stats = sameAsInterpreter(source, 2, shape);
        assertThat(stats.returns()).isPositive();
        // one trip per call before: now only the ones before the tree grew
        assertThat(stats.interpreterReturns()).isLessThan(50);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void anExitInsideAnInlinedCallRebuildsTheCallFrames(CodeShape shape) {
        // the rare branch inside g exits the trace inside two inlined calls; the interpreter goes on in g's frame
        String source = """
                fn g(x, y) {
                    if x % 97 == 0 { print(x, y); return y - x }
                    return x + y
                }
                fn f(x) { u = x * 2; return g(x, u) + u }
                i = 1
                s = 0
                while i < 3000 {
                    s = s + f(i)
                    i = i + 1
                }
                print(s)
                """;
        sameAsInterpreter(source, 1, shape);
        sameAsInterpreter(source, 50, shape);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aRuntimeErrorInsideAnInlinedCallReportsItsLine(CodeShape shape) {
        String source = """
                fn pick(a, k) {
                    return a[k]
                }
                fn div(x, y) { return x / y }
                xs = array(100)
                i = 0
                s = 0
                while i < 1000 {
                    s = s + div(1000, 120 - i) + pick(xs, i)
                    print(s)
                    i = i + 1
                }
                """;
        JitComparison.Outcome expected = interpreted(source);
        assertThat(expected.error()).contains(":2:");
        for (int threshold : new int[] {1, 7}) {
            sameAsInterpreter(source, threshold, shape);
            sameAsInterpreter(source.replace("120 - i", "60 - i"), threshold, shape);
        }
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void recursionBesideALoopIsNotInlinedAndTheLoopStillRuns(CodeShape shape) {
        String source = """
                fn fact(n) { if n < 2 { return 1 } return n * fact(n - 1) }
                fn twice(x) { return x + x }
                i = 0
                s = 0
                while i < 2000 {
                    s = s + twice(i)
                    if i % 100 == 0 { s = s + fact(i % 15) }
                    i = i + 1
                }
                print(s)
                """;
        JitStats stats = sameAsInterpreter(source, 3, shape);
        assertThat(stats.traces()).isEqualTo(1);
        assertThat(stats.inlinedCalls()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void callsTooDeepAreReportedAsTheInterpreterReportsThem(CodeShape shape) {
        // a loop runs calls inline at the bottom of a recursion close to the call limit
        String source = """
                fn leaf(x) { return x + 1 }
                fn mid(x) { return leaf(x) * 2 }
                fn down(n) {
                    if n > 0 { return down(n - 1) }
                    i = 0
                    s = 0
                    while i < 200 { s = s + mid(i); i = i + 1 }
                    return s
                }
                print(down(9997))
                print(down(9998))
                print(down(9999))
                """;
        JitComparison.Outcome expected = interpreted(source);
        assertThat(expected.error()).contains("call stack too deep");
        sameAsInterpreter(source, 2, shape);
    }
}
