package dev.stitch.tiny;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.stitch.tiny.TinyRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Runtime errors: message, line, and output printed before them kept. */
class RuntimeErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", quoteCharacter = '"', value = {
        "x = 1 / 0 :: 1 :: division by zero",
        "z = 0\\nx = 5 % z :: 2 :: division by zero",
        "print(y) :: 1 :: undefined variable y",
        "a = array(3)\\nprint(a[3]) :: 2 :: index 3 out of bounds for length 3",
        "a = array(3)\\na[-1] = 2 :: 2 :: index -1 out of bounds for length 3",
        "a = array(2)\\nprint(a[9223372036854775807]) :: 2 :: index 9223372036854775807 out of bounds for length 2",
        "a = array(-4) :: 1 :: negative array size: -4",
        "a = array(9223372036854775807) :: 1 :: array size too large: 9223372036854775807 (at most 2147483639)",
        "x = 5\\nprint(x[0]) :: 2 :: not an array: 5",
        "a = array(1)\\nprint(len(a + 1)) :: 2 :: not an array: 1",
        "print(len(-1)) :: 1 :: not an array: -1",
        "x = 2\\nx[0] = 1 :: 2 :: not an array: 2",
        "print(nope(1)) :: 1 :: unknown function nope",
        "fn f(a, b) { }\\nf(1) :: 2 :: wrong number of arguments for f: expected 2, got 1",
        "fn f() { }\\nx = f(1, 2, 3) :: 2 :: wrong number of arguments for f: expected 0, got 3",
        "print(abs(1, 2)) :: 1 :: wrong number of arguments for abs: expected 1, got 2",
        "print(min(1)) :: 1 :: wrong number of arguments for min: expected 2, got 1",
        "a = array() :: 1 :: wrong number of arguments for array: expected 1, got 0",
        "print(len(1, 2)) :: 1 :: wrong number of arguments for len: expected 1, got 2",
    })
    void reportsTheLineAndWhatWentWrong(String source, int line, String message) {
        String program = source.replace("\\n", "\n");
        RuntimeError error = run(program).error();
        assertThat(error).isEqualTo(new RuntimeError("test.tiny", line, message));
        assertThat(error.toString()).isEqualTo("test.tiny:" + line + ": runtime error: " + message);
    }

    @Test
    void outputBeforeTheErrorIsKept() {
        TinyRunner.Outcome outcome = run("""
                i = 0
                while i < 3000 {
                    print(i)
                    i = i + 1
                }
                print(1 / (i - i))
                print(5)
                """);
        assertThat(outcome.error()).isEqualTo(new RuntimeError("test.tiny", 6, "division by zero"));
        assertThat(outcome.out()).startsWith("0\n1\n2\n").endsWith("\n2998\n2999\n");
    }

    @Test
    void errorsInsideFunctionsReportTheirOwnLine() {
        RuntimeError error = run("""
                fn inner(a, i) {
                    return a[i]
                }
                fn outer(a) {
                    return inner(a, 10)
                }
                print(outer(array(10)))
                """).error();
        assertThat(error).isEqualTo(new RuntimeError("test.tiny", 2, "index 10 out of bounds for length 10"));
    }

    @Test
    void multiLineExpressionsReportTheOperatorsLine() {
        RuntimeError error = run("x = 0\nprint(1 +\n  2 /\n  x)").error();
        assertThat(error.line()).isEqualTo(3);
    }

    @Test
    void callsAreCheckedOnlyWhenReached() {
        TinyRunner.Outcome outcome = run("fn f() { return missing() }\nprint(1)\nif 0 { f() }\nprint(2)\nf()");
        assertThat(outcome.out()).isEqualTo("1\n2\n");
        assertThat(outcome.error()).isEqualTo(new RuntimeError("test.tiny", 1, "unknown function missing"));
    }

    @Test
    void wrongArgumentCountsAreRaisedBeforeTheArgumentsRun() {
        TinyRunner.Outcome outcome = run("fn f(a) { }\nfn say(x) { print(x); return x }\nf(say(1), say(2))");
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.error().message()).isEqualTo("wrong number of arguments for f: expected 1, got 2");
    }

    @Test
    void deepRecursionIsAnErrorNotAStackOverflow() {
        TinyRunner.Outcome outcome = run("""
                fn down(n) {
                    return down(n + 1) + 1
                }
                print(7)
                down(0)
                """);
        assertThat(outcome.error()).isEqualTo(new RuntimeError("test.tiny", 2,
                "call stack too deep: more than 10000 nested calls (calling down)"));
        assertThat(outcome.out()).isEqualTo("7\n");
    }

    @Test
    void theDepthLimitCountsActiveCallsOnly() {
        // 10000 active calls are allowed (depth(9999) down to depth(0)), however many were made before
        String program = """
                fn depth(n) { if n == 0 { return 0 } return 1 + depth(n - 1) }
                print(depth(9999), depth(9999))
                print(depth(10000))
                """;
        TinyRunner.Outcome outcome = run(program);
        assertThat(outcome.out()).isEqualTo("9999 9999\n");
        assertThat(outcome.error().message()).startsWith("call stack too deep");
    }

    @Test
    void undefinedVariableInAFunctionThatOnlyAssignsItLater() {
        RuntimeError error = run("fn f() {\n  print(n)\n  n = 1\n}\nf()").error();
        assertThat(error).isEqualTo(new RuntimeError("test.tiny", 2, "undefined variable n"));
    }
}
