package dev.stitch.a64;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a corpus of instruction lines three ways against LLVM, in one llvm-mc batch each:
 * Stitch's bytes equal LLVM's; Stitch's disassembly of LLVM's words equals LLVM's own text; and
 * that text, assembled by LLVM again, gives the same words.
 */
final class Corpus {
    private Corpus() {}

    /** Stitch's word for each line, each line assembled on its own. */
    static List<Integer> stitchWords(List<String> lines) {
        List<Integer> words = new ArrayList<>();
        for (String line : lines) {
            byte[] bytes = A64TextAssembler.assemble(line, "corpus").bytes();
            assertThat(bytes).as("bytes for '%s'", line).hasSize(4);
            words.add((bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24);
        }
        return words;
    }

    static void check(List<String> lines) {
        List<Integer> llvm = LlvmMc.encode(lines);
        List<Integer> stitch = stitchWords(lines);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!llvm.get(i).equals(stitch.get(i))) {
                mismatches.add(String.format("%s: llvm %08x, stitch %08x", lines.get(i), llvm.get(i), stitch.get(i)));
            }
        }
        assertThat(mismatches).as("encodings that differ from llvm-mc").isEmpty();

        List<String> llvmText = LlvmMc.disassemble(llvm);
        List<String> stitchText = new ArrayList<>();
        for (int word : llvm) {
            stitchText.add(LlvmMc.normalize(A64Disassembler.disassemble(word)));
        }
        List<String> textMismatches = new ArrayList<>();
        for (int i = 0; i < llvm.size(); i++) {
            if (!stitchText.get(i).equals(llvmText.get(i))) {
                textMismatches.add(String.format("%08x: llvm '%s', stitch '%s'", llvm.get(i), llvmText.get(i), stitchText.get(i)));
            }
        }
        assertThat(textMismatches).as("disassembly that differs from llvm-mc's").isEmpty();

        List<Integer> again = LlvmMc.encode(stitchText);
        assertThat(again).as("Stitch's disassembly re-assembled by llvm-mc").isEqualTo(llvm);
    }
}
