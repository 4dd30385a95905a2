package dev.stitch.tiny;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.stitch.tiny.TinyRunner.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class SyntaxErrorTest {
    @Test
    void messageHasFileLineColumnTheLineAndACaret() {
        TinySyntaxException e = syntaxError("x = 1\nprint(x + )\n");
        assertThat(e.getMessage()).isEqualTo("""
                test.tiny:2:11: error: expected an expression, found ')'
                print(x + )
                          ^""");
        assertThat(e.file()).isEqualTo("test.tiny");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(11);
        assertThat(e.detail()).isEqualTo("expected an expression, found ')'");
    }

    @Test
    void anErrorAtACrlfLineBreakPointsJustPastTheLinesText() {
        assertThat(syntaxError("x = 1\r\nprint\r\n").getMessage()).isEqualTo("""
                test.tiny:2:6: error: expected '=' after print, found newline
                print
                     ^""");
    }

    @Test
    void caretLinesUpUnderTabs() {
        assertThat(syntaxError("while 1 {\n\t\tx = = 2\n}").getMessage()).isEqualTo(
                "test.tiny:2:7: error: expected an expression, found '='\n\t\tx = = 2\n\t\t    ^");
    }

    @Test
    void missingClosingParenthesisPointsAtTheLineEnd() {
        // Inside parentheses a line break does not end the statement, but a '{' stops that.
        assertThat(syntaxError("if (x > 1 {\n  y = 2\n}").getMessage()).isEqualTo("""
                test.tiny:1:11: error: expected ')', found '{'
                if (x > 1 {
                          ^""");
        assertThat(syntaxError("x = (1 +\n").getMessage()).isEqualTo("""
                test.tiny:1:9: error: expected an expression, found end of file
                x = (1 +
                        ^""");
    }

    @Test
    void unclosedBlockNamesWhereItOpened() {
        TinySyntaxException e = syntaxError("fn f() {\n  x = 1\n\n");
        assertThat(e.detail()).isEqualTo("expected '}' to close the block opened at line 1, found end of file");
        assertThat(e.line()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", quoteCharacter = '"', value = {
        "x = 1 2 :: 1:7 :: expected a newline or ';' after the statement, found '2'",
        "x :: 1:2 :: expected '=' after x, found end of file",
        "x y :: 1:3 :: expected '=' after x, found 'y'",
        "x + 1 :: 1:1 :: this expression is not a statement: expected an assignment or a call",
        "f(x) = 1 :: 1:1 :: cannot assign to this: expected a variable or an array element before '='",
        "1 = x :: 1:1 :: cannot assign to this: expected a variable or an array element before '='",
        ") = 1 :: 1:1 :: expected a statement, found ')'",
        "} :: 1:1 :: expected a statement, found '}'",
        "else { } :: 1:1 :: 'else' without 'if'",
        "if x y = 1 :: 1:6 :: expected '{' to start the body of 'if', found 'y'",
        "while x > 0 print(x) :: 1:13 :: expected '{' to start the body of 'while', found 'print'",
        "if x { } else y = 1 :: 1:15 :: expected '{' to start the body of 'else', found 'y'",
        "break :: 1:1 :: 'break' outside a loop",
        "if 1 { continue } :: 1:8 :: 'continue' outside a loop",
        "while 1 { fn f() { break } } :: 1:11 :: functions can only be defined at top level, not inside 'while'",
        "fn f() { while 1 { }; break } :: 1:23 :: 'break' outside a loop",
        "fn (a) { } :: 1:4 :: expected a function name after 'fn', found '('",
        "fn f a { } :: 1:6 :: expected '(' after the function name, found 'a'",
        "fn f(a b) { } :: 1:8 :: expected ',' or ')' after the parameters, found 'b'",
        "fn f(a, 1) { } :: 1:9 :: expected a parameter name, found '1'",
        "fn f(a, a) { } :: 1:9 :: parameter a appears twice",
        "fn len(a) { } :: 1:4 :: cannot define a function named len: it is a built-in function",
        "fn f() { }; fn f() { } :: 1:16 :: function f is already defined at line 1",
        "x = f(1 2) :: 1:9 :: expected ',' or ')' after the arguments of f, found '2'",
        "x = a[1 :: 1:8 :: expected ']' after the index, found end of file",
        "x = 9223372036854775808 :: 1:5 :: integer literal 9223372036854775808 is out of range: integers are 64-bit, from -9223372036854775808 to 9223372036854775807",
        "x = -9223372036854775809 :: 1:6 :: integer literal 9223372036854775809 is out of range: integers are 64-bit, from -9223372036854775808 to 9223372036854775807",
        "x = *2 :: 1:5 :: expected an expression, found '*'",
        "x = (1)) :: 1:8 :: expected a newline or ';' after the statement, found ')'",
        "x = 1 + :: 1:8 :: expected an expression, found end of file",
        "return 1 2 :: 1:10 :: expected a newline or ';' after the statement, found '2'",
        "f() g() :: 1:5 :: expected a newline or ';' after the statement, found 'g'",
    })
    void reportsWhatWasExpectedAndFound(String source, String lineColumn, String detail) {
        TinySyntaxException e = syntaxError(source);
        assertThat(e.line() + ":" + e.column()).as(e.getMessage()).isEqualTo(lineColumn);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.getMessage()).startsWith("test.tiny:" + lineColumn + ": error: " + detail + "\n" + source + "\n");
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String nested = "x = " + "(".repeat(5000) + "1" + ")".repeat(5000);
        assertThat(syntaxError(nested).detail()).isEqualTo("nested too deeply: more than 200 levels");
        String negations = "x = " + "-".repeat(5000) + "y";
        assertThat(syntaxError(negations).detail()).isEqualTo("nested too deeply: more than 200 levels");
        String blocks = "if 1 {".repeat(500) + "}".repeat(500);
        assertThat(syntaxError(blocks).detail()).isEqualTo("nested too deeply: more than 200 levels");
    }

    @Test
    void longExpressionsAreLimited() {
        String sum = "x = " + "1 + ".repeat(Parser.MAX_OPERATORS + 1) + "1";
        assertThat(syntaxError(sum).detail())
                .isEqualTo("expression too long: more than " + Parser.MAX_OPERATORS + " operators in one statement");
        // just below the limit compiles and runs
        assertThat(TinyRunner.output("print(" + "1 + ".repeat(Parser.MAX_OPERATORS) + "1)"))
                .isEqualTo((Parser.MAX_OPERATORS + 1) + "\n");
    }

    @Test
    void fileNameIsTheOneGiven() {
        TinySyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(TinySyntaxException.class,
                () -> Tiny.compile("x = ", "dir/prog.tiny"));
        assertThat(e.getMessage()).startsWith("dir/prog.tiny:1:4: error: expected an expression, found end of file");
    }
}
