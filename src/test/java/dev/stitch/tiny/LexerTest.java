package dev.stitch.tiny;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static dev.stitch.tiny.TinyRunner.syntaxError;
import static org.assertj.core.api.Assertions.assertThat;

class LexerTest {
    private static List<TokenKind> kinds(String text) {
        return Lexer.tokenize(new SourceText(text, "t.tiny")).stream().map(Token::kind).toList();
    }

    private static List<Token> tokens(String text) {
        return Lexer.tokenize(new SourceText(text, "t.tiny"));
    }

    @Test
    void readsOperatorsLongestFirst() {
        assertThat(kinds("a >>> b >> c > d >= e << f <= g < h == i = j != k ! l && m & n || o | p ^ q ~ r"))
                .containsExactly(TokenKind.IDENTIFIER, TokenKind.UNSIGNED_SHIFT_RIGHT, TokenKind.IDENTIFIER,
                        TokenKind.SHIFT_RIGHT, TokenKind.IDENTIFIER, TokenKind.GREATER, TokenKind.IDENTIFIER,
                        TokenKind.GREATER_EQUAL, TokenKind.IDENTIFIER, TokenKind.SHIFT_LEFT, TokenKind.IDENTIFIER,
                        TokenKind.LESS_EQUAL, TokenKind.IDENTIFIER, TokenKind.LESS, TokenKind.IDENTIFIER,
                        TokenKind.EQUAL, TokenKind.IDENTIFIER, TokenKind.ASSIGN, TokenKind.IDENTIFIER,
                        TokenKind.NOT_EQUAL, TokenKind.IDENTIFIER, TokenKind.BANG, TokenKind.IDENTIFIER,
                        TokenKind.AND_AND, TokenKind.IDENTIFIER, TokenKind.AMPERSAND, TokenKind.IDENTIFIER,
                        TokenKind.OR_OR, TokenKind.IDENTIFIER, TokenKind.PIPE, TokenKind.IDENTIFIER, TokenKind.CARET,
                        TokenKind.IDENTIFIER, TokenKind.TILDE, TokenKind.IDENTIFIER, TokenKind.END_OF_FILE);
    }

    @Test
    void keywordsAreNotNames() {
        assertThat(kinds("fn if else while break continue return iffy"))
                .containsExactly(TokenKind.FN, TokenKind.IF, TokenKind.ELSE, TokenKind.WHILE, TokenKind.BREAK,
                        TokenKind.CONTINUE, TokenKind.RETURN, TokenKind.IDENTIFIER, TokenKind.END_OF_FILE);
    }

    @Test
    void lineBreaksEndStatementsExceptInsideParenthesesAndBrackets() {
        assertThat(kinds("a\nb(1,\n2)\nc[\n3]\n")).containsExactly(TokenKind.IDENTIFIER, TokenKind.NEWLINE,
                TokenKind.IDENTIFIER, TokenKind.LEFT_PAREN, TokenKind.INTEGER, TokenKind.COMMA, TokenKind.INTEGER,
                TokenKind.RIGHT_PAREN, TokenKind.NEWLINE, TokenKind.IDENTIFIER, TokenKind.LEFT_BRACKET,
                TokenKind.INTEGER, TokenKind.RIGHT_BRACKET, TokenKind.NEWLINE, TokenKind.END_OF_FILE);
    }

    @Test
    void commentsRunToTheEndOfTheLine() {
        assertThat(kinds("a # b c ( \n d")).containsExactly(TokenKind.IDENTIFIER, TokenKind.NEWLINE,
                TokenKind.IDENTIFIER, TokenKind.END_OF_FILE);
    }

    @Test
    void integersAreDecimalOrHexWithUnderscoresBetweenDigits() {
        List<Token> tokens = tokens("1_000_000 0xFFFF_FFFF_FFFF_FFFF 9223372036854775808 0x2A");
        assertThat(tokens.get(0).integerValue()).isEqualTo(BigInteger.valueOf(1_000_000));
        assertThat(tokens.get(1).integerValue()).isEqualTo(BigInteger.valueOf(-1));
        assertThat(tokens.get(2).integerValue()).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(tokens.get(3).integerValue()).isEqualTo(BigInteger.valueOf(42));
        assertThat(syntaxError("x = 0x_ff").detail()).isEqualTo("malformed integer literal 0x_ff: '_' may only separate digits");
    }

    @Test
    void tokensKnowTheirLineAndColumn() {
        List<Token> tokens = tokens("x = 1\n  print(x)");
        assertThat(tokens.get(2).position()).isEqualTo(new Position(1, 5));
        assertThat(tokens.get(4).position()).isEqualTo(new Position(2, 3));
        assertThat(tokens.get(4).text()).isEqualTo("print");
    }

    @Test
    void endOfFileStandsJustAfterTheLastToken() {
        List<Token> tokens = tokens("x = (1 +\n\n");
        assertThat(tokens.get(tokens.size() - 1).position()).isEqualTo(new Position(1, 9));
    }

    @Test
    void badCharactersAndLiteralsAreSyntaxErrors() {
        assertThat(syntaxError("x = 1 @ 2").getMessage()).isEqualTo("""
                test.tiny:1:7: error: unexpected character '@'
                x = 1 @ 2
                      ^""");
        assertThat(syntaxError("x = 12ab").detail()).isEqualTo("malformed integer literal 12ab: 'a' is not a decimal digit");
        assertThat(syntaxError("x = 12ab").column()).isEqualTo(7);
        assertThat(syntaxError("x = 0x").detail()).isEqualTo("malformed integer literal 0x: no digits after 0x");
        assertThat(syntaxError("x = 0x1_0000_0000_0000_0000").detail())
                .isEqualTo("integer literal 0x1_0000_0000_0000_0000 is out of range: more than 64 bits");
        assertThat(syntaxError("x = \"s\"").detail()).isEqualTo("unexpected character '\"'");
    }
}
