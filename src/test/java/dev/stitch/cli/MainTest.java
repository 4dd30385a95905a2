package dev.stitch.cli;

import dev.stitch.mem.CodeArena;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private record Outcome(int status, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Outcome outcome = run("--version");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).matches("stitch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void helpListsTheCommands() {
        Outcome outcome = run("--help");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Usage: stitch COMMAND").contains("  info ").contains("  asm ")
                .contains("  disasm ").contains("--version");
    }

    @Test
    void infoTriesEveryPolicyOnThisHost() {
        Outcome outcome = run("info");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out())
                .contains("page size     " + CodeArena.pageSize() + " bytes")
                .containsPattern("architecture  (aarch64|x86-64) \\(os\\.arch=")
                .containsPattern("icache flush  (__clear_cache|none needed)")
                .containsPattern("\\n  FLIP +works ")
                .containsPattern("\\n  DUAL_MAP +works ")
                .containsPattern("\\n  RWX +works ");
    }

    @Test
    void noCommandIsAUsageError() {
        Outcome outcome = run();
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: no command given").contains("Usage: stitch");
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatNamesIt() {
        Outcome outcome = run("frobnicate");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("stitch: unknown command 'frobnicate'\n"
                + "Run 'stitch --help' for the commands and their options.\n");
    }

    @Test
    void infoTakesNoArguments() {
        Outcome outcome = run("info", "extra");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: 'info' takes no arguments, got 'extra'");
    }
}
