package dev.stitch.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the {@code stitch} command line in this JVM: its exit status and what it printed. */
public record CliRun(int status, String out, String err) {
    /** Runs {@code stitch ARGS} with nothing on standard input. */
    public static CliRun of(String... args) {
        return with(new byte[0], args);
    }

    /** Runs {@code stitch ARGS} with {@code stdin} (UTF-8) on standard input. */
    public static CliRun with(String stdin, String... args) {
        return with(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** Runs {@code stitch ARGS} with {@code stdin} on standard input. */
    public static CliRun with(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
