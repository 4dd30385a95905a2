package dev.stitch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command reads its file, or standard input for {@code -}, and says plainly why it cannot. */
class FileArgumentsTest {
    private static final String[][] READERS = {{"asm"}, {"disasm"}, {"trace"}, {"run"}};

    private static String[] with(String[] command, String file) {
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = file;
        return args;
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        for (String[] command : READERS) {
            String file = dir.resolve("nosuch").toString();
            CliRun outcome = CliRun.of(with(command, file));
            assertThat(outcome.status()).as(command[0]).isEqualTo(1);
            assertThat(outcome.err()).isEqualTo("stitch " + command[0] + ": cannot read " + file + ": no such file\n");
        }
    }

    @Test
    void aDirectoryIsNotAFile(@TempDir Path dir) {
        for (String[] command : READERS) {
            CliRun outcome = CliRun.of(with(command, dir.toString()));
            assertThat(outcome.status()).as(command[0]).isEqualTo(1);
            assertThat(outcome.err()).isEqualTo("stitch " + command[0] + ": cannot read " + dir + ": is a directory\n");
        }
    }

    @Test
    void textThatIsNotUtf8SaysWhere(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1");
        Files.write(file, new byte[] {'n', 'o', 'p', '\n', '#', ' ', (byte) 0xe9, '\n'});
        for (String[] command : new String[][] {{"asm"}, {"trace"}, {"run"}}) {
            CliRun outcome = CliRun.of(with(command, file.toString()));
            assertThat(outcome.status()).as(command[0]).isEqualTo(1);
            assertThat(outcome.err()).isEqualTo("stitch " + command[0] + ": cannot read " + file
                    + ": not UTF-8 at byte 6 (0xe9, on line 2)\n");
        }
        CliRun stdin = CliRun.with(new byte[] {(byte) 0xc3, '('}, "asm", "-");
        assertThat(stdin.err()).isEqualTo("stitch asm: cannot read standard input: not UTF-8 at byte 0 (0xc3, on line 1)\n");
    }

    @Test
    void aFileNameWithControlCharactersIsEscaped(@TempDir Path dir) {
        String file = dir.resolve("no\u001b[2Jsuch").toString();
        CliRun outcome = CliRun.of("asm", file);
        assertThat(outcome.err()).doesNotContain("\u001b").endsWith("no\\x1b[2Jsuch: no such file\n");
    }

    @Test
    void dashReadsStandardInputEverywhere() {
        assertThat(CliRun.with("print(6 * 7)\n", "run", "-")).isEqualTo(new CliRun(0, "42\n", ""));
        CliRun trace = CliRun.with("ENTER\nCONST 5\nEXIT 0\n", "trace", "--run", "", "-");
        assertThat(trace).isEqualTo(new CliRun(0, "exit 0\nlocals: (none)\nstack: 5  (bottom first)\n", ""));
        assertThat(CliRun.with("ret\n", "asm", "--arch", "aarch64", "-").out()).isEqualTo("0000: d65f03c0  ret\n");
        assertThat(CliRun.with(new byte[] {(byte) 0xc3}, "disasm", "--arch", "x86_64", "-").out())
                .startsWith("00000000: c3 ");
    }

    @Test
    void errorsInStandardInputNameIt() {
        CliRun run = CliRun.with("print(1 +)\n", "run", "-");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("<stdin>:1:10: error: expected an expression");
        CliRun trace = CliRun.with("ENTER\nFROB\n", "trace", "-");
        assertThat(trace.err()).startsWith("<stdin>:2:1: error: unknown uop 'FROB'");
    }

    @Test
    void anOutputFileInAMissingDirectorySaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        String output = missing.resolve("f.bin").toString();
        CliRun outcome = CliRun.with("ret\n", "asm", "--arch", "aarch64", "-o", output, "-");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("stitch asm: cannot write " + output + ": no such directory " + missing + "\n");
        CliRun directory = CliRun.with("ret\n", "asm", "--arch", "aarch64", "-o", dir.toString(), "-");
        assertThat(directory.err()).isEqualTo("stitch asm: cannot write " + dir + ": is a directory\n");
    }

    @Test
    void anOutputFileUnderAFileSaysSo(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "");
        String output = file.resolve("f.bin").toString();
        CliRun outcome = CliRun.with("ret\n", "asm", "--arch", "aarch64", "-o", output, "-");
        assertThat(outcome.err()).isEqualTo("stitch asm: cannot write " + output + ": " + file + " is not a directory\n");
    }
}
