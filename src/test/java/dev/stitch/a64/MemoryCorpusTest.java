package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated corpora of every load/store mnemonic and operand form, checked against llvm-mc by
 * {@link Corpus#check}: bytes, disassembly text and re-assembly. Each test method is one batch.
 * Registers are varied so that every number, 31 as {@code sp}/{@code xzr}/{@code wzr} included,
 * appears in every field; immediates cover the edges of their ranges and a few values between.
 */
class MemoryCorpusTest {
    /** mnemonic, data-register prefix, log2 of the access size. */
    private record Form(String mnemonic, String unscaled, char prefix, int scale) {}

    private static final List<Form> GP_FORMS = List.of(
            new Form("ldr", "ldur", 'x', 3), new Form("ldr", "ldur", 'w', 2),
            new Form("str", "stur", 'x', 3), new Form("str", "stur", 'w', 2),
            new Form("ldrb", "ldurb", 'w', 0), new Form("strb", "sturb", 'w', 0),
            new Form("ldrh", "ldurh", 'w', 1), new Form("strh", "sturh", 'w', 1),
            new Form("ldrsb", "ldursb", 'w', 0), new Form("ldrsb", "ldursb", 'x', 0),
            new Form("ldrsh", "ldursh", 'w', 1), new Form("ldrsh", "ldursh", 'x', 1),
            new Form("ldrsw", "ldursw", 'x', 2));

    private static final List<Form> FP_FORMS = List.of(
            new Form("ldr", "ldur", 'b', 0), new Form("ldr", "ldur", 'h', 1), new Form("ldr", "ldur", 's', 2),
            new Form("ldr", "ldur", 'd', 3), new Form("ldr", "ldur", 'q', 4),
            new Form("str", "stur", 'b', 0), new Form("str", "stur", 'h', 1), new Form("str", "stur", 's', 2),
            new Form("str", "stur", 'd', 3), new Form("str", "stur", 'q', 4));

    static String reg(char prefix, int n) {
        if (n == 31 && (prefix == 'x' || prefix == 'w')) {
            return prefix + "zr";
        }
        return prefix + Integer.toString(n);
    }

    static String base(int n) {
        return n == 31 ? "sp" : "x" + n;
    }

    /** Offsets for the scaled unsigned form and the ldr-to-ldur fallback. */
    static long[] unsignedOffsets(int scale) {
        long unit = 1L << scale;
        return new long[] {0, unit, 2 * unit, 100 * unit, 2048 * unit, 4094 * unit, 4095 * unit,
                -256, -255, -1, -17, 1, 3, 127, 255};
    }

    static final long[] IMM9 = {-256, -255, -128, -1, 0, 1, 8, 127, 254, 255};

    private static void singles(List<String> lines, List<Form> forms) {
        int k = 0;
        for (Form f : forms) {
            boolean fp = "bhsdq".indexOf(f.prefix()) >= 0;
            // every register number as data and as base, plain [xn]
            for (int r = 0; r < 32; r++) {
                lines.add(f.mnemonic() + " " + reg(f.prefix(), r) + ", [" + base((r * 7 + 3) % 32) + "]");
                lines.add(f.mnemonic() + " " + reg(f.prefix(), (r * 5 + 1) % 32) + ", [" + base(r) + ", #"
                        + (r << f.scale()) + "]");
            }
            for (long offset : unsignedOffsets(f.scale())) {
                k++;
                lines.add(f.mnemonic() + " " + reg(f.prefix(), k % 32) + ", [" + base((k + 9) % 32) + ", #" + offset + "]");
            }
            for (long offset : IMM9) {
                k++;
                int rt = k % 32;
                int rn = (k + 13) % 32;
                if (!fp && rt == rn) {
                    rn = (rn + 1) % 32;
                }
                lines.add(f.unscaled() + " " + reg(f.prefix(), rt) + ", [" + base(rn) + ", #" + offset + "]");
                lines.add(f.mnemonic() + " " + reg(f.prefix(), rt) + ", [" + base(rn) + ", #" + offset + "]!");
                lines.add(f.mnemonic() + " " + reg(f.prefix(), rt) + ", [" + base(rn) + "], #" + offset);
            }
            lines.add(f.unscaled() + " " + reg(f.prefix(), 5) + ", [x6]");
            String[] modifiers = {"", ", lsl #0", ", lsl #" + f.scale(), ", sxtx", ", sxtx #0", ", sxtx #" + f.scale(),
                    ", uxtw", ", uxtw #0", ", uxtw #" + f.scale(), ", sxtw", ", sxtw #0", ", sxtw #" + f.scale()};
            for (String modifier : modifiers) {
                for (int i = 0; i < 4; i++) {
                    k++;
                    int rm = i == 0 ? 31 : (k * 3) % 32;
                    char indexPrefix = modifier.contains("w") ? 'w' : 'x';
                    lines.add(f.mnemonic() + " " + reg(f.prefix(), (k * 11) % 32) + ", [" + base((k + 5) % 32) + ", "
                            + reg(indexPrefix, rm) + modifier + "]");
                }
            }
        }
    }

    @Test
    void generalPurposeSingleRegisters() {
        List<String> lines = new ArrayList<>();
        singles(lines, GP_FORMS);
        Corpus.check(lines);
    }

    @Test
    void fpSimdSingleRegisters() {
        List<String> lines = new ArrayList<>();
        singles(lines, FP_FORMS);
        Corpus.check(lines);
    }

    @Test
    void pcRelativeLiterals() {
        List<String> lines = new ArrayList<>();
        long[] offsets = {-1048576, -1048572, -4096, -4, 0, 4, 8, 1024, 1048568, 1048572};
        String[] regs = {"x", "w", "s", "d", "q"};
        int k = 0;
        for (long offset : offsets) {
            for (String r : regs) {
                lines.add("ldr " + reg(r.charAt(0), k++ % 32) + ", #" + offset);
            }
            lines.add("ldrsw " + reg('x', k++ % 32) + ", #" + offset);
        }
        for (int r = 0; r < 32; r++) {
            lines.add("ldr " + reg('x', r) + ", #" + (r * 4));
            lines.add("ldrsw " + reg('x', r) + ", #-" + (r * 4));
            lines.add("ldr " + reg('q', r) + ", #" + (r * 8));
        }
        Corpus.check(lines);
    }

    @Test
    void pairs() {
        List<String> lines = new ArrayList<>();
        record Pair(String mnemonic, char prefix, int scale, boolean load, boolean writeBack) {}
        List<Pair> pairs = new ArrayList<>();
        for (String m : new String[] {"ldp", "stp", "ldnp", "stnp"}) {
            boolean load = m.startsWith("ld");
            boolean wb = !m.endsWith("np");
            pairs.add(new Pair(m, 'w', 2, load, wb));
            pairs.add(new Pair(m, 'x', 3, load, wb));
            pairs.add(new Pair(m, 's', 2, load, wb));
            pairs.add(new Pair(m, 'd', 3, load, wb));
            pairs.add(new Pair(m, 'q', 4, load, wb));
        }
        pairs.add(new Pair("ldpsw", 'x', 2, true, true));
        int k = 0;
        for (Pair p : pairs) {
            boolean gp = p.prefix() == 'w' || p.prefix() == 'x';
            long unit = 1L << p.scale();
            long[] offsets = {-64 * unit, -63 * unit, -unit, 0, unit, 7 * unit, 62 * unit, 63 * unit};
            for (int r = 0; r < 32; r++) {
                int rt2 = (r + 1 + r % 3) % 32;
                lines.add(p.mnemonic() + " " + reg(p.prefix(), r) + ", " + reg(p.prefix(), rt2) + ", [" + base((r * 5 + 2) % 32)
                        + "]");
            }
            for (long offset : offsets) {
                k++;
                int rt1 = k % 31;
                int rt2 = rt1 + 1;
                int rn = (k + 7) % 32;
                if (gp && (rn == rt1 || rn == rt2)) {
                    rn = 31;
                }
                String regs = p.mnemonic() + " " + reg(p.prefix(), rt1) + ", " + reg(p.prefix(), rt2) + ", [" + base(rn);
                lines.add(regs + ", #" + offset + "]");
                if (p.writeBack()) {
                    lines.add(regs + ", #" + offset + "]!");
                    lines.add(regs + "], #" + offset);
                }
            }
        }
        Corpus.check(lines);
    }

    @Test
    void exclusivesAndOrdered() {
        List<String> lines = new ArrayList<>();
        String[][] loads = {{"ldxr", "wx"}, {"ldaxr", "wx"}, {"ldar", "wx"}, {"stlr", "wx"},
                {"ldxrb", "w"}, {"ldxrh", "w"}, {"ldaxrb", "w"}, {"ldaxrh", "w"}, {"ldarb", "w"}, {"ldarh", "w"},
                {"stlrb", "w"}, {"stlrh", "w"}};
        for (String[] l : loads) {
            for (char prefix : l[1].toCharArray()) {
                for (int r = 0; r < 32; r++) {
                    lines.add(l[0] + " " + reg(prefix, r) + ", [" + base((r * 3 + 1) % 32) + (r % 5 == 0 ? ", #0]" : "]"));
                }
            }
        }
        String[][] stores = {{"stxr", "wx"}, {"stlxr", "wx"}, {"stxrb", "w"}, {"stxrh", "w"}, {"stlxrb", "w"},
                {"stlxrh", "w"}};
        for (String[] s : stores) {
            for (char prefix : s[1].toCharArray()) {
                for (int r = 0; r < 32; r++) {
                    int rs = (r + 1) % 32;
                    int rn = (r + 2) % 32;
                    if (rn == rs) {
                        rn = 31;
                    }
                    lines.add(s[0] + " " + reg('w', rs) + ", " + reg(prefix, r) + ", [" + base(rn) + "]");
                }
            }
        }
        for (String m : new String[] {"ldxp", "ldaxp", "stxp", "stlxp"}) {
            for (char prefix : "wx".toCharArray()) {
                for (int r = 0; r < 32; r++) {
                    int rt2 = (r + 3) % 32;
                    if (m.startsWith("ld")) {
                        lines.add(m + " " + reg(prefix, r) + ", " + reg(prefix, rt2) + ", [" + base((r + 1) % 32) + "]");
                    } else {
                        int rs = (r + 1) % 32;
                        int rn = (r + 2) % 32;
                        lines.add(m + " " + reg('w', rs) + ", " + reg(prefix, r) + ", " + reg(prefix, rt2) + ", ["
                                + base(rn) + "]");
                    }
                }
            }
        }
        Corpus.check(lines);
    }

    @Test
    void lseAtomics() {
        List<String> lines = new ArrayList<>();
        String[] ops = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};
        String[] orderings = {"", "a", "al", "l"};
        String[][] sizes = {{"", "w"}, {"", "x"}, {"b", "w"}, {"h", "w"}};
        int k = 0;
        for (String ordering : orderings) {
            for (String[] size : sizes) {
                char p = size[1].charAt(0);
                List<String> stems = new ArrayList<>();
                for (String op : ops) {
                    stems.add("ld" + op);
                }
                stems.add("swp");
                stems.add("cas");
                for (String stem : stems) {
                    String m = stem + ordering + size[0];
                    for (int i = 0; i < 6; i++) {
                        k++;
                        int rs = i == 0 ? 31 : k % 32;
                        int rt = i == 1 ? 31 : (k * 7 + 2) % 31;
                        int rn = i == 2 ? 31 : (k * 3 + 5) % 32;
                        lines.add(m + " " + reg(p, rs) + ", " + reg(p, rt) + ", [" + base(rn) + "]");
                    }
                }
                if (ordering.equals("") || ordering.equals("l")) {
                    for (String op : ops) {
                        for (int i = 0; i < 3; i++) {
                            k++;
                            lines.add("st" + op + ordering + size[0] + " " + reg(p, i == 0 ? 31 : k % 32) + ", ["
                                    + base(i == 1 ? 31 : (k * 5) % 32) + "]");
                        }
                    }
                }
            }
        }
        for (String ordering : orderings) {
            for (char p : "wx".toCharArray()) {
                for (int r = 0; r < 32; r += 2) {
                    int t = (r * 3 + 4) % 32;
                    lines.add("casp" + ordering + " " + reg(p, r) + ", " + reg(p, r + 1) + ", " + reg(p, t) + ", "
                            + reg(p, t + 1) + ", [" + base((r * 5 + 1) % 32) + "]");
                }
            }
        }
        for (int r = 0; r < 32; r++) {
            lines.add("ldadd " + reg('x', r) + ", " + reg('x', 31 - r) + ", [" + base(r) + "]");
            lines.add("cas " + reg('w', r) + ", " + reg('w', 31 - r) + ", [" + base((r + 4) % 32) + "]");
        }
        Corpus.check(lines);
    }
}
