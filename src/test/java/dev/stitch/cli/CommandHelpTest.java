package dev.stitch.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch COMMAND --help} (or {@code -h}) prints that command's usage and exits 0, for every command. */
class CommandHelpTest {
    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"info", "asm", "disasm", "trace", "run"}) {
            for (String flag : new String[] {"--help", "-h"}) {
                CliRun outcome = CliRun.of(command, flag);
                assertThat(outcome.status()).as(command + " " + flag).isZero();
                assertThat(outcome.err()).as(command + " " + flag).isEmpty();
                assertThat(outcome.out()).as(command + " " + flag).startsWith("Usage: stitch " + command)
                        .endsWith("\n");
            }
        }
    }

    @Test
    void helpWinsOverTheOtherArguments() {
        assertThat(CliRun.of("asm", "--arch", "x86_64", "--help", "nosuch.s").out()).startsWith("Usage: stitch asm ");
        assertThat(CliRun.of("disasm", "nosuch.bin", "-h").out()).startsWith("Usage: stitch disasm ");
    }

    @Test
    void helpSaysWhatEachCommandTakes() {
        assertThat(CliRun.of("asm", "--help").out()).contains("--arch A", "-o OUT.bin", "default: this JVM's architecture",
                "FILE - reads standard input");
        assertThat(CliRun.of("disasm", "--help").out()).contains("--arch A", "--base ADDR",
                "default: this JVM's architecture", "FILE - reads standard input");
        assertThat(CliRun.of("info", "--help").out()).contains("W^X policies");
        assertThat(CliRun.of("run", "--help").out()).contains("FILE - reads the program from standard input",
                "(AArch64 or x86-64)").doesNotContain("to AArch64\ncode");
    }

    @Test
    void infoStillTakesNothingElse() {
        assertThat(CliRun.of("info", "--help", "extra").status()).isEqualTo(2);
    }
}
