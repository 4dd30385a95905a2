package dev.stitch.tiny;

import dev.stitch.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch run}: exit status, output streams, options. */
class RunCommandTest {
    private static final String STATS = "jit: traces=0 uops=0 code_bytes=0 trampolines=0 exits=0 compile_us=0\n";

    @TempDir
    Path directory;

    private static CliRun stitch(String... args) {
        return CliRun.of(args);
    }

    private String program(String name, String source) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file.toString();
    }

    @Test
    void runsAnExample() throws IOException {
        CliRun outcome = stitch("run", "examples/fib_rec.tiny");
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo(Files.readString(Path.of("examples/fib_rec.expected")));
    }

    @Test
    void acceptsEveryJitOption() throws IOException {
        String file = program("p.tiny", "i = 0\nwhile i < 100 { i = i + 1 }\nprint(i)\n");
        CliRun outcome = stitch("run", "--no-jit", "--jit-threshold", "5", "--strategy", "literal-in-data",
                "--dump-traces", file);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("100\n");
        assertThat(outcome.err()).isEmpty();
    }

    @Test
    void statsGoToStandardError() throws IOException {
        String file = program("p.tiny", "print(1)\n");
        CliRun outcome = stitch("run", "--stats", file);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("1\n");
        assertThat(outcome.err()).isEqualTo(STATS);
    }

    @Test
    void theJitCompilesHotLoopsAndReportsWhatItDid() throws IOException {
        String file = program("loop.tiny", "s = 0\ni = 0\nwhile i < 100 { s = s + abs(i - 50); i = i + 1 }\nprint(s)\n");
        CliRun outcome = stitch("run", "--jit-threshold", "2", "--stats", "--dump-traces", file);
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("2500\n");
        assertThat(outcome.err()).contains("labs").containsPattern(
                "(?m)^jit: traces=1 uops=\\d+ code_bytes=\\d+ trampolines=\\d+ exits=1 compile_us=\\d+$");
        CliRun off = stitch("run", "--no-jit", "--stats", file);
        assertThat(off.out()).isEqualTo("2500\n");
        assertThat(off.err()).isEqualTo(STATS);
    }

    @Test
    void aRuntimeErrorExitsWithOneAndKeepsTheOutputBefore() throws IOException {
        String file = program("err.tiny", "print(1)\nprint(2)\nx = 5 / (1 - 1)\nprint(3)\n");
        CliRun outcome = stitch("run", "--stats", file);
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).isEqualTo("1\n2\n");
        assertThat(outcome.err()).isEqualTo(file + ":3: runtime error: division by zero\n" + STATS);
    }

    @Test
    void aSyntaxErrorExitsWithOneAndShowsTheCaret() throws IOException {
        String file = program("bad.tiny", "x = 1\nwhile x < { }\n");
        CliRun outcome = stitch("run", file);
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo(file + ":2:11: error: expected an expression, found '{'\n"
                + "while x < { }\n" + "          ^\n");
    }

    @Test
    void aMissingFileExitsWithOne() {
        CliRun outcome = stitch("run", directory.resolve("none.tiny").toString());
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("stitch run: cannot read " + directory.resolve("none.tiny") + ": no such file\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "::", value = {
        "--jit-threshold 0 p.tiny   :: run: --jit-threshold 0 is out of range; allowed 1..2147483647 (decimal or 0x hex)",
        "--jit-threshold -3 p.tiny  :: run: --jit-threshold -3 is out of range; allowed 1..2147483647 (decimal or 0x hex)",
        "--jit-threshold ten p.tiny :: run: --jit-threshold takes a positive integer, 1..2147483647 (decimal or 0x hex); got 'ten'",
        "--jit-threshold 9999999999 p.tiny :: run: --jit-threshold 9999999999 is out of range; allowed 1..2147483647 (decimal or 0x hex)",
        "p.tiny --jit-threshold     :: run: --jit-threshold needs a positive number of loop iterations, such as --jit-threshold 100",
        "--strategy fastest p.tiny  :: run: unknown strategy 'fastest'; allowed: MOVW_PER_CALL, LITERAL_IN_CODE, LITERAL_IN_DATA, PER_TRACE, PER_TRACE_ALWAYS",
        "p.tiny --strategy          :: run: --strategy needs a call strategy",
        "--jit p.tiny               :: run: unknown option '--jit'; allowed: --no-jit, --jit-threshold, --strategy, --shape, --stats, --dump-traces, --jit-log, --max-memory, --help",
        "p.tiny q.tiny              :: run: one program file, got 'p.tiny' and 'q.tiny'",
        "--stats                    :: run: no program file; usage: stitch run [--no-jit] [--jit-threshold N] [--strategy S] [--shape SHAPE] [--stats] [--dump-traces] [--jit-log] [--max-memory SIZE] FILE.tiny",
    })
    void usageErrorsExitWithTwo(String args, String message) {
        String[] words = ("run " + args.strip()).split(" +");
        CliRun outcome = stitch(words);
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("stitch: " + message + "\n");
    }

    @Test
    void everyStrategyIsAccepted() throws IOException {
        String file = program("p.tiny", "print(7)\n");
        for (dev.stitch.stencil.CallStrategy strategy : dev.stitch.stencil.CallStrategy.values()) {
            assertThat(stitch("run", "--strategy", strategy.name(), file).status()).as(strategy.name()).isZero();
        }
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun outcome = stitch("run", "--help");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("Usage: stitch run [--no-jit] [--jit-threshold N]")
                .contains("--stats", "--dump-traces", "PER_TRACE_ALWAYS");
        assertThat(stitch("--help").out()).contains("  run [--no-jit]");
    }
}
