package dev.stitch.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finds and runs the LLVM tools the encoding oracles use. A missing tool skips a test with the
 * reason on a developer's machine and fails it in CI ({@code CI=true}).
 */
public final class LlvmTools {
    private LlvmTools() {}

    /** What a tool printed and its exit status. */
    public record Run(String out, String err, int status) {}

    private static Optional<Path> tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String candidate : new String[] {name, name + "-20", name + "-19", name + "-18", name + "-17",
                    name + "-16", name + "-15", name + "-14"}) {
                Path path = Path.of(dir, candidate);
                if (Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    /** The path of {@code name} (llvm-mc, llvm-objcopy), or a skip (a failure in CI) saying how to get it. */
    public static Path require(String name) {
        Optional<Path> path = tool(name);
        if (path.isEmpty()) {
            String message = name + " not found on PATH: the encoding oracle is missing; install it with"
                    + " 'apt-get install llvm' (scripts/test does so when run as root)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return path.get();
    }

    /** Runs {@code command} with {@code input} on its standard input; reads both output streams fully. */
    public static Run run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            // A large corpus's output exceeds a pipe buffer: drain stderr while reading stdout.
            var err = new ByteArrayOutputStream();
            Thread drain = Thread.ofPlatform().start(() -> {
                try {
                    process.getErrorStream().transferTo(err);
                } catch (IOException ignored) {
                    // The process ended; what was read is kept.
                }
            });
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            drain.join();
            return new Run(out, err.toString(StandardCharsets.UTF_8), status);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bytes of the {@code .text} section LLVM assembles from {@code source} for {@code triple}:
     * what {@code llvm-mc -filetype=obj} and {@code llvm-objcopy -O binary --only-section=.text} give.
     */
    public static byte[] assembleObject(String source, List<String> tripleAndAttributes) {
        Path mc = require("llvm-mc");
        Path objcopy = require("llvm-objcopy");
        try {
            Path dir = Files.createTempDirectory("stitch-llvm");
            try {
                Path in = dir.resolve("t.s");
                Path obj = dir.resolve("t.o");
                Path bin = dir.resolve("t.bin");
                Files.writeString(in, source);
                List<String> command = new java.util.ArrayList<>();
                command.add(mc.toString());
                command.addAll(tripleAndAttributes);
                command.addAll(List.of("-filetype=obj", in.toString(), "-o", obj.toString()));
                Run asm = run(command, "");
                if (asm.status() != 0) {
                    fail("llvm-mc rejected the source: " + asm.err());
                }
                Run copy = run(List.of(objcopy.toString(), "-O", "binary", "--only-section=.text", obj.toString(),
                        bin.toString()), "");
                if (copy.status() != 0) {
                    fail("llvm-objcopy failed: " + copy.err());
                }
                return Files.readAllBytes(bin);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
