package dev.stitch.a64;

import dev.stitch.asm.AssemblySyntaxException;
import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.FuzzRun;
import dev.stitch.fuzz.Mutator;
import dev.stitch.fuzz.Oracle;
import dev.stitch.fuzz.Text;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated AArch64 assembly through {@link A64TextAssembler}, as the hostile-input campaign did:
 * valid lines (the integer corpora of {@link IntegerCorpusTest}, Stitch's own disassembly of
 * random words, which covers every group the disassembler knows, and small programs with labels,
 * literals and directives) mutated by {@link Mutator}. For every input:
 * <ul>
 *   <li>the only exception is an {@link A64SyntaxException} with a readable message whose line
 *       and column lie inside the input;</li>
 *   <li>what assembles, assembles to the same bytes and lines a second time;</li>
 *   <li>every instruction word it produced disassembles ({@link A64Disassembler}) to text that
 *       Stitch's text assembler turns back into the same word.</li>
 * </ul>
 * Case {@code k} is generated from seed {@code base + k} (see {@link FuzzRun}); the corpus is
 * the same in every run. {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S} run other cases.
 * Every kind of failure is reported with its first case, minimised.
 */
class A64TextAssemblerFuzzTest {
    static final long DEFAULT_SEED = 20260311L;
    static final int HOST_COUNT = 20_000;
    static final int AARCH64_COUNT = 2_000;
    private static final String FILE = "fuzz.s";

    /** Programs with what single lines lack: labels, forward and backward branches, literals, data, alignment. */
    static final List<String> PROGRAMS = List.of(
            "loop: subs x0, x0, #1\n    b.ne loop\n    ret",
            "    adr x1, data\n    ldr x2, [x1, #8]\n    ret\n    .p2align 3\ndata: .quad 0x1122334455667788, -1",
            "    ldr x0, =0x123456789abcdef\n    ldr w1, =7\n    ret\n    .ltorg",
            "    .p2align 4\n    nop\n    .align 3\n    .word 0xd503201f, 17\n    .inst 0xd65f03c0",
            "    tbz x5, #63, out\n    cbnz w3, out\n    nop\nout: ret",
            "    stp x29, x30, [sp, #-16]!\n    mov x29, sp\n    bl func\n    ldp x29, x30, [sp], #16\n    ret\n"
                    + "func: mov x0, #42 ; ret",
            "    mov x0, #0x10000 ; movk x0, #0xbeef, lsl #16 // a comment\n    ret",
            "a: b b\nb: b.eq a ; b.al a\n    bl a\n    .xword 5",
            "    fmov d0, #1.5\n    fadd d0, d1, d2\n    fcvtzs x0, d0\n    scvtf s1, w2\n    ret",
            "retry: ldaxr x0, [x1]\n    add x0, x0, #1\n    stlxr w2, x0, [x1]\n    cbnz w2, retry\n    ret",
            "    mrs x0, tpidr_el0\n    msr nzcv, x1\n    dmb ish\n    isb\n    dc cvau, x0\n    ic ivau, x0",
            "    ldr x0, [x1, x2, lsl #3]\n    str w3, [x4, w5, sxtw #2]\n    ldrb w6, [x7], #1\n    ret",
            "    .text\n    adrp x0, page\n    add x0, x0, #16\n    ret\npage: .word 1, 2, 3",
            "    csel x0, x1, x2, lt ; cset w3, eq ; csinc x4, x5, x6, ne\n    ret",
            "    ubfx x0, x1, #4, #8 ; sbfiz w2, w3, #1, #3 ; extr x4, x5, x6, #17 ; ror x7, x8, #3");

    /** Tokens of the syntax worth inserting: registers, operators, directives, relocation-like spellings. */
    static final List<String> EXTRA_TOKENS = List.of("x0", "w1", "x30", "x31", "w32", "sp", "wsp", "xzr", "wzr", "lr",
            "fp", "v0", "q0", "d31", "s1", "h2", "b3", "v0.16b", "v1.2d", "#", "#-", "[", "]", "]!", ",", "!", "=",
            "lsl", "lsr", "asr", "ror", "msl", "uxtw", "sxtw", "sxtx", "uxtb", ".p2align", ".align", ".quad", ".word",
            ".inst", ".ltorg", ".pool", ".text", ".data", ":lo12:", "label:", "1:", "1f", "b.eq", "b.", "ret", "nop",
            "ldr", "str", "ldp", "movz", "movk", "add", "adds", "cmp", "tbz", "cbz", "bl", "adr", "adrp", "mrs",
            "msr", "dmb", "fmov", "#1.5", "#0.0", "#1e300", "#nan", "//", ";", "\t");

    /** The labels before a statement. */
    private static final Pattern LABELS = Pattern.compile("^(\\s*[A-Za-z0-9_.$]+:)*\\s*");

    private static volatile List<String> corpus;

    /** The seed lines: the same for every run, so that a case seed alone reproduces its input. */
    static List<String> corpus() {
        if (corpus == null) {
            List<String> lines = new ArrayList<>();
            lines.addAll(IntegerCorpusTest.addSubtractLines());
            lines.addAll(IntegerCorpusTest.logicalLines());
            lines.addAll(IntegerCorpusTest.moveWideAndImmediateMovesLines());
            lines.addAll(IntegerCorpusTest.pcRelativeLines());
            lines.addAll(IntegerCorpusTest.bitfieldAndExtractLines());
            lines.addAll(IntegerCorpusTest.multiplyDivideShiftAndBitCountLines());
            lines.addAll(IntegerCorpusTest.conditionalLines());
            lines.addAll(disassembledRandomWords(4000));
            lines.addAll(PROGRAMS);
            corpus = List.copyOf(lines);
        }
        return corpus;
    }

    /** What Stitch prints for random words that it decodes and assembles again: a sample of every group it knows. */
    static List<String> disassembledRandomWords(int wanted) {
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        while (lines.size() < wanted) {
            String text = A64Disassembler.disassemble(random.nextInt());
            if (text.startsWith(".inst")) {
                continue;
            }
            try {
                A64TextAssembler.assemble(text, "corpus.s");
                lines.add(text);
            } catch (A64SyntaxException e) {
                // unpredictable encodings print but do not assemble (see UNPREDICTABLE)
            }
        }
        return lines;
    }

    /** The input of a case: one to three seed entries, mutated once (half the cases) or up to four times. */
    static String input(Mutator mutator) {
        SplittableRandom random = mutator.random();
        int n = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(mutator.pick());
        }
        String separator = random.nextInt(4) == 0 ? " ; " : "\n";
        return mutator.mutate(String.join(separator, parts), random.nextBoolean() ? 1 : 4);
    }

    @Test
    void mutatedAssemblyAssemblesOrIsRefusedWithASyntaxError() {
        FuzzRun run = FuzzRun.of("A64TextAssemblerFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        List<String> seeds = corpus();
        List<String> pool = Mutator.pool(seeds, EXTRA_TOKENS);
        for (String seed : PROGRAMS) {
            assertThat(probe(seed)).as("seed program %s", seed).isNull();
        }
        Findings findings = new Findings(run);
        long start = System.nanoTime();
        int assembledCount = 0;
        int refused = 0;
        long words = 0;
        List<A64RoundTrip.Suspect> suspects = new ArrayList<>();
        List<long[]> suspectCases = new ArrayList<>();
        List<String> suspectInputs = new ArrayList<>();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            Mutator mutator = new Mutator(new SplittableRandom(caseSeed), seeds, pool, 10_000);
            String input = input(mutator);
            long[] assembled = new long[1];
            List<A64RoundTrip.Suspect> found = new ArrayList<>();
            Findings.Failure failure = check(input, assembled, found);
            if (failure != null) {
                findings.add(caseSeed, input, failure, A64TextAssemblerFuzzTest::probe);
            } else if (assembled[0] >= 0) {
                assembledCount++;
                words += assembled[0] / 4;
            } else {
                refused++;
            }
            for (A64RoundTrip.Suspect suspect : found) {
                suspects.add(suspect);
                suspectCases.add(new long[] {caseSeed});
                suspectInputs.add(input);
            }
        }
        List<Findings.Failure> judged = A64RoundTrip.judge(suspects);
        int asLlvm = 0;
        for (int i = 0; i < judged.size(); i++) {
            if (judged.get(i) == null) {
                asLlvm++;
            } else {
                findings.add(suspectCases.get(i)[0], suspectInputs.get(i), judged.get(i), null);
            }
        }
        String summary = run.summary(start, String.format("%d assembled (%d words round-tripped, %d of them only as"
                + " llvm-mc does: non-canonical or unpredictable encodings), %d refused; failures %s", assembledCount,
                words, asLlvm, refused, findings.signatures()));
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            // a mutator that only produces garbage, or only valid lines, tests little
            assertThat(assembledCount).as(summary).isGreaterThan(run.count() / 20);
            assertThat(refused).as(summary).isGreaterThan(run.count() / 4);
        }
    }

    /** Runs {@code input} through the text assembler and the oracle; returns what went wrong, or null. */
    static Findings.Failure probe(String input) {
        return check(input, new long[1], new ArrayList<>());
    }

    /**
     * {@link #probe}, also setting {@code assembled[0]} to the number of bytes, or -1 if refused,
     * and adding to {@code suspects} the words whose round trip failed, for {@link A64RoundTrip#judge}.
     */
    static Findings.Failure check(String input, long[] assembled, List<A64RoundTrip.Suspect> suspects) {
        A64TextAssembler.Result first;
        assembled[0] = -1;
        try {
            first = A64TextAssembler.assemble(input, FILE);
        } catch (Throwable t) {
            Findings.Failure failure = Oracle.check("assemble", t, A64SyntaxException.class);
            return failure != null ? failure : position((AssemblySyntaxException) t, input);
        }
        A64TextAssembler.Result second;
        try {
            second = A64TextAssembler.assemble(input, FILE);
        } catch (Throwable t) {
            return new Findings.Failure("assemble: refused the second time", "first assembled, then threw " + t, t);
        }
        if (!Arrays.equals(first.bytes(), second.bytes()) || !first.lines().equals(second.lines())) {
            return new Findings.Failure("assemble: nondeterministic", "two assemblies of the same text differ", null);
        }
        assembled[0] = first.bytes().length;
        byte[] bytes = first.bytes();
        for (A64TextAssembler.Line line : first.lines()) {
            String statement = LABELS.matcher(line.source()).replaceFirst("");
            if (statement.startsWith(".") || line.length() % 4 != 0) {
                continue; // data and padding are not instructions
            }
            for (long at = line.offset(); at < line.offset() + line.length(); at += 4) {
                Findings.Failure[] failure = new Findings.Failure[1];
                A64RoundTrip.Suspect suspect = A64RoundTrip.check(word(bytes, (int) at), Text.quote(statement), failure);
                if (failure[0] != null) {
                    return failure[0];
                }
                if (suspect != null) {
                    suspects.add(suspect);
                }
            }
        }
        return null;
    }

    /** A syntax error's line and column must point into the input (column may be one past the line's end). */
    static Findings.Failure position(AssemblySyntaxException e, String input) {
        String[] lines = input.split("\r?\n", -1);
        if (e.line() < 1 || e.line() > lines.length) {
            return new Findings.Failure("assemble: error line outside the input",
                    "line " + e.line() + " of " + lines.length + ": " + Text.quote(e.getMessage()), e);
        }
        if (e.column() < 1 || e.column() > lines[e.line() - 1].length() + 1) {
            return new Findings.Failure("assemble: error column outside its line", "column " + e.column()
                    + " of a line of " + lines[e.line() - 1].length() + ": " + Text.quote(e.getMessage()), e);
        }
        return null;
    }

    static int word(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }
}
