package dev.stitch.x64;

import dev.stitch.testing.LlvmTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The x86-64 LLVM oracle: {@code llvm-mc -triple=x86_64} in Intel syntax ({@code .intel_syntax
 * noprefix} in, {@code -output-asm-variant=1} out), run once per batch.
 */
final class X64LlvmMc {
    static final String INTEL = ".intel_syntax noprefix";
    private static final Pattern ENCODING = Pattern.compile("encoding: \\[([^\\]]*)\\]");
    private static final Pattern DIAGNOSTIC = Pattern.compile("<stdin>:(\\d+):\\d+: (error|warning): (.*)");

    private X64LlvmMc() {}

    /**
     * The bytes LLVM encodes for each line (one instruction per line, Intel syntax, no labels). A
     * line LLVM rejects fails the test with LLVM's message: the corpus must hold only valid lines.
     */
    static List<byte[]> encode(List<String> lines) {
        Path mc = LlvmTools.require("llvm-mc");
        LlvmTools.Run run = LlvmTools.run(List.of(mc.toString(), "-triple=x86_64", "-show-encoding",
                "-output-asm-variant=1"), INTEL + "\n" + String.join("\n", lines) + "\n");
        Matcher diagnostic = DIAGNOSTIC.matcher(run.err());
        if (diagnostic.find() || run.status() != 0) {
            fail("llvm-mc rejected the corpus (exit " + run.status() + "): " + run.err().lines().limit(10).toList());
        }
        List<byte[]> encodings = new ArrayList<>();
        Matcher m = ENCODING.matcher(run.out());
        while (m.find()) {
            String[] parts = m.group(1).split(",");
            byte[] bytes = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i].strip();
                if (!part.startsWith("0x")) {
                    fail("llvm-mc left a fixup in an encoding (" + m.group(1) + "): the corpus must not use labels");
                }
                bytes[i] = (byte) Integer.parseInt(part.substring(2), 16);
            }
            encodings.add(bytes);
        }
        if (encodings.size() != lines.size()) {
            fail("llvm-mc gave " + encodings.size() + " encodings for " + lines.size() + " lines");
        }
        return encodings;
    }

    /**
     * LLVM's Intel-syntax text for each instruction it decodes from {@code code}, in order, with
     * whitespace folded and comments dropped. Bytes it cannot decode are skipped with a warning
     * line on its stderr, returned in {@code warnings} when that list is not null.
     */
    static List<String> disassemble(byte[] code, List<String> warnings) {
        Path mc = LlvmTools.require("llvm-mc");
        StringBuilder input = new StringBuilder();
        for (byte b : code) {
            input.append(String.format("0x%02x ", b & 0xff));
        }
        LlvmTools.Run run = LlvmTools.run(List.of(mc.toString(), "-triple=x86_64", "-disassemble",
                "-output-asm-variant=1"), input.append('\n').toString());
        if (warnings != null) {
            run.err().lines().filter(l -> l.contains("warning") || l.contains("error")).forEach(warnings::add);
        }
        return run.out().lines().map(X64LlvmMc::normalize).filter(l -> !l.isEmpty() && !l.equals(".text")).toList();
    }

    /** Folds whitespace and drops a trailing {@code #} comment, so texts compare by content. */
    static String normalize(String text) {
        int comment = text.indexOf('#');
        String code = comment >= 0 ? text.substring(0, comment) : text;
        return code.strip().replaceAll("\\s+", " ");
    }

    /** The {@code .text} bytes LLVM assembles from Intel-syntax {@code source} (labels allowed). */
    static byte[] assembleObject(String source) {
        return LlvmTools.assembleObject(INTEL + "\n" + source, List.of("-triple=x86_64"));
    }
}
