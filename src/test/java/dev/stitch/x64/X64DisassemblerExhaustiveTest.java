package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every opcode byte (one-byte map and {@code 0F} map) with every ModRM byte, behind the prefix
 * combinations Stitch decodes or must refuse, followed by seeded random SIB, displacement and
 * immediate bytes: whatever Stitch decodes as an instruction, llvm-mc must decode to the same
 * length and text. Stitch may refuse more than LLVM accepts (it prints {@code .byte}), never
 * print something else.
 */
class X64DisassemblerExhaustiveTest {
    private static final String[] PREFIXES = {"", "66", "2e", "66 2e", "2e 66", "66 66", "40", "41", "42",
            "44", "48", "4f", "66 48", "66 41", "2e 48", "66 2e 4d"};

    private static List<byte[]> decodedCandidates(String prefix, boolean twoByteMap, long seed) {
        byte[] prefixBytes = HexFormat.ofDelimiter(" ").parseHex(prefix);
        Random random = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<byte[]> decoded = new ArrayList<>();
        for (int opcode = 0; opcode < 256; opcode++) {
            for (int modRm = 0; modRm < 256; modRm++) {
                byte[] bytes = new byte[20];
                random.nextBytes(bytes);
                int at = 0;
                for (byte p : prefixBytes) {
                    bytes[at++] = p;
                }
                if (twoByteMap) {
                    bytes[at++] = 0x0f;
                }
                bytes[at++] = (byte) opcode;
                bytes[at] = (byte) modRm;
                X64Instruction instruction = X64Disassembler.decode(bytes, 0, 0);
                if (!instruction.isUndecoded()) {
                    byte[] encoding = Arrays.copyOf(bytes, instruction.length());
                    if (seen.add(HexFormat.of().formatHex(encoding))) {
                        decoded.add(encoding);
                    }
                }
            }
        }
        return decoded;
    }

    @Test
    void oneByteOpcodeMapDecodesLikeLlvm() {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < PREFIXES.length; i++) {
            all.addAll(decodedCandidates(PREFIXES[i], false, 1000 + i));
        }
        assertThat(all.size()).isGreaterThan(50000);
        X64DisassemblerCheck.decodesLikeLlvm(all);
    }

    @Test
    void twoByteOpcodeMapDecodesLikeLlvm() {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < PREFIXES.length; i++) {
            all.addAll(decodedCandidates(PREFIXES[i], true, 2000 + i));
        }
        assertThat(all.size()).isGreaterThan(20000);
        X64DisassemblerCheck.decodesLikeLlvm(all);
    }
}
