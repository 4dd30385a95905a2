package dev.stitch.tiny;

import org.junit.jupiter.api.Test;

import static dev.stitch.tiny.TinyRunner.output;
import static org.assertj.core.api.Assertions.assertThat;

/** Each language feature, through what programs print. */
class LanguageTest {
    @Test
    void printSeparatesValuesBySpacesAndEndsTheLine() {
        assertThat(output("print(1, -2, 3)\nprint()\nprint(4)")).isEqualTo("1 -2 3\n\n4\n");
    }

    @Test
    void statementsEndAtLineBreaksOrSemicolons() {
        assertThat(output("x = 1; y = 2\nprint(x, y); print(x + y)")).isEqualTo("1 2\n3\n");
    }

    @Test
    void anOperatorAtTheEndOfALineContinuesTheExpression() {
        assertThat(output("x = 1 +\n    2 *\n    3\ny =\n  x ||\n  0\nprint(x, y)")).isEqualTo("7 1\n");
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreFine() {
        assertThat(output("\uFEFFx = 1\r\nif x {\r\n  print(x)\r\n}\r\n")).isEqualTo("1\n");
    }

    @Test
    void commentsAreIgnored() {
        assertThat(output("# heading\nx = 1 # the answer\n# x = 2\nprint(x)")).isEqualTo("1\n");
    }

    @Test
    void callsMaySpanLines() {
        assertThat(output("print(1,\n      2,\n      3)")).isEqualTo("1 2 3\n");
    }

    @Test
    void ifElseIfElse() {
        String program = """
                fn sign(x) {
                    if x < 0 { return -1 } else if x == 0 { return 0 } else { return 1 }
                }
                print(sign(-5), sign(0), sign(7))
                if 0 { print(1) }
                if (2) { print(2) } else { print(3) }
                """;
        assertThat(output(program)).isEqualTo("-1 0 1\n2\n");
    }

    @Test
    void whileBreakContinue() {
        String program = """
                i = 0
                while i < 10 {
                    i = i + 1
                    if i % 2 == 0 { continue }
                    if i > 7 { break }
                    print(i)
                }
                print(i)
                """;
        assertThat(output(program)).isEqualTo("1\n3\n5\n7\n9\n");
    }

    @Test
    void breakAndContinueAffectTheInnermostLoop() {
        String program = """
                i = 0
                while i < 3 {
                    j = 0
                    while 1 {
                        j = j + 1
                        if j == 2 { continue }
                        if j > 3 { break }
                        print(i, j)
                    }
                    i = i + 1
                }
                """;
        assertThat(output(program)).isEqualTo("0 1\n0 3\n1 1\n1 3\n2 1\n2 3\n");
    }

    @Test
    void functionsMayBeCalledBeforeTheirDefinitionAndRecurse() {
        String program = """
                print(fact(20), even(10), even(7))
                fn fact(n) { if n <= 1 { return 1 } return n * fact(n - 1) }
                fn even(n) { if n == 0 { return 1 } return odd(n - 1) }
                fn odd(n) { if n == 0 { return 0 } return even(n - 1) }
                """;
        assertThat(output(program)).isEqualTo("2432902008176640000 1 0\n");
    }

    @Test
    void returnWithoutValueAndFallingOffTheEndGiveZero() {
        String program = """
                fn nothing() { }
                fn early(x) { if x { return } return 5 }
                fn assigned() { y = 3 }
                print(nothing(), early(1), early(0), assigned())
                """;
        assertThat(output(program)).isEqualTo("0 0 5 0\n");
    }

    @Test
    void aCallAsAStatementDiscardsItsValue() {
        assertThat(output("fn f(x) { print(x); return x * 2 }\nf(3)\nf(4); print(f(5))")).isEqualTo("3\n4\n5\n10\n");
    }

    @Test
    void printIsZeroAsAValue() {
        assertThat(output("x = print(7)\nprint(x, print())")).isEqualTo("7\n\n0 0\n");
    }

    @Test
    void variablesAreLocalToTheirFunction() {
        String program = """
                x = 1
                fn f(y) { x = y * 10; return x }
                print(f(5), x)
                fn g() { return x }
                """;
        assertThat(output(program)).isEqualTo("50 1\n");
        TinyRunner.Outcome outcome = TinyRunner.run(program + "print(g())");
        assertThat(outcome.error().message()).isEqualTo("undefined variable x"); // no globals
    }

    @Test
    void parametersAreFreshOnEachCall() {
        String program = """
                fn count(n) { if n == 0 { return 0 } m = n; r = count(n - 1); return m + r }
                print(count(100))
                """;
        assertThat(output(program)).isEqualTo("5050\n");
    }

    @Test
    void argumentsAreEvaluatedLeftToRight() {
        String program = """
                fn say(x) { print(x); return x }
                fn three(a, b, c) { return a * 100 + b * 10 + c }
                print(three(say(1), say(2), say(3)))
                a = array(3)
                a[say(0)] = say(7)
                print(a[0])
                """;
        assertThat(output(program)).isEqualTo("1\n2\n3\n123\n0\n7\n7\n");
    }

    @Test
    void shortCircuitSkipsTheRightOperand() {
        String program = """
                fn t(x) { print(x); return 1 }
                fn f(x) { print(x); return 0 }
                print(f(1) && t(2))
                print(t(3) || t(4))
                print(t(5) && f(6))
                print(f(7) || f(8))
                if f(9) && t(10) { print(99) }
                if t(11) || t(12) { print(98) }
                while f(13) && t(14) { }
                if !(f(15) || f(16)) { print(97) }
                """;
        assertThat(output(program)).isEqualTo("1\n0\n3\n1\n5\n6\n0\n7\n8\n0\n9\n11\n98\n13\n15\n16\n97\n");
    }

    @Test
    void arraysAreZeroFilledReferenceNumbers() {
        String program = """
                a = array(3)
                b = array(0)
                print(a, b, len(a), len(b), a[0], a[2])
                a[1] = -5
                c = a
                c[2] = 9
                print(a[1], a[2], a[1] + a[2])
                fn fill(arr, v) { i = 0; while i < len(arr) { arr[i] = v; i = i + 1 } }
                fill(a, 4)
                print(a[0], a[1], a[2])
                m = array(2); m[0] = array(2); m[1] = array(2)
                m[1][0] = 8
                print(m[1][0], m[m[0] - 3][1], m[0], m[1])
                """;
        assertThat(output(program)).isEqualTo("0 1 3 0 0 0\n-5 9 4\n4 4 4\n8 0 3 4\n");
    }

    @Test
    void anArrayValueIsJustANumber() {
        assertThat(output("a = array(2); b = array(2); b[1] = 5\nprint((a + 1)[1], 1[1])")).isEqualTo("5 5\n");
    }

    @Test
    void variablesAssignedOnSomePathsOnlyAreCheckedWhenRead() {
        String program = """
                i = 0
                while i < 3 {
                    if i == 1 { y = i * 10 }
                    if i >= 1 { print(y) }
                    i = i + 1
                }
                """;
        assertThat(output(program)).isEqualTo("10\n10\n");
        TinyRunner.Outcome outcome = TinyRunner.run("i = 0\nwhile i < 3 {\n  if i == 1 { y = 1 }\n  print(y)\n  i = i + 1\n}");
        assertThat(outcome.error()).isEqualTo(new RuntimeError("test.tiny", 4, "undefined variable y"));
    }

    @Test
    void topLevelReturnEndsTheProgram() {
        assertThat(output("print(1)\nif 1 { return }\nprint(2)")).isEqualTo("1\n");
    }

    @Test
    void builtinNamesMayBeVariables() {
        assertThat(output("len = 3; min = 4\nprint(len + min, min(len, min))")).isEqualTo("7 3\n");
    }

    @Test
    void constantConditionsNeedNoTest() {
        assertThat(output("i = 0\nwhile 1 { i = i + 1; if i == 3 { break } }\nwhile 0 { print(0) }\nprint(i)"))
                .isEqualTo("3\n");
    }

    @Test
    void aProgramRunsAfreshEachTime() {
        Program program = Tiny.compile("a = array(1)\nprint(a)", "t.tiny");
        for (int i = 0; i < 2; i++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            assertThat(program.run(new java.io.PrintStream(bytes, true)).ok()).isTrue();
            assertThat(bytes.toString()).isEqualTo("0\n");
        }
    }

    @Test
    void manyLinesOfOutputArriveInOrder() {
        String out = output("i = 0\nwhile i < 5000 { print(i, -i); i = i + 1 }");
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(5000);
        assertThat(lines[0]).isEqualTo("0 0");
        assertThat(lines[4999]).isEqualTo("4999 -4999");
        assertThat(out.length()).isGreaterThan(8192 * 2);
    }

    @Test
    void recursionWellBelowTheLimitWorks() {
        assertThat(output("fn depth(n) { if n == 0 { return 0 } return 1 + depth(n - 1) }\nprint(depth(9000))"))
                .isEqualTo("9000\n");
    }
}
