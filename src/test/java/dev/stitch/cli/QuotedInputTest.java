package dev.stitch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's syntax errors quote the offending line with control characters escaped and the
 * caret under the offending character, tabs and escapes included; usage errors escape the
 * arguments they quote.
 */
class QuotedInputTest {
    @Test
    void aarch64AssemblerErrors() {
        CliRun control = CliRun.with("nop\nadd x0,\u000f x1\n", "asm", "--arch", "aarch64", "-");
        assertThat(control.status()).isEqualTo(1);
        assertThat(control.err()).isEqualTo("""
                <stdin>:2:8: error: unexpected text '\\x0f x1'
                add x0,\\x0f x1
                       ^
                """);
        CliRun tabs = CliRun.with("nop\n\tadd\tx0, x1, #5000\n", "asm", "--arch", "aarch64", "-");
        assertThat(tabs.err()).startsWith("<stdin>:2:2: error: add: immediate 5000 is out of range")
                .endsWith("\n\tadd\tx0, x1, #5000\n\t^\n");
    }

    @Test
    void x64AssemblerErrors() {
        CliRun outcome = CliRun.with("\tmov\trax,\u001b[31m ebx\n", "asm", "--arch", "x86_64", "-");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("<stdin>:1:10: error: expected a number, found '\\x1b'\n"
                + "\tmov\trax,\\x1b[31m ebx\n\t   \t    ^\n");
    }

    @Test
    void argumentsQuotedInUsageErrors() {
        CliRun outcome = CliRun.of("asm", "--\u001b[2J");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: asm: unknown option '--\\x1b[2J'; allowed: ");
        assertThat(CliRun.of("trace", "--arch", "x\u0007").err())
                .startsWith("stitch: trace: unknown architecture 'x\\x07'; allowed: ");
    }

    @Test
    void traceParserErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.uops");
        Files.writeString(file, "ENTER\n\tLOAD\t\u000f0\nEXIT 0\n");
        CliRun outcome = CliRun.of("trace", file.toString());
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo(file + ":2:7: error: malformed local slot '\\x0f0'; expected a"
                + " non-negative decimal or 0x-prefixed hex number (digits may be separated by _)\n"
                + "\tLOAD\t\\x0f0\n\t    \t^\n");
    }

    @Test
    void tinyErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.tiny");
        Files.writeString(file, "x = 1;\n\ty\u000f = 2;\n");
        CliRun outcome = CliRun.of("run", file.toString());
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo(file + ":2:3: error: unexpected character U+000F\n\ty\\x0f = 2;\n\t ^\n");
    }
}
