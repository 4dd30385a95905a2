package dev.stitch.a64;

import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.Oracle;
import dev.stitch.fuzz.Text;
import dev.stitch.testing.LlvmTools;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The round trip word → {@link A64Disassembler} text → {@link A64TextAssembler} → word, and the
 * judgement of the words that do not make it back, for the fuzzers.
 *
 * <p>Some words cannot make it back, and llvm-mc treats them alike: encodings with bits the
 * architecture ignores (a logical immediate's {@code immr} bits above its element size, the
 * {@code Ra} and {@code o0} fields of {@code umulh}) print as the canonical instruction, which
 * assembles to the canonical word; unpredictable encodings ({@code ldp w15, w3, [x15], #188},
 * {@code stxp w3, w28, w16, [x3]}) print, and the assembler refuses them. So a word that fails
 * the round trip is a suspect, and {@link #judge} asks llvm-mc, in one batch for all suspects of
 * a run, whether it decodes the word to the same text, and assembles that text as Stitch does
 * (to the same word, or not at all). Only a suspect where Stitch and LLVM part is a failure, with
 * one exception by design: Stitch's assembler refuses every constrained-unpredictable form it
 * knows, saying "(unpredictable)", where llvm-mc refuses only some ({@code ldp x1, x2, [x2], #16})
 * and assembles others ({@code ldp w0, w0, [x2], #-60}, {@code ldpsw x27, x23, [x23], #152}).
 */
final class A64RoundTrip {
    private static final Pattern DIAGNOSTIC = Pattern.compile("<stdin>:(\\d+):\\d+: (error|warning): (.*)");
    private static final Pattern ENCODING = Pattern.compile(
            "encoding: \\[(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2}),(0x[0-9a-f]{2})\\]");

    private A64RoundTrip() {}

    /** A word whose disassembly did not assemble back to it: {@code again} is what it assembled to, or null if refused. */
    record Suspect(int word, String text, Integer again, String refusal, String from) {
        String describe() {
            return String.format("%08x (from %s) disassembles to '%s', which Stitch's text assembler %s", word, from,
                    text, again != null ? String.format("assembles to %08x", again) : "refuses: " + refusal);
        }
    }

    /**
     * The round trip of {@code word}: null if it makes it back; a suspect if not; a failure (in
     * {@code failure[0]}) if the disassembler throws or prints an empty text or control characters.
     */
    static Suspect check(int word, String from, Findings.Failure[] failure) {
        String text;
        try {
            text = A64Disassembler.disassemble(word);
        } catch (Throwable t) {
            failure[0] = new Findings.Failure("disassemble: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    String.format("disassembling %08x (from %s) threw %s", word, from, t), t);
            return null;
        }
        if (text == null || text.isBlank() || text.chars().anyMatch(Character::isISOControl)) {
            failure[0] = new Findings.Failure("disassemble: empty text or control characters", String.format(
                    "%08x (from %s) disassembles to %s", word, from, Text.quote(String.valueOf(text))), null);
            return null;
        }
        byte[] again;
        try {
            again = A64TextAssembler.assemble(text, "roundtrip.s").bytes();
        } catch (A64SyntaxException e) {
            return new Suspect(word, text, null, e.getMessage().lines().findFirst().orElse(""), from);
        } catch (Throwable t) {
            failure[0] = new Findings.Failure("round trip: assembling the disassembly threw " + t.getClass().getName()
                    + " at " + Oracle.origin(t), String.format("%08x (from %s) disassembles to '%s'; assembling that threw %s",
                    word, from, text, t), t);
            return null;
        }
        if (again.length == 4 && A64TextAssemblerFuzzTest.word(again, 0) == word) {
            return null;
        }
        if (again.length != 4) {
            failure[0] = new Findings.Failure("round trip: disassembly assembles to " + again.length + " bytes",
                    String.format("%08x (from %s) disassembles to '%s', %d bytes when assembled", word, from, text,
                            again.length), null);
            return null;
        }
        return new Suspect(word, text, A64TextAssemblerFuzzTest.word(again, 0), null, from);
    }

    /** The suspects whose round trip fails where LLVM's does not, each as a failure; the others are what llvm-mc does too. */
    static List<Findings.Failure> judge(List<Suspect> suspects) {
        List<Findings.Failure> failures = new ArrayList<>();
        if (suspects.isEmpty()) {
            return failures;
        }
        List<String> llvmText = llvmDisassemble(suspects);
        List<Integer> llvmWord = llvmEncode(suspects.stream().map(Suspect::text).toList());
        for (int i = 0; i < suspects.size(); i++) {
            Suspect s = suspects.get(i);
            String mnemonic = s.text().split(" ", 2)[0];
            if (llvmText.get(i) == null) {
                failures.add(new Findings.Failure("round trip: llvm-mc does not decode a word Stitch decodes (" + mnemonic
                        + ")", s.describe() + "; llvm-mc cannot decode the word", null));
            } else if (!llvmText.get(i).equals(LlvmMc.normalize(s.text()))) {
                failures.add(new Findings.Failure("round trip: Stitch's text differs from llvm-mc's (" + mnemonic + ")",
                        s.describe() + "; llvm-mc prints '" + llvmText.get(i) + "'", null));
            } else if (s.again() == null && llvmWord.get(i) != null && !s.refusal().contains("unpredictable")) {
                failures.add(new Findings.Failure("round trip: Stitch refuses what llvm-mc assembles (" + mnemonic + ")",
                        s.describe() + String.format("; llvm-mc assembles it to %08x", llvmWord.get(i)), null));
            } else if (s.again() != null && !s.again().equals(llvmWord.get(i))) {
                failures.add(new Findings.Failure("round trip: Stitch assembles the text unlike llvm-mc (" + mnemonic + ")",
                        s.describe() + "; llvm-mc " + (llvmWord.get(i) == null ? "refuses it"
                                : String.format("assembles it to %08x", llvmWord.get(i))), null));
            } else {
                failures.add(null); // what LLVM does too
            }
        }
        return failures;
    }

    /** LLVM's text for each suspect's word (normalised), or null where it reports the encoding invalid. */
    private static List<String> llvmDisassemble(List<Suspect> suspects) {
        StringBuilder input = new StringBuilder();
        for (Suspect s : suspects) {
            int w = s.word();
            input.append(String.format("0x%02x 0x%02x 0x%02x 0x%02x%n", w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff,
                    w >>> 24));
        }
        LlvmTools.Run run = LlvmTools.run(List.of(LlvmTools.require("llvm-mc").toString(), "-triple=aarch64",
                "-mattr=+lse", "-disassemble"), input.toString());
        Set<Integer> errors = diagnosed(run.err(), "error");
        List<String> out = run.out().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith(".text")).toList();
        List<String> texts = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < suspects.size(); i++) {
            // a warning ("potentially undefined instruction encoding") still prints the instruction
            texts.add(errors.contains(i + 1) ? null : LlvmMc.normalize(out.get(next++)));
        }
        return texts;
    }

    /** LLVM's word for each line, or null where it refuses the line. */
    private static List<Integer> llvmEncode(List<String> lines) {
        LlvmTools.Run run = LlvmTools.run(List.of(LlvmTools.require("llvm-mc").toString(), "-triple=aarch64",
                "-mattr=+lse", "-show-encoding"), String.join("\n", lines) + "\n");
        Set<Integer> errors = diagnosed(run.err(), "error");
        Matcher m = ENCODING.matcher(run.out());
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (errors.contains(i + 1) || !m.find()) {
                words.add(null);
                continue;
            }
            int word = 0;
            for (int b = 0; b < 4; b++) {
                word |= Integer.decode(m.group(b + 1)) << (8 * b);
            }
            words.add(word);
        }
        return words;
    }

    private static Set<Integer> diagnosed(String err, String kind) {
        Set<Integer> lines = new HashSet<>();
        Matcher d = DIAGNOSTIC.matcher(err);
        while (d.find()) {
            if (d.group(2).equals(kind)) {
                lines.add(Integer.parseInt(d.group(1)));
            }
        }
        return lines;
    }
}
