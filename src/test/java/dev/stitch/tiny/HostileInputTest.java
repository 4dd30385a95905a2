package dev.stitch.tiny;

import dev.stitch.text.ErrorText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.stitch.tiny.TinyRunner.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inputs of the sizes that once took tens of seconds to minutes to compile (each quadratic
 * somewhere) compile, or are refused, in linear time. The timeouts are liveness bounds, far above
 * what each takes, so that a regression is a red test rather than a hung suite.
 */
@Timeout(20)
class HostileInputTest {
    @Test
    void aMillionDigitHexLiteralIsRefusedWithAShortMessage() {
        TinySyntaxException e = syntaxError("x = 0x" + "f".repeat(1_000_000) + "\n");
        assertThat(e.detail()).isEqualTo("integer literal 0x" + "f".repeat(22)
                + "... (1000002 chars) is out of range: more than 64 bits");
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    void aMillionDigitDecimalLiteralIsRefusedAndLeadingZerosDoNotCount() {
        assertThat(syntaxError("x = " + "9".repeat(1_000_000)).detail())
                .startsWith("integer literal 9999").endsWith("is out of range: " + Lexer.DECIMAL_RANGE);
        assertThat(TinyRunner.value("0".repeat(1_000_000) + "42")).isEqualTo("42");
        assertThat(TinyRunner.value("0x" + "0".repeat(1_000_000) + "ff")).isEqualTo("255");
        assertThat(syntaxError("x = 1" + "0".repeat(19)).detail()).endsWith("is out of range: " + Lexer.DECIMAL_RANGE);
        assertThat(syntaxError("x = 0x1" + "0".repeat(16)).detail()).endsWith("is out of range: more than 64 bits");
        assertThat(syntaxError("x = 1_" + "2".repeat(1_000_000) + "x").detail())
                .isEqualTo("malformed integer literal 1_" + "2".repeat(22) + "... (1000003 chars): 'x' is not a decimal digit");
    }

    @Test
    void aMillionCharIdentifierIsQuotedShort() {
        String name = "v".repeat(1_000_000);
        TinySyntaxException e = syntaxError("x = 1 " + name);
        assertThat(e.detail()).isEqualTo("expected a newline or ';' after the statement, found '"
                + ErrorText.excerpt(name) + "'");
        assertThat(e.getMessage().length()).isLessThan(600);
    }

    @Test
    void eightyThousandVariablesCompileInLinearTime() {
        int count = 80_000;
        String source = IntStream.range(0, count).mapToObj(i -> "v" + i + " = " + i)
                .collect(Collectors.joining("\n", "", "\nprint(v0 + v" + (count - 1) + ")\n"));
        assertThat(TinyRunner.output(source)).isEqualTo((count - 1) + "\n");
    }

    @Test
    void variablesAssignedInBranchesStayLinearAndExact() {
        // Each if assigns a new variable on both paths and one more on just one path.
        int count = 20_000;
        StringBuilder source = new StringBuilder("c = 1\n");
        for (int i = 0; i < count; i++) {
            source.append("if c { a").append(i).append(" = 1\n b").append(i).append(" = 1 } else { a").append(i)
                    .append(" = 2 }\n");
        }
        source.append("print(a0 + a").append(count - 1).append(")\nprint(b").append(count - 1).append(")\n");
        Program program = Tiny.compile(source.toString(), TinyRunner.FILE);
        String listing = program.disassemble();
        assertThat(listing).contains("CHECK_DEFINED");
        assertThat(TinyRunner.output(source.toString())).isEqualTo("2\n1\n");
        // only b's read needs a check: a is assigned on every path
        assertThat(listing.lines().filter(l -> l.contains("CHECK_DEFINED")).count()).isEqualTo(1);
    }

    @Test
    void aFunctionOfAHundredThousandParametersCompiles() {
        int count = 100_000;
        String parameters = IntStream.range(0, count).mapToObj(i -> "p" + i).collect(Collectors.joining(", "));
        Program program = Tiny.compile("fn f(" + parameters + ") { return p" + (count - 1) + " }\n", TinyRunner.FILE);
        assertThat(program).isNotNull();
        assertThat(syntaxError("fn f(" + parameters + ", p" + (count / 2) + ") { }").detail())
                .isEqualTo("parameter p" + (count / 2) + " appears twice");
    }
}
