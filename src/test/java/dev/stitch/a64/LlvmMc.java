package dev.stitch.a64;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LLVM oracle: {@code llvm-mc -triple=aarch64 -mattr=+lse}, run once per batch. Missing
 * LLVM skips a test with the reason on a developer's machine and fails it in CI ({@code CI=true}).
 */
final class LlvmMc {
    private static final Pattern ENCODING = Pattern.compile("encoding: \\[(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2})\\]");
    private static final Pattern DIAGNOSTIC = Pattern.compile("<stdin>:(\\d+):\\d+: (error|warning): (.*)");

    private LlvmMc() {}

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
    static Path require(String name) {
        Optional<Path> path = tool(name);
        if (path.isEmpty()) {
            String message = name + " not found on PATH: the AArch64 encoding oracle is missing; install it with"
                    + " 'apt-get install llvm' (scripts/test does so when run as root)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return path.get();
    }

    private record Run(String out, String err, int status) {}

    private static Run run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            // Read both streams fully; llvm-mc's output for a large corpus exceeds a pipe buffer.
            var err = new java.io.ByteArrayOutputStream();
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
     * The word LLVM encodes for each line (one instruction per line, no labels). A line LLVM
     * rejects fails the test with LLVM's message: the corpus must hold only valid instructions.
     */
    static List<Integer> encode(List<String> lines) {
        Path mc = require("llvm-mc");
        Run run = run(List.of(mc.toString(), "-triple=aarch64", "-mattr=+lse", "-show-encoding"),
                String.join("\n", lines) + "\n");
        Matcher diagnostic = DIAGNOSTIC.matcher(run.err());
        if (diagnostic.find() || run.status() != 0) {
            fail("llvm-mc rejected the corpus (exit " + run.status() + "): " + run.err().lines().limit(10).toList());
        }
        List<Integer> words = new ArrayList<>();
        Matcher m = ENCODING.matcher(run.out());
        while (m.find()) {
            int word = 0;
            for (int b = 0; b < 4; b++) {
                word |= Integer.decode(m.group(b + 1)) << (8 * b);
            }
            words.add(word);
        }
        if (words.size() != lines.size()) {
            fail("llvm-mc gave " + words.size() + " encodings for " + lines.size() + " lines");
        }
        return words;
    }

    /**
     * LLVM's text for each word, or null for a word LLVM cannot decode. Whitespace is folded to
     * single spaces and trailing {@code //} comments dropped.
     */
    static List<String> disassemble(List<Integer> words) {
        Path mc = require("llvm-mc");
        StringBuilder input = new StringBuilder();
        for (int word : words) {
            input.append(String.format("0x%02x 0x%02x 0x%02x 0x%02x%n", word & 0xff, (word >>> 8) & 0xff,
                    (word >>> 16) & 0xff, word >>> 24));
        }
        Run run = run(List.of(mc.toString(), "-triple=aarch64", "-mattr=+lse", "-disassemble"), input.toString());
        Map<Integer, Boolean> invalid = new HashMap<>();
        Matcher diagnostic = DIAGNOSTIC.matcher(run.err());
        while (diagnostic.find()) {
            invalid.put(Integer.parseInt(diagnostic.group(1)), true);
        }
        List<String> texts = new ArrayList<>();
        List<String> out = run.out().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith(".text")).toList();
        int next = 0;
        for (int i = 0; i < words.size(); i++) {
            if (invalid.containsKey(i + 1)) {
                texts.add(null);
            } else {
                texts.add(normalize(out.get(next++)));
            }
        }
        return texts;
    }

    /** Folds whitespace and drops a trailing {@code //} comment, so texts compare by content. */
    static String normalize(String text) {
        int comment = text.indexOf("//");
        String code = comment >= 0 ? text.substring(0, comment) : text;
        return code.strip().replaceAll("\\s+", " ");
    }

    /**
     * The bytes of the {@code .text} section LLVM assembles from {@code source}: what
     * {@code llvm-mc -filetype=obj} and {@code llvm-objcopy -O binary --only-section=.text} give.
     */
    static byte[] assembleObject(String source) {
        Path mc = require("llvm-mc");
        Path objcopy = require("llvm-objcopy");
        try {
            Path dir = Files.createTempDirectory("stitch-llvm");
            try {
                Path in = dir.resolve("t.s");
                Path obj = dir.resolve("t.o");
                Path bin = dir.resolve("t.bin");
                Files.writeString(in, source);
                Run asm = run(List.of(mc.toString(), "-triple=aarch64", "-mattr=+lse", "-filetype=obj", in.toString(),
                        "-o", obj.toString()), "");
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
