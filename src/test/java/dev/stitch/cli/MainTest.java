package dev.stitch.cli;

import dev.stitch.mem.CodeArena;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        CliRun outcome = run("--version");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).matches("stitch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void helpListsTheCommands() {
        CliRun outcome = run("--help");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Usage: stitch COMMAND").contains("  info ").contains("  asm ")
                .contains("  disasm ").contains("--version");
    }

    @Test
    void infoTriesEveryPolicyOnThisHost() {
        CliRun outcome = run("info");
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
        CliRun outcome = run();
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: no command given").contains("Usage: stitch");
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatNamesIt() {
        CliRun outcome = run("frobnicate");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("stitch: unknown command 'frobnicate'\n"
                + "Run 'stitch --help' for the commands and their options.\n");
    }

    @Test
    void infoTakesNoArguments() {
        CliRun outcome = run("info", "extra");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: 'info' takes no arguments, got 'extra'");
    }
}
