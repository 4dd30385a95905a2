package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed API of {@link IntegerInstructions}: the {@code mov64} macro, labels, and forms the text cannot show. */
class IntegerApiTest {
    private static List<Integer> words(A64Assembler asm) {
        byte[] bytes = asm.finish().toByteArray();
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 4) {
            words.add((bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16
                    | (bytes[i + 3] & 0xff) << 24);
        }
        return words;
    }

    /** Runs a sequence of movz/movn/movk and orr-with-zr words on one register, as the CPU would. */
    private static long interpret(List<Integer> words, boolean wide) {
        long value = 0;
        for (int word : words) {
            int hw = (word >>> 21) & 3;
            long imm16 = (word >>> 5) & 0xffff;
            if ((word & 0x7f80_0000) == 0x5280_0000) { // movz
                value = imm16 << (16 * hw);
            } else if ((word & 0x7f80_0000) == 0x1280_0000) { // movn
                value = ~(imm16 << (16 * hw));
            } else if ((word & 0x7f80_0000) == 0x7280_0000) { // movk
                value = (value & ~(0xffffL << (16 * hw))) | imm16 << (16 * hw);
            } else if ((word & 0x7f80_03e0) == 0x3200_03e0) { // orr rd, zr, #bitmask
                value = BitmaskImmediate.decode((word >>> 22) & 1, (word >>> 16) & 63, (word >>> 10) & 63, wide);
            } else {
                throw new AssertionError(String.format("unexpected word %08x", word));
            }
            if (!wide) {
                value &= 0xffff_ffffL;
            }
        }
        return value;
    }

    /** The length of the sequence the macro promises: 1 when one instruction does, else the fewer fix-ups. */
    private static int expectedLength(long value, boolean wide) {
        int chunks = wide ? 4 : 2;
        int nonZero = 0;
        int nonOnes = 0;
        for (int i = 0; i < chunks; i++) {
            long chunk = (value >>> (16 * i)) & 0xffff;
            nonZero += chunk != 0 ? 1 : 0;
            nonOnes += chunk != 0xffff ? 1 : 0;
        }
        if (nonZero <= 1 || nonOnes <= 1 || BitmaskImmediate.encode(value, wide) >= 0) {
            return 1;
        }
        return Math.min(nonZero, nonOnes);
    }

    @Test
    void mov64LoadsEveryValueWithTheShortestSequence() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 0xffffL, 0x10000L, 0xffff_0000L, 0x1234_5678L,
                0x1234_5678_9abc_def0L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffff_ffff_0000_0000L, 0x5555_5555_5555_5555L,
                0xffff_1234_ffff_5678L, 0x0000_1234_0000_5678L, 0x8000_0000_0000_0001L));
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            long v = random.nextLong();
            // Make zero and all-ones chunks common, as in real constants.
            for (int c = 0; c < 4; c++) {
                int pick = random.nextInt(4);
                if (pick == 0) {
                    v &= ~(0xffffL << (16 * c));
                } else if (pick == 1) {
                    v |= 0xffffL << (16 * c);
                }
            }
            values.add(v);
        }
        for (long v : values) {
            A64Assembler asm = new A64Assembler();
            asm.mov64(X7, v);
            List<Integer> words = words(asm);
            assertThat(interpret(words, true)).as("value of %x", v).isEqualTo(v);
            assertThat(words).as("sequence for %x", v).hasSize(expectedLength(v, true));
            assertThat(words).allSatisfy(w -> assertThat(w & 31).isEqualTo(7));

            long low = v & 0xffff_ffffL;
            A64Assembler narrow = new A64Assembler();
            narrow.mov64(W3, low);
            List<Integer> narrowWords = words(narrow);
            assertThat(interpret(narrowWords, false)).as("value of %x in w3", low).isEqualTo(low);
            assertThat(narrowWords).hasSize(expectedLength(low, false));
        }
    }

    @Test
    void mov64SequencesAreWhatLlvmAssembles() {
        List<String> lines = new ArrayList<>();
        List<Integer> ours = new ArrayList<>();
        for (long v : new long[] {0x1234_5678_9abc_def0L, 0xffff_1234_ffff_5678L, 0x0000_1234_0000_5678L, -2L,
                0x5555_5555_5555_5555L}) {
            A64Assembler asm = new A64Assembler();
            asm.mov64(X1, v);
            for (int word : words(asm)) {
                ours.add(word);
                lines.add(A64Disassembler.disassemble(word));
            }
        }
        assertThat(LlvmMc.encode(lines)).isEqualTo(ours);
    }

    @Test
    void adrReachesLabelsForwardAndBackward() {
        String source = """
                back:
                  adr x0, back
                  adr x1, fwd
                  nop
                  adr x2, back
                fwd:
                  adr x30, fwd
                """;
        byte[] stitch = A64TextAssembler.assemble(source.replace("nop", ".word 0xd503201f"), "labels.s").bytes();
        assertThat(stitch).isEqualTo(LlvmMc.assembleObject(source));

        A64Assembler asm = new A64Assembler();
        Label ahead = asm.newLabel();
        Label behind = asm.newLabel();
        asm.bind(behind);
        asm.adr(X3, ahead).adr(X4, behind);
        asm.bind(ahead);
        assertThat(words(asm)).containsExactly(0x1000_0043, 0x10ff_ffe4);
    }

    @Test
    void adrpEncodesTheDistanceBetweenPages() {
        A64Assembler asm = new A64Assembler(CodeBuffer.growable(), 0x1000_0ff8L);
        Label target = asm.newLabel();
        Label before = asm.newLabel();
        asm.bind(before);
        asm.adrp(X5, target); // at 0x10000ff8, page 0x10000000
        asm.adrp(X6, before); // at 0x10000ffc, same page: 0
        asm.emit(0xd503201f); // 0x10001000
        asm.bind(target); // 0x10001004, page 0x10001000: one page ahead
        List<Integer> words = words(asm);
        assertThat(IntegerDecoder.decode(words.get(0))).isEqualTo("adrp x5, #4096");
        assertThat(IntegerDecoder.decode(words.get(1))).isEqualTo("adrp x6, #0");
    }

    @Test
    void adrpAndAdrTakeLabelsInText() {
        String source = """
                  adrp x9, later
                  adr x10, later
                  .p2align 12
                later:
                  adrp x11, later
                """;
        byte[] bytes = A64TextAssembler.assemble(source, "pages.s").bytes();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(IntegerDecoder.decode(buffer.getInt(0))).isEqualTo("adrp x9, #4096");
        assertThat(IntegerDecoder.decode(buffer.getInt(4))).isEqualTo("adr x10, #4092");
        assertThat(IntegerDecoder.decode(buffer.getInt(4096))).isEqualTo("adrp x11, #0");
    }

    @Test
    void adrOutOfReachFailsAtFinish() {
        A64Assembler asm = new A64Assembler();
        Label far = asm.newLabel("far");
        asm.adr(X0, far);
        for (int i = 0; i < (1 << 18); i++) {
            asm.emit(0xd503201f);
        }
        asm.bind(far);
        assertThatThrownBy(asm::finish)
                .isInstanceOf(A64EncodingException.class)
                .hasMessageContaining("adr x0, far")
                .hasMessageContaining("1048580 bytes away, out of range")
                .hasMessageContaining("-1048576..1048575");

        A64Assembler back = new A64Assembler();
        Label start = back.newLabel("start");
        back.bind(start);
        for (int i = 0; i < (1 << 18) + 1; i++) {
            back.emit(0xd503201f);
        }
        assertThatThrownBy(() -> back.adr(X1, start))
                .hasMessageContaining("-1048580 bytes away, out of range");
    }

    @Test
    void apiFormsMatchTheirText() {
        A64Assembler asm = new A64Assembler();
        asm.add(SP, SP, 16).sub(X0, SP, 4096).add(X1, X2, X3, Shift.LSR, 7).add(X1, SP, W3, Extend.SXTW, 2)
                .cmp(X0, 4095).cmn(W1, W2, Shift.ASR, 31).mov(X29, SP).mov(X0, X1).mov(W0, -1L)
                .and(X0, X1, 0xff).tst(W2, 0x8000_0000L).bic(X0, X1, X2, Shift.ROR, 63)
                .movz(X0, 0xbeef, 48).movk(W0, 1, 16).adr(X0, -4).adrp(X1, 8192)
                .lsl(X0, X1, 63).asr(W0, W1, 31).ubfx(X0, X1, 60, 4).bfc(W3, 4, 28).sxtw(X0, W1).uxtb(W0, W1)
                .extr(X0, X1, X2, 17).ror(W0, W1, 1).smull(X0, W1, W2).umulh(X0, X1, X2).msub(W0, W1, W2, W3)
                .udiv(X0, X1, X2).rorv(W0, W1, W2).rev(X0, X1).rev32(X0, X1).cls(W0, W1)
                .cset(X0, Condition.LO).cinc(W0, W1, Condition.GE).csneg(X0, X1, X2, Condition.MI)
                .ccmp(X0, 31, 15, Condition.NE).ccmn(W0, W1, 0, Condition.AL).ngcs(X0, X1).adcs(W0, W1, W2);
        List<Integer> words = words(asm);
        List<String> text = new ArrayList<>();
        for (int word : words) {
            text.add(A64Disassembler.disassemble(word));
        }
        assertThat(text).containsExactly("add sp, sp, #16", "sub x0, sp, #1, lsl #12", "add x1, x2, x3, lsr #7",
                "add x1, sp, w3, sxtw #2", "cmp x0, #4095", "cmn w1, w2, asr #31", "mov x29, sp", "mov x0, x1",
                "mov w0, #-1", "and x0, x1, #0xff", "tst w2, #0x80000000", "bic x0, x1, x2, ror #63",
                "mov x0, #-4688528687069396992", "movk w0, #1, lsl #16", "adr x0, #-4", "adrp x1, #8192",
                "lsl x0, x1, #63", "asr w0, w1, #31", "lsr x0, x1, #60", "bfi w3, wzr, #4, #28", "sxtw x0, w1",
                "uxtb w0, w1", "extr x0, x1, x2, #17", "ror w0, w1, #1", "smull x0, w1, w2", "umulh x0, x1, x2",
                "msub w0, w1, w2, w3", "udiv x0, x1, x2", "ror w0, w1, w2", "rev x0, x1", "rev32 x0, x1",
                "cls w0, w1", "cset x0, lo", "cinc w0, w1, ge", "csneg x0, x1, x2, mi", "ccmp x0, #31, #15, ne",
                "ccmn w0, w1, #0, al", "ngcs x0, x1", "adcs w0, w1, w2");
        assertThat(LlvmMc.encode(text)).isEqualTo(words);
    }

    @Test
    void bitmaskImmediateRoundTripsEveryEncoding() {
        int count = 0;
        for (boolean wide : new boolean[] {true, false}) {
            for (int n = 0; n <= 1; n++) {
                for (int immr = 0; immr < 64; immr++) {
                    for (int imms = 0; imms < 64; imms++) {
                        if (!BitmaskImmediate.isValid(n, immr, imms, wide) || (!wide && (immr > 31 || imms > 31))) {
                            continue;
                        }
                        long value = BitmaskImmediate.decode(n, immr, imms, wide);
                        int bits = BitmaskImmediate.encode(value, wide);
                        assertThat(BitmaskImmediate.decode(bits >>> 12, (bits >>> 6) & 63, bits & 63, wide))
                                .isEqualTo(value);
                        count++;
                    }
                }
            }
        }
        assertThat(count).as("valid encodings of both widths").isGreaterThan(5334);
        assertThat(BitmaskImmediate.encode(0, true)).isEqualTo(-1);
        assertThat(BitmaskImmediate.encode(-1, false)).isEqualTo(-1);
        assertThat(BitmaskImmediate.encode(0x1234, true)).isEqualTo(-1);
    }
}
