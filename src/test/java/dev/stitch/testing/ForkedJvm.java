package dev.stitch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a JVM of the same kind as the one running the tests (on the emulated AArch64 run, the
 * emulated JVM again), with the test class path: for tests of what must not take down a JVM, or
 * of how a process ends, which cannot run inside the test JVM.
 */
public final class ForkedJvm {
    private ForkedJvm() {}

    /** The {@code java} launcher: {@code stitch.test.java} if set, else this JVM's. */
    public static String java() {
        String configured = System.getProperty("stitch.test.java");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A process builder for {@code java JVM_OPTIONS MAIN ARGS} with native access and the test class path. */
    public static ProcessBuilder builder(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("--enable-native-access=ALL-UNNAMED");
        if (System.getProperty("stitch.emulated") != null) {
            // As the emulated test JVM itself runs (see pom.xml): fast to start under qemu.
            command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Runs {@code main} in a new JVM to its end; returns its exit status and output. */
    public static Result run(List<String> jvmOptions, Class<?> main, String... args) throws IOException, InterruptedException {
        File out = File.createTempFile("forked", ".out");
        File err = File.createTempFile("forked", ".err");
        try {
            Process process = builder(jvmOptions, main, args).redirectOutput(out).redirectError(err).start();
            int status = process.waitFor();
            return new Result(status, java.nio.file.Files.readString(out.toPath()), java.nio.file.Files.readString(err.toPath()));
        } finally {
            out.delete();
            err.delete();
        }
    }

    /** How a forked JVM ended. */
    public record Result(int status, String out, String err) {}
}
