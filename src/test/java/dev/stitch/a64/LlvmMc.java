package dev.stitch.a64;

import dev.stitch.testing.LlvmTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The LLVM oracle: {@code llvm-mc -triple=aarch64 -mattr=+lse}, run once per batch (the tools
 * are found by {@link LlvmTools}).
 */
final class LlvmMc {
    private static final Pattern ENCODING = Pattern.compile("encoding: \\[(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2})\\]");
    private static final Pattern DIAGNOSTIC = Pattern.compile("<stdin>:(\\d+):\\d+: (error|warning): (.*)");

    private LlvmMc() {}

    static Path require(String name) {
        return LlvmTools.require(name);
    }

    private static LlvmTools.Run run(List<String> command, String input) {
        return LlvmTools.run(command, input);
    }

    /**
     * The word LLVM encodes for each line (one instruction per line, no labels). A line LLVM
     * rejects fails the test with LLVM's message: the corpus must hold only valid instructions.
     */
    static List<Integer> encode(List<String> lines) {
        Path mc = require("llvm-mc");
        LlvmTools.Run run = run(List.of(mc.toString(), "-triple=aarch64", "-mattr=+lse", "-show-encoding"),
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
        LlvmTools.Run run = run(List.of(mc.toString(), "-triple=aarch64", "-mattr=+lse", "-disassemble"), input.toString());
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
        return LlvmTools.assembleObject(source, List.of("-triple=aarch64", "-mattr=+lse"));
    }
}
