package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Generated corpora of the scalar floating-point group, each checked against llvm-mc in one batch
 * per test (see {@link Corpus#check}): every mnemonic and operand form, every register number in
 * every operand position, both precisions, both general-register widths including
 * {@code xzr}/{@code wzr}, every fixed-point {@code fbits}, every {@code nzcv} and condition, and
 * every one of the 256 encodable {@code fmov} immediates.
 */
class FloatingPointCorpusTest {
    private static final String[] PRECISIONS = {"s", "d"};
    private static final String[] CONDITIONS = {"eq", "ne", "hs", "cs", "lo", "cc", "mi", "pl", "vs", "vc", "hi", "ls",
        "ge", "lt", "gt", "le", "al", "nv"};

    /** Register number {@code i} shifted by {@code step}, so every position sees every number. */
    private static int reg(int i, int step) {
        return (i + step) % 32;
    }

    private static String gp(boolean x, int code) {
        return code == 31 ? (x ? "xzr" : "wzr") : (x ? "x" : "w") + code;
    }

    @Test
    void arithmetic() {
        List<String> lines = new ArrayList<>();
        for (String p : PRECISIONS) {
            for (String m : List.of("fadd", "fsub", "fmul", "fdiv", "fnmul", "fmax", "fmin", "fmaxnm", "fminnm")) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + p + i + ", " + p + reg(i, 7) + ", " + p + reg(i, 19));
                }
            }
            for (String m : List.of("fmadd", "fmsub", "fnmadd", "fnmsub")) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + p + i + ", " + p + reg(i, 5) + ", " + p + reg(i, 13) + ", " + p + reg(i, 29));
                }
            }
            for (String m : List.of("fmov", "fabs", "fneg", "fsqrt", "frintn", "frintp", "frintm", "frintz", "frinta",
                    "frintx", "frinti")) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + p + i + ", " + p + reg(i, 11));
                }
            }
        }
        String[] all = {"h", "s", "d"};
        for (String to : all) {
            for (String from : all) {
                if (!to.equals(from)) {
                    for (int i = 0; i < 32; i++) {
                        lines.add("fcvt " + to + i + ", " + from + reg(i, 3));
                    }
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(1500);
        Corpus.check(lines);
    }

    @Test
    void compareAndSelect() {
        List<String> lines = new ArrayList<>();
        for (String p : PRECISIONS) {
            for (String m : List.of("fcmp", "fcmpe")) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + p + i + ", " + p + reg(i, 9));
                    lines.add(m + " " + p + i + ", #0.0");
                }
            }
            for (String m : List.of("fccmp", "fccmpe")) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + p + i + ", " + p + reg(i, 17) + ", #" + (i % 16) + ", "
                            + CONDITIONS[i % CONDITIONS.length]);
                }
                for (String c : CONDITIONS) {
                    lines.add(m + " " + p + "3, " + p + "30, #15, " + c);
                }
            }
            for (int i = 0; i < 32; i++) {
                lines.add("fcsel " + p + i + ", " + p + reg(i, 21) + ", " + p + reg(i, 2) + ", "
                        + CONDITIONS[(i * 7) % CONDITIONS.length]);
            }
            for (String c : CONDITIONS) {
                lines.add("fcsel " + p + "31, " + p + "0, " + p + "15, " + c.toUpperCase(Locale.ROOT));
            }
        }
        Corpus.check(lines);
    }

    @Test
    void moves() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            lines.add("fmov " + gp(false, i) + ", s" + reg(i, 4));
            lines.add("fmov " + gp(true, i) + ", d" + reg(i, 4));
            lines.add("fmov s" + i + ", " + gp(false, reg(i, 8)));
            lines.add("fmov d" + i + ", " + gp(true, reg(i, 8)));
        }
        for (String p : PRECISIONS) {
            for (int imm8 = 0; imm8 < 256; imm8++) {
                double value = FpImmediate.decode(imm8);
                lines.add("fmov " + p + (imm8 % 32) + ", #" + value);
            }
            // The other spellings LLVM accepts: decimal integers are values, hex integers raw encodings.
            for (String imm : List.of("#1", "#-2", "#31", "#-31", "#0x0", "#0x70", "#0xff", "#0x7f", "#0.125", "#-0.125",
                    "#1.0e1", "#-1.9375", "#0.1328125", "#15.5", "1.5", "#0.0", "#0", "#0.0e0")) {
                lines.add("fmov " + p + "7, " + imm);
            }
        }
        Corpus.check(lines);
    }

    @Test
    void conversions() {
        List<String> lines = new ArrayList<>();
        List<String> toGeneral = List.of("fcvtzs", "fcvtzu", "fcvtns", "fcvtnu", "fcvtas", "fcvtau", "fcvtps", "fcvtpu",
                "fcvtms", "fcvtmu");
        for (String p : PRECISIONS) {
            for (boolean x : new boolean[] {false, true}) {
                for (int i = 0; i < 32; i++) {
                    for (String m : toGeneral) {
                        lines.add(m + " " + gp(x, i) + ", " + p + reg(i, 6));
                    }
                    lines.add("scvtf " + p + i + ", " + gp(x, reg(i, 10)));
                    lines.add("ucvtf " + p + i + ", " + gp(x, reg(i, 10)));
                }
                int maxBits = x ? 64 : 32;
                for (int fbits = 1; fbits <= maxBits; fbits++) {
                    int r = fbits % 32;
                    lines.add("fcvtzs " + gp(x, r) + ", " + p + reg(r, 1) + ", #" + fbits);
                    lines.add("fcvtzu " + gp(x, reg(r, 2)) + ", " + p + reg(r, 3) + ", #" + fbits);
                    lines.add("scvtf " + p + reg(r, 4) + ", " + gp(x, reg(r, 5)) + ", #" + fbits);
                    lines.add("ucvtf " + p + reg(r, 6) + ", " + gp(x, reg(r, 7)) + ", #" + fbits);
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(1500);
        Corpus.check(lines);
    }

    /**
     * Random words from the scalar FP encoding space (bits 30:24 = 0011110 or 0011111): wherever
     * Stitch decodes a word, its text is LLVM's; and every word LLVM decodes to one of this
     * group's instructions on s, d and general registers, Stitch decodes too.
     */
    @Test
    void decoderAgreesWithLlvmOnRandomWords() {
        java.util.Random random = new java.util.Random(0x5eed_f10a7L);
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            int word = random.nextInt();
            word = (word & 0x80ff_ffff) | (random.nextInt(8) == 0 ? 0x1f00_0000 : 0x1e00_0000);
            words.add(word);
        }
        List<String> llvm = LlvmMc.disassemble(words);
        List<String> problems = new ArrayList<>();
        int decoded = 0;
        for (int i = 0; i < words.size(); i++) {
            String stitch = FloatingPointDecoder.decode(words.get(i));
            String expected = llvm.get(i);
            if (stitch != null) {
                decoded++;
                if (!LlvmMc.normalize(stitch).equals(expected)) {
                    problems.add(String.format("%08x: llvm '%s', stitch '%s'", words.get(i), expected, stitch));
                }
            } else if (expected != null && !expected.matches(".*\\bh\\d+.*")) {
                problems.add(String.format("%08x: llvm '%s', stitch null", words.get(i), expected));
            }
        }
        assertThat(problems).as("words where Stitch's decoder differs from llvm-mc").isEmpty();
        assertThat(decoded).isGreaterThan(500);
    }

    /**
     * {@code fmov} to and from the upper half of a 128-bit register, which the text syntax does
     * not parse ({@code v0.d[1]} is no scalar operand): the API's words equal LLVM's, and
     * Stitch's disassembly is LLVM's text.
     */
    @Test
    void topHalfMoves() {
        List<String> lines = new ArrayList<>();
        List<Integer> stitch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int v = reg(i, 9);
            A64Assembler asm = new A64Assembler();
            asm.fmovFromTopHalf(i == 31 ? Registers.XZR : Registers.x(i), Registers.v(v, FpWidth.Q));
            asm.fmovToTopHalf(Registers.v(v, FpWidth.Q), i == 31 ? Registers.XZR : Registers.x(i));
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(asm.finish().toByteArray())
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            stitch.add(bytes.getInt());
            stitch.add(bytes.getInt());
            lines.add("fmov " + gp(true, i) + ", v" + v + ".d[1]");
            lines.add("fmov v" + v + ".d[1], " + gp(true, i));
        }
        assertThat(stitch).isEqualTo(LlvmMc.encode(lines));
        List<String> text = new ArrayList<>();
        for (int word : stitch) {
            text.add(A64Disassembler.disassemble(word));
        }
        assertThat(text).isEqualTo(lines);
        // and the text assembler reads what the disassembler wrote
        java.nio.ByteBuffer assembled = java.nio.ByteBuffer.wrap(A64TextAssembler.assemble(String.join("\n", lines),
                "top.s").bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<Integer> words = new ArrayList<>();
        while (assembled.hasRemaining()) {
            words.add(assembled.getInt());
        }
        assertThat(words).isEqualTo(stitch);
        assertThatThrownBy(() -> A64TextAssembler.assemble("fmov v1.d[0], x2", "top.s"))
                .hasMessageContaining("fmov: element v1.d[0] is not allowed; fmov moves only the top half of a vector"
                        + " register, written vN.d[1]");
        assertThatThrownBy(() -> A64TextAssembler.assemble("fmov x0, v32.d[1]", "top.s"))
                .hasMessageContaining("vector register v32 does not exist; allowed v0..v31");
    }
}
