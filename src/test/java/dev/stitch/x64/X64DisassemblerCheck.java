package dev.stitch.x64;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares Stitch's decoding of instruction encodings with {@code llvm-mc}'s, in one llvm-mc run
 * per batch: each encoding must decode as exactly one instruction of its full length, with
 * LLVM's text. Mismatches are collected and reported together, with the bytes.
 */
final class X64DisassemblerCheck {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final int REPORTED = 40;

    private X64DisassemblerCheck() {}

    static byte[] concat(List<byte[]> encodings) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        encodings.forEach(stream::writeBytes);
        return stream.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /**
     * Decodes each encoding with Stitch inside the concatenated stream (at its address there)
     * and checks length and text against LLVM's disassembly of the same stream. Returns Stitch's
     * texts, in order.
     */
    static List<String> decodesLikeLlvm(List<byte[]> encodings) {
        byte[] stream = concat(encodings);
        List<String> warnings = new ArrayList<>();
        List<String> llvm = X64LlvmMc.disassemble(stream, warnings);
        assertThat(warnings).as("llvm-mc warnings: every encoding of the corpus must be valid").isEmpty();
        assertThat(llvm).as("llvm-mc decodes one instruction per encoding").hasSize(encodings.size());
        List<String> texts = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < encodings.size(); i++) {
            byte[] encoding = encodings.get(i);
            X64Instruction decoded = X64Disassembler.decode(stream, offset, 0x1000);
            if (decoded.length() != encoding.length || !decoded.text().equals(llvm.get(i))) {
                mismatches.add(hex(encoding) + ": llvm '" + llvm.get(i) + "', stitch '" + decoded.text()
                        + "' (" + decoded.length() + " bytes)");
            }
            texts.add(decoded.text());
            offset += encoding.length;
        }
        assertThat(mismatches.subList(0, Math.min(REPORTED, mismatches.size()))).as("%d of %d encodings decode differently from llvm-mc, first ones",
                mismatches.size(), encodings.size()).isEmpty();
        return texts;
    }

    /** LLVM encodes the corpus, Stitch decodes it like LLVM, and LLVM re-encodes Stitch's text to the same bytes. */
    static int roundTrip(List<String> lines) {
        List<byte[]> encodings = X64LlvmMc.encode(lines);
        List<String> texts = decodesLikeLlvm(encodings);
        List<byte[]> again = X64LlvmMc.encode(texts);
        List<String> different = new ArrayList<>();
        for (int i = 0; i < encodings.size(); i++) {
            if (!java.util.Arrays.equals(encodings.get(i), again.get(i))) {
                different.add(lines.get(i) + " -> " + hex(encodings.get(i)) + " -> '" + texts.get(i) + "' -> "
                        + hex(again.get(i)));
            }
        }
        assertThat(different.subList(0, Math.min(REPORTED, different.size())))
                .as("%d texts re-assemble to other bytes, first ones", different.size()).isEmpty();
        return lines.size();
    }
}
