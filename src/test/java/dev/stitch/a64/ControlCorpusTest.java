package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated corpora of the branch, exception generation and system group, each checked against
 * {@code llvm-mc} in one batch per test: every mnemonic and operand form, the edges of every
 * offset and immediate range, every register number including 31, both widths.
 */
class ControlCorpusTest {
    private static final String[] CONDITIONS = {
        "eq", "ne", "hs", "cs", "lo", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    /** x0..x30 and xzr (or the w views). */
    private static List<String> registers(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            names.add(prefix + i);
        }
        names.add(prefix + "zr");
        return names;
    }

    /** The edges of a signed, 4-byte-aligned offset range of {@code bits} words, and some between. */
    private static List<Long> offsets(int bits, Random random, int between) {
        long max = ((1L << (bits - 1)) - 1) * 4;
        long min = -(1L << (bits - 1)) * 4;
        List<Long> values = new ArrayList<>(List.of(min, min + 4, -8L, -4L, 0L, 4L, 8L, max - 4, max));
        for (int i = 0; i < between; i++) {
            values.add((random.nextLong(min / 4, max / 4 + 1)) * 4);
        }
        return values;
    }

    @Test
    void branchesMatchLlvm() {
        Random random = new Random(4);
        List<String> lines = new ArrayList<>();
        for (long offset : offsets(26, random, 40)) {
            lines.add("b #" + offset);
            lines.add("bl #" + offset);
        }
        for (String cond : CONDITIONS) {
            for (long offset : offsets(19, random, 6)) {
                lines.add("b." + cond + " #" + offset);
                lines.add("b" + cond + " #" + offset);
            }
        }
        for (String prefix : new String[] {"x", "w"}) {
            for (String reg : registers(prefix)) {
                for (long offset : offsets(19, random, 2)) {
                    lines.add("cbz " + reg + ", #" + offset);
                    lines.add("cbnz " + reg + ", #" + offset);
                }
            }
        }
        for (String reg : registers("x")) {
            for (int bit = 0; bit < 64; bit++) {
                long offset = offsets(14, random, 1).get(bit % 10);
                lines.add((bit % 2 == 0 ? "tbz " : "tbnz ") + reg + ", #" + bit + ", #" + offset);
            }
        }
        for (String reg : registers("w")) {
            for (int bit = 0; bit < 32; bit++) {
                long offset = offsets(14, random, 1).get(bit % 10);
                lines.add((bit % 2 == 1 ? "tbz " : "tbnz ") + reg + ", #" + bit + ", #" + offset);
            }
        }
        for (long offset : offsets(14, random, 10)) {
            lines.add("tbz x3, #63, #" + offset);
            lines.add("tbnz w7, #31, #" + offset);
        }
        for (String reg : registers("x")) {
            lines.add("br " + reg);
            lines.add("blr " + reg);
            lines.add("ret " + reg);
        }
        lines.addAll(List.of("ret", "ret lr", "br lr", "blr fp", "RET X3", "B.EQ #8", "BNE #-8", "CBZ W0, #4",
                "TBNZ X1, #40, #-4", "bl #0x10", "b #-0x20", "b.cs #0x7fffc", "cbnz x5, #+8"));
        Corpus.check(lines);
    }

    @Test
    void hintsAndBarriersMatchLlvm() {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 128; n++) {
            lines.add("hint #" + n);
        }
        lines.addAll(List.of("hint #0x7f", "hint 5", "HINT #1"));
        for (ControlInstructions.Hint hint : ControlInstructions.Hint.values()) {
            lines.add(hint.text());
        }
        lines.addAll(List.of("bti", "bti c", "bti j", "bti jc", "BTI JC", "NOP", "Yield"));
        String[] options = {"oshld", "oshst", "osh", "nshld", "nshst", "nsh", "ishld", "ishst", "ish", "ld", "st", "sy"};
        for (String mnemonic : new String[] {"dmb", "dsb"}) {
            for (String option : options) {
                lines.add(mnemonic + " " + option);
                lines.add(mnemonic.toUpperCase() + " " + option.toUpperCase());
            }
            for (int n = 0; n < 16; n++) {
                lines.add(mnemonic + " #" + n);
            }
        }
        for (int n = 0; n < 16; n++) {
            lines.add("isb #" + n);
            lines.add("clrex #" + n);
        }
        lines.addAll(List.of("isb", "isb sy", "clrex", "ssbb", "pssbb", "dmb 0xb"));
        Corpus.check(lines);
    }

    /**
     * Random words of each encoding class of the group: wherever Stitch's decoder claims a word,
     * its text must be LLVM's; the branch classes must always be claimed.
     */
    @Test
    void decoderAgreesWithLlvmOnRandomWordsOfTheGroup() {
        record Space(int base, int randomBits, boolean alwaysClaimed) {}
        List<Space> spaces = List.of(
                new Space(0x1400_0000, 0x83ff_ffff, true),   // b, bl
                new Space(0x5400_0000, 0x00ff_ffef, true),   // b.cond
                new Space(0x3400_0000, 0x81ff_ffff, true),   // cbz, cbnz
                new Space(0x3600_0000, 0x81ff_ffff, true),   // tbz, tbnz
                new Space(0xd61f_0000, 0x0020_03e0, true),   // br, blr
                new Space(0xd65f_0000, 0x0000_03e0, true),   // ret
                new Space(0xd503_201f, 0x0000_0fe0, true),   // hints
                new Space(0xd503_301f, 0x0000_0fe0, false),  // barriers (some op2 values are not Stitch's)
                new Space(0xd508_7000, 0x0007_0fff, false),  // sys with CRn = c7 (dc, ic)
                new Space(0xd500_401f, 0x0007_0fe0, false),  // PSTATE
                new Space(0xd400_0000, 0x00ff_ffff, false),  // exception generation
                new Space(0x0000_0000, 0x0000_ffff, true));  // udf
        Random random = new Random(444);
        List<Integer> words = new ArrayList<>();
        List<Boolean> claimed = new ArrayList<>();
        for (Space space : spaces) {
            for (int i = 0; i < 300; i++) {
                int bits = random.nextInt();
                if (space.base() == 0xd400_0000 && i % 2 == 0) {
                    bits &= ~0x1c; // half of them with op2 = 000, the valid ones
                }
                words.add(space.base() | (bits & space.randomBits()));
                claimed.add(space.alwaysClaimed());
            }
        }
        List<String> llvm = LlvmMc.disassemble(words);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (int i = 0; i < words.size(); i++) {
            String stitch = ControlDecoder.decode(words.get(i));
            if (stitch == null) {
                if (claimed.get(i)) {
                    problems.add(String.format("%08x: stitch null, llvm '%s'", words.get(i), llvm.get(i)));
                }
                continue;
            }
            checked++;
            if (!LlvmMc.normalize(stitch).equals(llvm.get(i))) {
                problems.add(String.format("%08x: llvm '%s', stitch '%s'", words.get(i), llvm.get(i), stitch));
            }
        }
        org.assertj.core.api.Assertions.assertThat(problems).as("decoder disagreements").isEmpty();
        org.assertj.core.api.Assertions.assertThat(checked).as("words decoded").isGreaterThan(2500);
    }

    @Test
    void systemInstructionsMatchLlvm() {
        Random random = new Random(44);
        List<String> lines = new ArrayList<>();
        for (String reg : registers("x")) {
            for (String op : new String[] {"zva", "ivac", "cvac", "cvau", "civac"}) {
                lines.add("dc " + op + ", " + reg);
            }
            lines.add("ic ivau, " + reg);
        }
        lines.addAll(List.of("ic iallu", "ic ialluis", "DC CVAU, X1", "IC IVAU, X2", "dc civac, lr"));
        for (String reg : registers("x")) {
            for (ControlInstructions.SystemRegister sysreg : ControlInstructions.SystemRegister.NAMED) {
                String name = sysreg.name().toLowerCase(java.util.Locale.ROOT);
                lines.add("mrs " + reg + ", " + name);
                if (sysreg.writable()) {
                    lines.add("msr " + name + ", " + reg);
                }
            }
        }
        for (ControlInstructions.SystemRegister r : ControlInstructions.SystemRegister.NAMED) {
            String generic = String.format("s%d_%d_c%d_c%d_%d", r.op0(), r.op1(), r.crn(), r.crm(), r.op2());
            lines.add("mrs x0, " + generic);
            lines.add("mrs x1, " + r.name());
            // spelled generically, even a read-only register is written, as llvm-mc does
            lines.add("msr " + generic + ", x2");
        }
        // The implementation defined space (op0 = 3, CRn = 11 or 15), which LLVM prints generically.
        for (int i = 0; i < 300; i++) {
            int op1 = i < 8 ? i : random.nextInt(8);
            int crn = i % 2 == 0 ? 11 : 15;
            int crm = i < 16 ? i : random.nextInt(16);
            int op2 = i < 8 ? 7 - i : random.nextInt(8);
            String name = String.format(i % 3 == 0 ? "S3_%d_C%d_C%d_%d" : "s3_%d_c%d_c%d_%d", op1, crn, crm, op2);
            int rt = random.nextInt(32);
            String reg = rt == 31 ? "xzr" : "x" + rt;
            lines.add(i % 2 == 0 ? "mrs " + reg + ", " + name : "msr " + name + ", " + reg);
        }
        int[] immediates = {0, 1, 2, 9, 10, 15, 16, 255, 256, 0x1234, 0x7fff, 0x8000, 65534, 65535};
        for (String mnemonic : new String[] {"svc", "hvc", "brk", "hlt", "dcps1", "dcps2", "udf"}) {
            for (int imm : immediates) {
                lines.add(mnemonic + " #" + imm);
                lines.add(mnemonic + " #0x" + Integer.toHexString(imm));
            }
            for (int i = 0; i < 20; i++) {
                lines.add(mnemonic + " #" + random.nextInt(65536));
            }
        }
        lines.addAll(List.of("dcps1", "dcps2", "brk 3", "SVC #0X80", "udf 0"));
        for (String field : new String[] {"daifset", "daifclr", "spsel", "DAIFSet", "SPSEL"}) {
            for (int imm = 0; imm < 16; imm++) {
                lines.add("msr " + field + ", #" + imm);
            }
        }
        Corpus.check(lines);
    }
}
