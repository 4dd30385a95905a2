package dev.stitch.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Output that cannot be written is an error, whatever the command: {@code stitch ... > /dev/full}. */
class OutputFailureTest {
    /** What writing to /dev/full does: every write fails with ENOSPC. */
    private static final class FullDevice extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    private record Outcome(int status, String err) {}

    private static Outcome run(PrintStream out, String stdin, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandFailsWhenItsOutputIsLost() {
        List<List<String>> commands = List.of(List.of("--version"), List.of("--help"), List.of("info"),
                List.of("info", "--help"), List.of("asm", "-"), List.of("disasm", "-"),
                List.of("trace", "examples/traces/sum.uops"), List.of("trace", "--run", "10,0", "examples/traces/sum.uops"),
                List.of("run", "examples/fib_iter.tiny"), List.of("run", "--help"));
        for (List<String> command : commands) {
            String stdin = command.get(0).equals("asm") ? "nop\n" : command.get(0).equals("disasm") ? "code" : "";
            Outcome outcome = run(StandardOutput.over(new FullDevice(), StandardCharsets.UTF_8), stdin,
                    command.toArray(String[]::new));
            assertThat(outcome.status()).as("%s", command).isEqualTo(1);
            assertThat(outcome.err()).as("%s", command).endsWith("stitch: cannot write standard output: no space left on device\n");
        }
    }

    @Test
    void aStreamThatOnlySaysItFailedIsAnErrorToo() {
        Outcome outcome = run(new PrintStream(new FullDevice(), true, StandardCharsets.UTF_8), "", "--version");
        assertThat(outcome).isEqualTo(new Outcome(1, "stitch: cannot write standard output: the stream reported an error\n"));
    }

    @Test
    void aFailedCommandKeepsItsStatus() {
        Outcome usage = run(StandardOutput.over(new FullDevice(), StandardCharsets.UTF_8), "", "asm", "--frobnicate");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("unknown option '--frobnicate'");
    }

    @Test
    void outputThatArrivesIsNoError() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Outcome outcome = run(StandardOutput.over(bytes, StandardCharsets.UTF_8), "", "--version");
        assertThat(outcome).isEqualTo(new Outcome(0, ""));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("stitch ");
    }
}
