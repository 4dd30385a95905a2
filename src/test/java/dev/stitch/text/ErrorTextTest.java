package dev.stitch.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTextTest {
    @Test
    void controlCharactersOfTheLineAndTheDetailAreEscapedAndTheCaretMovesPastTheEscape() {
        assertThat(ErrorText.located("f.s", 2, 8, "add x0,\u000f x1", "unexpected text '\u000f x1'")).isEqualTo("""
                f.s:2:8: error: unexpected text '\\x0f x1'
                add x0,\\x0f x1
                       ^""");
        assertThat(ErrorText.located("f.s", 1, 3, "a\u0000b", "here")).isEqualTo("f.s:1:3: error: here\na\\x00b\n     ^");
    }

    @Test
    void tabsOfTheLineAreRepeatedInTheCaretLine() {
        assertThat(ErrorText.located("f.s", 2, 2, "\tadd\tx0, x1, #5000", "add: out of range"))
                .isEqualTo("f.s:2:2: error: add: out of range\n\tadd\tx0, x1, #5000\n\t^");
        assertThat(ErrorText.caretLine("\tadd\tx0", 6)).isEqualTo("\t   \t^");
    }

    @Test
    void tabsOutsideTheQuotedLineAreEscaped() {
        assertThat(ErrorText.located("a\tb.s", 1, 1, "x", "unexpected '\t'"))
                .startsWith("a\\tb.s:1:1: error: unexpected '\\t'\n");
        assertThat(ErrorText.escape("\t\n\r\u007f\u0085")).isEqualTo("\\t\\n\\r\\x7f\\x85");
    }

    @Test
    void invisibleFormatCharactersAreEscaped() {
        // a right-to-left override would make the rest of the terminal line read backwards
        assertThat(ErrorText.escape("abc\u202edef\u200b\ufeff")).isEqualTo("abc\\u202edef\\u200b\\ufeff");
        assertThat(ErrorText.escape("\udb40\udc01 \ud800")).isEqualTo("\\U000e0001 \\ud800");
        assertThat(ErrorText.caretLine("\u202ex", 2)).isEqualTo("      ^");
    }

    @Test
    void aLongTokenIsQuotedByItsStartAndItsLength() {
        assertThat(ErrorText.excerpt("x".repeat(ErrorText.MAX_QUOTED))).isEqualTo("x".repeat(ErrorText.MAX_QUOTED));
        assertThat(ErrorText.excerpt("0x" + "f".repeat(1_000_000)))
                .isEqualTo("0x" + "f".repeat(22) + "... (1000002 chars)");
        // a surrogate pair is never split
        assertThat(ErrorText.excerpt("a".repeat(23) + "\ud83d\ude00" + "b".repeat(50))).startsWith("a".repeat(23) + "...");
    }

    @Test
    void ofALongLineAWindowAroundTheColumnIsQuotedWithTheCaretInIt() {
        String line = "a".repeat(100_000) + "!" + "b".repeat(100_000);
        String message = ErrorText.located("f.s", 1, 100_001, line, "here");
        String[] lines = message.split("\n");
        assertThat(lines[0]).isEqualTo("f.s:1:100001: error: here");
        assertThat(lines[1]).hasSize(ErrorText.MAX_LINE + 6).startsWith("...a").endsWith("b...");
        assertThat(lines[1].charAt(lines[2].length() - 1)).isEqualTo('!');
        // near the start or the end only that end is cut
        assertThat(ErrorText.located("f.s", 1, 2, line, "x").split("\n")[1]).startsWith("aa").endsWith("...");
        String atEnd = ErrorText.located("f.s", 1, line.length() + 1, line, "x");
        assertThat(atEnd.split("\n")[1]).startsWith("...").endsWith("bbb");
        assertThat(atEnd.split("\n")[2]).hasSize(ErrorText.MAX_LINE + 4);
    }

    @Test
    void aLongDetailLosesItsMiddle() {
        String detail = "unknown thing '" + "z".repeat(100_000) + "'; allowed: a, b";
        String bounded = ErrorText.bounded(detail);
        assertThat(bounded).hasSize(ErrorText.MAX_DETAIL).startsWith("unknown thing 'zzz").contains("z ... z")
                .endsWith("zz'; allowed: a, b");
        assertThat(ErrorText.bounded("short")).isEqualTo("short");
    }

    @Test
    void plainTextIsLeftAlone() {
        String text = "mov rax, [rbx + 8] ; é \\ \"quoted\" 𝐀";
        assertThat(ErrorText.escape(text)).isSameAs(text);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneTakesOneColumnAndACombiningMarkNone() {
        // U+1D400 is two chars; U+0301 combines with the e before it
        assertThat(ErrorText.caretLine("\ud835\udc00=1", 3)).isEqualTo(" ^");
        assertThat(ErrorText.caretLine("e\u0301=1", 3)).isEqualTo(" ^");
    }

    @Test
    void aColumnPastTheEndOfTheLinePutsTheCaretAfterIt() {
        assertThat(ErrorText.located("f", 1, 5, "ab", "expected more")).endsWith("\nab\n    ^");
        assertThat(ErrorText.caretLine("", 0)).isEqualTo("^");
    }
}
