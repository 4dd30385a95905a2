package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated corpora of the integer data-processing group, each checked against llvm-mc in one
 * batch by {@link Corpus#check}: every mnemonic and operand form, the edges of every immediate
 * range, every register number (31 as {@code sp} or {@code xzr} where each is allowed), both widths.
 */
class IntegerCorpusTest {
    private static final String[] SHIFTS = {"lsl", "lsr", "asr"};
    private static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};
    private static final String[] CONDITIONS = {"eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge",
            "lt", "gt", "le", "al", "nv", "cs", "cc"};

    /** Register {@code n} (taken mod 32) of the given width; 31 is sp/wsp if {@code stack}, else xzr/wzr. */
    static String r(boolean wide, int n, boolean stack) {
        n = Math.floorMod(n, 32);
        if (n == 31) {
            return stack ? (wide ? "sp" : "wsp") : (wide ? "xzr" : "wzr");
        }
        return (wide ? "x" : "w") + n;
    }

    static String z(boolean wide, int n) {
        return r(wide, n, false);
    }

    static String s(boolean wide, int n) {
        return r(wide, n, true);
    }

    private static final boolean[] WIDTHS = {true, false};

    @Test
    void addSubtract() {
        Corpus.check(addSubtractLines());
    }

    static List<String> addSubtractLines() {
        List<String> lines = new ArrayList<>();
        long[] imms = {0, 1, 2, 100, 4094, 4095, 4096, 8192, 0x7ff000, 0xfff000, 0xffe000};
        for (boolean w : WIDTHS) {
            for (String m : new String[] {"add", "adds", "sub", "subs"}) {
                boolean flags = m.endsWith("s");
                for (int i = 0; i < 32; i++) {
                    String rd = flags ? z(w, i) : s(w, i);
                    lines.add(m + " " + rd + ", " + s(w, i + 5) + ", #" + imms[i % imms.length]);
                    lines.add(m + " " + rd + ", " + s(w, 31 - i) + ", #" + (i * 131 % 4096) + ", lsl #12");
                    // shifted register
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 3) + ", " + z(w, i + 7));
                    // extended register with the lsl spelling when sp is involved
                    lines.add(m + " " + rd + ", " + s(w, 31) + ", " + z(w, i) + ", lsl #" + (i % 5));
                }
                for (long imm : new long[] {0, 4095, 0xfff000, -1, -4095, -4096, -0xfff000}) {
                    lines.add(m + " " + (flags ? z(w, 31) : s(w, 31)) + ", " + s(w, 4) + ", #" + imm);
                }
                lines.add(m + " " + z(w, 1) + ", " + s(w, 2) + ", #7, lsl #0");
                lines.add(m + " " + z(w, 1) + ", " + s(w, 2) + ", #-7, lsl #12");
                for (String shift : SHIFTS) {
                    for (int amount : w ? new int[] {0, 1, 17, 32, 63} : new int[] {0, 1, 17, 31}) {
                        lines.add(m + " " + z(w, amount) + ", " + z(w, amount + 9) + ", " + z(w, 31 - amount) + ", "
                                + shift + " #" + amount);
                    }
                }
                for (String extend : EXTENDS) {
                    for (int amount = 0; amount <= 4; amount++) {
                        boolean xrm = w && (extend.equals("uxtx") || extend.equals("sxtx"));
                        String rd = flags ? z(w, amount * 6) : s(w, amount * 6 + 1);
                        // "#0" written out for the unsigned extends, left off for the signed ones
                        String text = extend + (amount == 0 && extend.startsWith("s") ? "" : " #" + amount);
                        lines.add(m + " " + rd + ", " + s(w, 31 - amount) + ", " + z(xrm, amount * 7 + 2) + ", " + text);
                        lines.add(m + " " + rd + ", " + s(w, amount) + ", " + z(xrm, 31 - amount) + ", " + extend);
                    }
                }
                lines.add(m + " " + (flags ? z(w, 0) : s(w, 31)) + ", " + s(w, 31) + ", " + z(w, 5));
                lines.add(m + " " + (flags ? z(w, 31) : s(w, 31)) + ", " + s(w, 7) + ", " + z(w, 5));
            }
            for (String m : new String[] {"cmp", "cmn"}) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + s(w, i) + ", #" + imms[i % imms.length]);
                    lines.add(m + " " + z(w, i) + ", " + z(w, i * 5 + 1) + ", " + SHIFTS[i % 3] + " #" + (i % (w ? 64 : 32)));
                    lines.add(m + " " + s(w, i) + ", " + z(w && i % 8 % 4 == 3, 30 - i) + ", " + EXTENDS[i % 8] + " #" + (i % 5));
                    lines.add(m + " " + z(w, i) + ", " + z(w, 31 - i));
                }
                for (long imm : new long[] {-1, -4095, -4096, 4096, 0xfff000}) {
                    lines.add(m + " " + s(w, 9) + ", #" + imm);
                }
                lines.add(m + " " + s(w, 31) + ", " + z(w, 3));
                lines.add(m + " " + s(w, 31) + ", " + z(w, 3) + ", lsl #4");
                lines.add(m + " " + z(w, 4) + ", #12, lsl #12");
            }
            for (String m : new String[] {"neg", "negs"}) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 11));
                    lines.add(m + " " + z(w, i) + ", " + z(w, 31 - i) + ", " + SHIFTS[i % 3] + " #" + (w ? i * 2 : i));
                }
            }
            for (String m : new String[] {"adc", "adcs", "sbc", "sbcs"}) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 13) + ", " + z(w, i + 27));
                }
            }
            for (String m : new String[] {"ngc", "ngcs"}) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, 31 - i));
                }
            }
            for (int i = 0; i < 32; i++) {
                lines.add("mov " + s(w, 31) + ", " + s(w, i));
                lines.add("mov " + s(w, i) + ", " + s(w, 31));
            }
        }
        return lines;
    }

    @Test
    void logical() {
        Corpus.check(logicalLines());
    }

    static List<String> logicalLines() {
        List<String> lines = new ArrayList<>();
        String[] mnemonics = {"and", "bic", "orr", "orn", "eor", "eon", "ands", "bics"};
        for (boolean w : WIDTHS) {
            int step = 0;
            for (int n = 0; n <= (w ? 1 : 0); n++) {
                for (int immr = 0; immr < (w ? 64 : 32); immr++) {
                    for (int imms = 0; imms < (w ? 64 : 32); imms++) {
                        if (!BitmaskImmediate.isValid(n, immr, imms, w)) {
                            continue;
                        }
                        if (step++ % 5 != 0) {
                            continue;
                        }
                        long value = BitmaskImmediate.decode(n, immr, imms, w);
                        String hex = "#0x" + Long.toHexString(value);
                        int i = step / 5;
                        String m = new String[] {"and", "orr", "eor", "ands", "tst", "mov", "bic", "orn", "eon",
                                "bics"}[i % 10];
                        boolean flags = m.equals("ands") || m.equals("bics");
                        String inverse = "#0x" + Long.toHexString(w ? ~value : ~value & 0xffff_ffffL);
                        switch (m) {
                            case "tst" -> lines.add("tst " + z(w, i) + ", " + hex);
                            case "mov" -> lines.add("orr " + s(w, i) + ", " + z(w, 31) + ", " + hex);
                            case "bic", "orn", "eon", "bics" -> lines.add(m + " " + (flags ? z(w, i) : s(w, i)) + ", "
                                    + z(w, i + 1) + ", " + inverse);
                            default -> lines.add(m + " " + (flags ? z(w, i) : s(w, i)) + ", " + z(w, i + 1) + ", " + hex);
                        }
                    }
                }
            }
            for (String m : mnemonics) {
                for (int i = 0; i < 32; i++) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 7) + ", " + z(w, 31 - i));
                }
                for (int shift = 0; shift < 4; shift++) {
                    for (int amount : w ? new int[] {0, 1, 31, 32, 63} : new int[] {0, 1, 16, 31}) {
                        lines.add(m + " " + z(w, amount) + ", " + z(w, amount + 1) + ", " + z(w, amount + 2) + ", "
                                + new String[] {"lsl", "lsr", "asr", "ror"}[shift] + " #" + amount);
                    }
                }
            }
            for (int i = 0; i < 32; i++) {
                String shift = new String[] {"lsl", "lsr", "asr", "ror"}[i % 4] + " #" + (i % (w ? 64 : 32));
                lines.add("mov " + z(w, i) + ", " + z(w, 31 - i));
                lines.add("mvn " + z(w, i) + ", " + z(w, i + 4));
                lines.add("mvn " + z(w, i) + ", " + z(w, i + 4) + ", " + shift);
                lines.add("tst " + z(w, i) + ", " + z(w, i + 4));
                lines.add("tst " + z(w, i) + ", " + z(w, i + 4) + ", " + shift);
                lines.add("orr " + z(w, i) + ", " + z(w, 31) + ", " + z(w, i + 1) + ", " + shift);
            }
            lines.add("and " + s(w, 31) + ", " + z(w, 1) + ", #0xff");
            lines.add("tst " + z(w, 3) + ", #-2");
            lines.add("and " + z(w, 3) + ", " + z(w, 4) + ", #-256");
        }
        return lines;
    }

    @Test
    void moveWideAndImmediateMoves() {
        Corpus.check(moveWideAndImmediateMovesLines());
    }

    static List<String> moveWideAndImmediateMovesLines() {
        List<String> lines = new ArrayList<>();
        int[] imm16s = {0, 1, 2, 0x1234, 0x7fff, 0x8000, 0xfffe, 0xffff};
        for (boolean w : WIDTHS) {
            for (String m : new String[] {"movz", "movn", "movk"}) {
                for (int hw = 0; hw < (w ? 4 : 2); hw++) {
                    for (int k = 0; k < imm16s.length; k++) {
                        int reg = hw * 8 + k;
                        lines.add(m + " " + z(w, reg == 0 ? 31 : reg) + ", #" + imm16s[k]
                                + (hw == 0 && k % 2 == 0 ? "" : ", lsl #" + 16 * hw));
                    }
                }
                lines.add(m + " " + z(w, 31) + ", #0x" + Integer.toHexString(0xabcd));
            }
            for (int i = 0; i < 32; i++) {
                lines.add("mov " + z(w, i) + ", #" + (i * 977));
            }
        }
        long[] values64 = {0, 1, -1, -2, 0xffff, 0x10000, 0xffff0000L, 0xffff00000000L, 0xffff000000000000L,
                0x1234000000000000L, -0x10000, 0xffffffffffff0000L, 0x0000ffffffffffffL, 0xffffffff1234ffffL,
                0x5555555555555555L, 0xaaaaaaaaaaaaaaaaL, 0x00ff00ff00ff00ffL, 0x8000000000000000L,
                0x7fffffffffffffffL, 0x0f0f0f0f0f0f0f0fL, 0xfff0L, 0x7ffe0L, 0x3fffffffcL};
        for (long v : values64) {
            lines.add("mov x5, #" + v);
            lines.add("mov x6, #0x" + Long.toHexString(v));
        }
        long[] values32 = {0, 1, -1, -2, 0xffff, 0x10000, 0xffff0000L, 0x7fffffff, 0x80000000L, 0xfffffffeL,
                0x55555555, 0x00ff00ff, 0x1234L, 0x1234ffffL, 0x0ff0, -2147483648L};
        for (long v : values32) {
            lines.add("mov w5, #" + v);
        }
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            boolean w = i % 2 == 0;
            int size = w ? 64 : 32;
            long value = switch (i % 4) {
                case 0 -> (random.nextLong() & 0xffff) << (16 * random.nextInt(size / 16));
                case 1 -> ~((random.nextLong() & 0xffff) << (16 * random.nextInt(size / 16)));
                default -> {
                    int n = w ? random.nextInt(2) : 0;
                    int immr = random.nextInt(size);
                    int imms = random.nextInt(size);
                    while (!BitmaskImmediate.isValid(n, immr, imms, w)) {
                        imms = random.nextInt(size);
                        n = w ? random.nextInt(2) : 0;
                    }
                    yield BitmaskImmediate.decode(n, immr, imms, w);
                }
            };
            lines.add("mov " + (i % 4 < 2 ? z(w, i) : s(w, i)) + ", #" + (w ? value : (int) value));
        }
        lines.add("mov sp, #0x5555555555555555");
        lines.add("mov wsp, #0xff00ff00");
        return lines;
    }

    @Test
    void pcRelative() {
        Corpus.check(pcRelativeLines());
    }

    static List<String> pcRelativeLines() {
        List<String> lines = new ArrayList<>();
        long[] adr = {-1048576, -1048575, -4, -1, 0, 1, 2, 3, 4, 100, 65536, 1048575};
        long[] adrp = {-4294967296L, -4294963200L, -4096, 0, 4096, 8192, 1L << 31, 4294963200L};
        for (int i = 0; i < 32; i++) {
            lines.add("adr " + z(true, i) + ", #" + adr[i % adr.length]);
            lines.add("adrp " + z(true, i) + ", #" + adrp[i % adrp.length]);
        }
        return lines;
    }

    @Test
    void bitfieldAndExtract() {
        Corpus.check(bitfieldAndExtractLines());
    }

    static List<String> bitfieldAndExtractLines() {
        List<String> lines = new ArrayList<>();
        for (boolean w : WIDTHS) {
            int size = w ? 64 : 32;
            int k = 0;
            for (int immr = 0; immr < size; immr += (immr < 3 || immr > size - 4 ? 1 : 7)) {
                for (int imms = 0; imms < size; imms += (imms < 3 || imms > size - 4 ? 1 : 5)) {
                    String m = new String[] {"sbfm", "bfm", "ubfm"}[k % 3];
                    lines.add(m + " " + z(w, k) + ", " + z(w, k + 17) + ", #" + immr + ", #" + imms);
                    k++;
                }
            }
            // the aliases: every sxt/uxt with all registers, imms/immr 7, 15, 31
            for (int i = 0; i < 32; i++) {
                lines.add("sbfm " + z(w, i) + ", " + z(w, 31 - i) + ", #0, #" + new int[] {7, 15, 31}[i % 3]);
                lines.add("ubfm " + z(w, i) + ", " + z(w, 31 - i) + ", #0, #" + new int[] {7, 15, 31}[i % 3]);
            }
            for (int shift : new int[] {0, 1, 2, size / 2, size - 2, size - 1}) {
                for (String m : new String[] {"lsl", "lsr", "asr", "ror"}) {
                    lines.add(m + " " + z(w, shift) + ", " + z(w, shift + 3) + ", #" + shift);
                }
            }
            int[] lsbs = {0, 1, 5, size / 2, size - 2, size - 1};
            for (String m : new String[] {"ubfx", "sbfx", "bfxil", "ubfiz", "sbfiz", "bfi"}) {
                for (int lsb : lsbs) {
                    for (int width : new int[] {1, 2, size / 4, size - lsb - 1, size - lsb}) {
                        if (width >= 1 && width <= size - lsb) {
                            lines.add(m + " " + z(w, lsb + width) + ", " + z(w, lsb) + ", #" + lsb + ", #" + width);
                        }
                    }
                }
            }
            for (int lsb : lsbs) {
                lines.add("bfc " + z(w, lsb) + ", #" + lsb + ", #" + (size - lsb));
                lines.add("bfc " + z(w, lsb + 1) + ", #" + lsb + ", #1");
            }
            for (int i = 0; i < 32; i++) {
                lines.add("extr " + z(w, i) + ", " + z(w, i + 1) + ", " + z(w, i + 2) + ", #" + (i * 7 % size));
                lines.add("extr " + z(w, i) + ", " + z(w, 31 - i) + ", " + z(w, 31 - i) + ", #" + (size - 1 - i));
                lines.add("ror " + z(w, i) + ", " + z(w, i + 5) + ", #" + (i * 3 % size));
                lines.add("sxtb " + z(w, i) + ", " + z(false, i + 1));
                lines.add("sxth " + z(w, i) + ", " + z(false, i + 2));
                lines.add("uxtb " + z(w, i) + ", " + z(false, i + 3));
                lines.add("uxth " + z(w, i) + ", " + z(false, i + 4));
            }
        }
        for (int i = 0; i < 32; i++) {
            lines.add("sxtw " + z(true, i) + ", " + z(false, 31 - i));
            lines.add("uxtw " + z(true, i) + ", " + z(false, i + 9));
        }
        return lines;
    }

    @Test
    void multiplyDivideShiftAndBitCount() {
        Corpus.check(multiplyDivideShiftAndBitCountLines());
    }

    static List<String> multiplyDivideShiftAndBitCountLines() {
        List<String> lines = new ArrayList<>();
        for (boolean w : WIDTHS) {
            for (int i = 0; i < 32; i++) {
                lines.add("madd " + z(w, i) + ", " + z(w, i + 1) + ", " + z(w, i + 2) + ", " + z(w, i + 3));
                lines.add("msub " + z(w, i) + ", " + z(w, i + 4) + ", " + z(w, i + 5) + ", " + z(w, i + 6));
                for (String m : new String[] {"mul", "mneg", "sdiv", "udiv", "lslv", "lsrv", "asrv", "rorv", "lsl",
                        "lsr", "asr", "ror"}) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 7) + ", " + z(w, 31 - i));
                }
                for (String m : new String[] {"rbit", "rev16", "rev", "clz", "cls"}) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 9));
                }
            }
        }
        for (int i = 0; i < 32; i++) {
            for (String m : new String[] {"smaddl", "smsubl", "umaddl", "umsubl"}) {
                lines.add(m + " " + z(true, i) + ", " + z(false, i + 1) + ", " + z(false, i + 2) + ", " + z(true, i + 3));
            }
            for (String m : new String[] {"smull", "smnegl", "umull", "umnegl"}) {
                lines.add(m + " " + z(true, i) + ", " + z(false, 31 - i) + ", " + z(false, i + 5));
            }
            lines.add("smulh " + z(true, i) + ", " + z(true, i + 1) + ", " + z(true, 31 - i));
            lines.add("umulh " + z(true, i) + ", " + z(true, i + 2) + ", " + z(true, 30 - i));
            lines.add("rev32 " + z(true, i) + ", " + z(true, i + 3));
            lines.add("rev64 " + z(true, i) + ", " + z(true, i + 4));
        }
        return lines;
    }

    @Test
    void conditional() {
        Corpus.check(conditionalLines());
    }

    static List<String> conditionalLines() {
        List<String> lines = new ArrayList<>();
        for (boolean w : WIDTHS) {
            for (int i = 0; i < 32; i++) {
                String cond = CONDITIONS[i % CONDITIONS.length];
                String plain = CONDITIONS[i % 14];
                for (String m : new String[] {"csel", "csinc", "csinv", "csneg"}) {
                    lines.add(m + " " + z(w, i) + ", " + z(w, i + 1) + ", " + z(w, i + 2) + ", " + cond);
                    lines.add(m + " " + z(w, i) + ", " + z(w, 31 - i) + ", " + z(w, 31 - i) + ", " + cond);
                }
                lines.add("cset " + z(w, i) + ", " + plain);
                lines.add("csetm " + z(w, i) + ", " + plain);
                lines.add("cinc " + z(w, i) + ", " + z(w, i + 3) + ", " + plain);
                lines.add("cinv " + z(w, i) + ", " + z(w, i + 3) + ", " + plain);
                lines.add("cneg " + z(w, i) + ", " + z(w, 31 - i) + ", " + plain);
                for (String m : new String[] {"ccmp", "ccmn"}) {
                    lines.add(m + " " + z(w, i) + ", #" + i + ", #" + (i % 16) + ", " + cond);
                    lines.add(m + " " + z(w, i) + ", " + z(w, 31 - i) + ", #" + (15 - i % 16) + ", " + cond);
                }
            }
            for (String c : CONDITIONS) {
                lines.add("csinc " + z(w, 31) + ", " + z(w, 31) + ", " + z(w, 31) + ", " + c);
                lines.add("csinv " + z(w, 2) + ", " + z(w, 31) + ", " + z(w, 31) + ", " + c);
                lines.add("csneg " + z(w, 2) + ", " + z(w, 4) + ", " + z(w, 4) + ", " + c);
            }
        }
        return lines;
    }

    @Test
    void corpusCoversThousandsOfLines() {
        int total = addSubtractLines().size() + logicalLines().size() + moveWideAndImmediateMovesLines().size()
                + pcRelativeLines().size() + bitfieldAndExtractLines().size()
                + multiplyDivideShiftAndBitCountLines().size() + conditionalLines().size();
        assertThat(total).isGreaterThan(5000);
    }

    /**
     * Every field combination of the classes with many aliases (bitfield, logical immediate,
     * extended register, conditional select, move wide shifts) decodes as LLVM decodes it.
     */
    @Test
    void everyFieldCombinationOfTheAliasRichClassesDecodesAsLlvmDoes() {
        List<Integer> words = new ArrayList<>();
        for (int sf = 0; sf <= 1; sf++) {
            for (int opc = 0; opc < 3; opc++) {
                for (int immr = 0; immr < 64; immr++) {
                    for (int imms = 0; imms < 64; imms++) {
                        int rn = (immr + imms) % 3 == 0 ? 31 : 2;
                        words.add(IntegerEncoders.bitfield(sf, opc, immr, imms, rn, 1) & (sf == 1 ? -1 : ~(1 << 22)));
                    }
                }
            }
            for (int bits = 0; bits < (1 << 13); bits++) {
                int opc = bits % 4;
                int rd = bits % 7 == 0 ? 31 : 3;
                int rn = bits % 5 == 0 ? 31 : 4;
                words.add(IntegerEncoders.logicalImmediate(sf, opc, bits, rn, rd));
            }
            for (int op = 0; op <= 1; op++) {
                for (int s = 0; s <= 1; s++) {
                    for (int option = 0; option < 8; option++) {
                        for (int imm3 = 0; imm3 < 8; imm3++) {
                            for (int regs = 0; regs < 4; regs++) {
                                words.add(IntegerEncoders.addSubExtended(sf, op, s, 5, option, imm3,
                                        (regs & 1) == 0 ? 31 : 6, (regs & 2) == 0 ? 31 : 7));
                            }
                        }
                    }
                }
            }
            for (int op = 0; op <= 1; op++) {
                for (int op2 = 0; op2 <= 1; op2++) {
                    for (int cond = 0; cond < 16; cond++) {
                        for (int regs = 0; regs < 4; regs++) {
                            int rn = regs == 0 ? 31 : 8;
                            int rm = regs <= 1 ? rn : regs == 2 ? 9 : 31;
                            words.add(IntegerEncoders.conditionalSelect(sf, op, rm, cond, op2, rn, 10));
                        }
                    }
                }
            }
            for (int opc = 0; opc < 4; opc++) {
                for (int hw = 0; hw < 4; hw++) {
                    for (int imm16 : new int[] {0, 1, 0x7fff, 0x8000, 0xfffe, 0xffff}) {
                        words.add(IntegerEncoders.moveWide(sf, opc, hw, imm16, 11));
                    }
                }
            }
        }
        List<String> llvm = LlvmMc.disassemble(words);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String stitch = IntegerDecoder.decode(words.get(i));
            String expected = llvm.get(i);
            if (stitch == null ? expected != null : !LlvmMc.normalize(stitch).equals(expected)) {
                mismatches.add(String.format("%08x: llvm '%s', stitch '%s'", words.get(i), expected, stitch));
            }
        }
        assertThat(mismatches).hasSizeLessThan(1);
    }

    /**
     * Random words of every encoding class of the group: wherever Stitch decodes a word, its text
     * must be LLVM's; wherever LLVM decodes a word to one of this group's mnemonics, Stitch must
     * decode it too.
     */
    @Test
    void randomWordsDecodeAsLlvmDoes() {
        int[][] classes = {
                {0x1f00_0000, 0x1000_0000}, {0x1f80_0000, 0x1100_0000}, {0x1f80_0000, 0x1200_0000},
                {0x1f80_0000, 0x1280_0000}, {0x1f80_0000, 0x1300_0000}, {0x1f80_0000, 0x1380_0000},
                {0x1f00_0000, 0x0a00_0000}, {0x1f20_0000, 0x0b00_0000}, {0x1f20_0000, 0x0b20_0000},
                {0x1fe0_0000, 0x1a00_0000}, {0x1fe0_0000, 0x1a40_0000}, {0x1fe0_0000, 0x1a80_0000},
                {0x1fe0_0000, 0x1ac0_0000}, {0x1f00_0000, 0x1b00_0000}};
        java.util.Random random = new java.util.Random(42);
        List<Integer> words = new ArrayList<>();
        for (int[] c : classes) {
            for (int i = 0; i < 600; i++) {
                words.add((random.nextInt() & ~c[0]) | c[1]);
            }
        }
        List<String> llvm = LlvmMc.disassemble(words);
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (String line : addSubtractLines()) {
            ours.add(line.split(" ")[0]);
        }
        ours.addAll(List.of("and", "bic", "orr", "orn", "eor", "eon", "ands", "bics", "tst", "mov", "mvn", "movz",
                "movn", "movk", "adr", "adrp", "sbfx", "ubfx", "sbfiz", "ubfiz", "bfi", "bfxil", "lsl", "lsr", "asr",
                "ror", "sxtb", "sxth", "sxtw", "uxtb", "uxth", "extr", "mul", "mneg", "madd", "msub", "smaddl",
                "smsubl", "umaddl", "umsubl", "smull", "smnegl", "umull", "umnegl", "smulh", "umulh", "sdiv", "udiv",
                "rbit", "rev", "rev16", "rev32", "clz", "cls", "csel", "csinc", "csinv", "csneg", "cset", "csetm",
                "cinc", "cinv", "cneg", "ccmp", "ccmn"));
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String stitch = IntegerDecoder.decode(words.get(i));
            String expected = llvm.get(i);
            boolean llvmOurs = expected != null && ours.contains(expected.split(" ")[0]);
            if (stitch != null ? !LlvmMc.normalize(stitch).equals(expected) : llvmOurs) {
                mismatches.add(String.format("%08x: llvm '%s', stitch '%s'", words.get(i), expected, stitch));
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
