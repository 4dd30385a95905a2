package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random bytes: decoding never throws, lengths are 1..15, a stream is covered exactly, and what Stitch decodes LLVM decodes alike. */
class X64DisassemblerFuzzTest {
    /** Bytes that start the instructions Stitch decodes, so random streams hit them often. */
    private static final int[] LIKELY = {0x48, 0x49, 0x4c, 0x4d, 0x41, 0x66, 0x0f, 0x89, 0x8b, 0x8d, 0x01, 0x29,
            0x39, 0x85, 0x81, 0x83, 0xc7, 0xc1, 0xf7, 0xff, 0xe8, 0xe9, 0xeb, 0x74, 0xb8, 0x50, 0x58, 0xc3, 0x90};

    private static byte[] randomCode(Random random, int size, boolean biased) {
        byte[] code = new byte[size];
        random.nextBytes(code);
        if (biased) {
            for (int i = 0; i < size; i += 1 + random.nextInt(4)) {
                code[i] = (byte) LIKELY[random.nextInt(LIKELY.length)];
            }
        }
        return code;
    }

    @Test
    void decodingNeverThrowsAndCoversTheStreamExactly() {
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            byte[] code = randomCode(random, 1 + random.nextInt(64), round % 2 == 0);
            long base = random.nextLong();
            List<X64Instruction> listing = X64Disassembler.disassemble(code, base);
            long at = base;
            for (X64Instruction instruction : listing) {
                assertThat(instruction.address()).isEqualTo(at);
                assertThat(instruction.length()).isBetween(1, 15);
                if (instruction.isUndecoded()) {
                    assertThat(instruction.length()).isEqualTo(1);
                    assertThat(instruction.text()).isEqualTo(String.format(".byte 0x%02x", code[(int) (at - base)] & 0xff));
                }
                at += instruction.length();
            }
            assertThat(at - base).isEqualTo(code.length);
            for (int offset = 0; offset < code.length; offset++) {
                X64Instruction instruction = X64Disassembler.decode(code, offset, base);
                assertThat(offset + instruction.length()).isLessThanOrEqualTo(code.length);
            }
        }
    }

    @Test
    void whatStitchDecodesInRandomCodeLlvmDecodesAlike() {
        Random random = new Random(7);
        List<byte[]> decoded = new ArrayList<>();
        for (int round = 0; round < 400; round++) {
            byte[] code = randomCode(random, 256, true);
            int offset = 0;
            for (X64Instruction instruction : X64Disassembler.disassemble(code, 0)) {
                if (!instruction.isUndecoded()) {
                    decoded.add(Arrays.copyOfRange(code, offset, offset + instruction.length()));
                }
                offset += instruction.length();
            }
        }
        assertThat(decoded.size()).isGreaterThan(10000);
        X64DisassemblerCheck.decodesLikeLlvm(decoded);
    }
}
