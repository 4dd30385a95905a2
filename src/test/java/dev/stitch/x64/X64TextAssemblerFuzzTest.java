package dev.stitch.x64;

import dev.stitch.asm.AssemblySyntaxException;
import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.FuzzRun;
import dev.stitch.fuzz.Mutator;
import dev.stitch.fuzz.Oracle;
import dev.stitch.fuzz.Text;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static dev.stitch.x64.X64Corpus.prefix;
import static dev.stitch.x64.X64Corpus.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated x86-64 assembly through {@link X64TextAssembler}, as the hostile-input campaign did:
 * valid lines (every addressing mode of {@link X64CorpusTest#addressingModes()} with moves, ALU
 * operations and immediates at the width edges; Stitch's own disassembly of random code; small
 * programs with labels, relaxed jumps, RIP-relative data and alignment) mutated by
 * {@link Mutator}. For every input:
 * <ul>
 *   <li>the only exception is an {@link X64SyntaxException} with a readable message whose line
 *       and column lie inside the input;</li>
 *   <li>what assembles, assembles to the same bytes and lines a second time;</li>
 *   <li>each instruction statement's bytes decode ({@link X64Disassembler}) as one instruction of
 *       exactly the statement's length, and the decoded text (branches to numeric targets aside,
 *       which the text assembler does not take) assembles back to the same bytes, or to another
 *       encoding of the same text ({@code {disp32}}, or {@code [rsi*1 + 4]}: an index without a
 *       base, printed {@code [rsi + 4]} by Stitch and llvm-mc alike);</li>
 *   <li>at the end, llvm-mc decodes every distinct encoding the run produced to the same text
 *       ({@link X64DisassemblerCheck#decodesLikeLlvm}, one batch).</li>
 * </ul>
 * Case {@code k} is generated from seed {@code base + k} ({@link FuzzRun}):
 * {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S}.
 */
class X64TextAssemblerFuzzTest {
    static final long DEFAULT_SEED = 20260313L;
    static final int HOST_COUNT = 15_000;
    static final int AARCH64_COUNT = 1_500;
    private static final String FILE = "fuzz.s";
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    /** The most distinct encodings of a run compared with llvm-mc (one batch). */
    private static final int MAX_LLVM_CHECKED = 50_000;

    static final List<String> PROGRAMS = List.of(
            "sum:\n    xor eax, eax\n    test rdi, rdi\n    je done\nloop:\n    add rax, rdi\n    sub rdi, 1\n"
                    + "    jne loop\ndone:\n    ret",
            "    jmp far\n    je far\n" + "    mov rax, 0x123456789\n".repeat(13) + "far:\n    ret",
            "    lea rax, [rip + table]\n    mov rcx, qword ptr [rip + table + 8]\n    call qword ptr [rip + table]\n"
                    + "    ret\n    .p2align 4\ntable:\n    .quad 0x1122334455667788, -1\n    .long 7\n"
                    + "    .byte 1, 255, -128\n    .short 65535\n    .balign 8",
            ".intel_syntax noprefix\n.text\nf:  mov eax, 1 ; mov ecx, 2   // two statements\n    # a comment\n"
                    + "    setz al ; cmovnle r8w, r9w ; jz f ; sal rax, 3 ; shr rdx, cl\n    ret",
            "    {disp32} jmp x\n    {disp32} je x\nx: ret\n    {disp32} mov rax, qword ptr [rbx]",
            "    push rbp\n    mov rbp, rsp\n    sub rsp, 16\n    mov qword ptr [rbp - 8], rdi\n    call g\n"
                    + "    leave\n    ret\ng:  imul rax, qword ptr [rbx + 8], 100\n    movabs rax, 1\n    ret",
            "    movzx eax, byte ptr [rdi + rsi*1]\n    movsx rcx, word ptr [rdx + 2]\n    movsxd r8, dword ptr [r9]\n"
                    + "    cqo\n    idiv rcx\n    neg rax\n    not rdx\n    ret");

    static final List<String> EXTRA_TOKENS = List.of("rax", "eax", "ax", "al", "ah", "bh", "ch", "dh", "spl", "sil",
            "r8", "r8d", "r8w", "r8b", "r15", "rsp", "rbp", "r12", "r13", "rip", "eip", "cs:", "fs:", "qword", "dword",
            "word", "byte", "ptr", "xmmword", "[", "]", "+", "-", "*", "*8", "*3", ",", "{disp32}", "{disp8}", "{", "}",
            ".p2align", ".balign", ".byte", ".short", ".long", ".quad", ".intel_syntax", "noprefix", ".att_syntax",
            ".text", "offset", "%rax", "$1", "movabs", "lock", "rep", "mov", "lea", "add", "sub", "cmp", "test",
            "imul", "idiv", "shl", "sar", "jmp", "je", "jne", "call", "ret", "push", "pop", "nop", "int3", "label:",
            "#", "//", ";");

    /** The labels before a statement. */
    private static final Pattern LABELS = Pattern.compile("^(\\s*[A-Za-z0-9_.$]+:)*\\s*");

    private static volatile List<String> corpus;

    /** The seed lines: the same in every run, so that a case seed alone reproduces its input. */
    static List<String> corpus() {
        if (corpus == null) {
            List<String> lines = new ArrayList<>();
            Register[] regs = {Registers.RAX, Registers.R9, Registers.ESP, Registers.R13W, Registers.SIL, Registers.R12B};
            String[] alu = {"add", "sub", "and", "or", "xor", "cmp", "adc", "sbb", "test"};
            int k = 0;
            for (Mem m : X64CorpusTest.addressingModes()) {
                Register reg = regs[k % regs.length];
                lines.add(prefix(m) + "mov " + reg + ", " + text(m));
                lines.add(prefix(m) + alu[k % alu.length] + " " + text(m) + ", " + reg);
                lines.add(prefix(m) + "lea r10, " + text(m));
                List<Long> imms = X64CorpusTest.immediates(32);
                lines.add(prefix(m) + alu[(k + 3) % alu.length] + " " + text(m.dword()) + ", " + imms.get(k % imms.size()));
                k++;
            }
            lines.addAll(disassembledRandomCode(1500));
            lines.addAll(PROGRAMS);
            corpus = List.copyOf(lines);
        }
        return corpus;
    }

    /** Stitch's text for instructions it decodes in random code and assembles again (relative branches aside). */
    static List<String> disassembledRandomCode(int wanted) {
        Random random = new Random(13);
        List<String> lines = new ArrayList<>();
        while (lines.size() < wanted) {
            byte[] code = new byte[16];
            random.nextBytes(code);
            X64Instruction instruction = X64Disassembler.decode(code, 0, 0);
            if (instruction.isUndecoded() || branch(instruction)) {
                continue;
            }
            try {
                X64TextAssembler.assemble(instruction.text(), "corpus.s");
                lines.add(instruction.text());
            } catch (X64SyntaxException e) {
                // the disassembler knows more instructions than the assembler
            }
        }
        return lines;
    }

    /** A jump or call to a numeric target, which the text assembler does not take (it wants a label). */
    static boolean branch(X64Instruction instruction) {
        return instruction.hasTarget() && !instruction.text().contains("[rip");
    }

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
        FuzzRun run = FuzzRun.of("X64TextAssemblerFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        List<String> seeds = corpus();
        List<String> pool = Mutator.pool(seeds, EXTRA_TOKENS);
        for (String seed : PROGRAMS) {
            assertThat(probe(seed)).as("seed program %s", seed).isNull();
        }
        Findings findings = new Findings(run);
        long start = System.nanoTime();
        int assembledCount = 0;
        int refused = 0;
        long instructions = 0;
        int[] otherEncodings = new int[1];
        Set<String> encodings = new LinkedHashSet<>();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            Mutator mutator = new Mutator(new SplittableRandom(caseSeed), seeds, pool, 10_000);
            String input = input(mutator);
            long[] assembled = new long[1];
            Findings.Failure failure = check(input, assembled, otherEncodings, encodings);
            if (failure != null) {
                findings.add(caseSeed, input, failure, X64TextAssemblerFuzzTest::probe);
            } else if (assembled[0] >= 0) {
                assembledCount++;
                instructions += assembled[0];
            } else {
                refused++;
            }
        }
        try {
            // What Stitch's disassembler prints for the bytes Stitch's assembler made is what LLVM prints.
            X64DisassemblerCheck.decodesLikeLlvm(encodings.stream().map(HEX::parseHex).toList());
        } catch (AssertionError e) {
            findings.add(run.seed(), "(all encodings of the run)", new Findings.Failure(
                    "disassemble: text differs from llvm-mc's", e.getMessage(), e), null);
        }
        String summary = run.summary(start, String.format("%d assembled (%d instructions decoded and re-assembled, %d"
                + " of them to another encoding of the same text; %d distinct encodings compared with llvm-mc),"
                + " %d refused; failures %s", assembledCount, instructions, otherEncodings[0], encodings.size(), refused,
                findings.signatures()));
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            assertThat(assembledCount).as(summary).isGreaterThan(run.count() / 20);
            assertThat(refused).as(summary).isGreaterThan(run.count() / 4);
        }
    }

    static Findings.Failure probe(String input) {
        return check(input, new long[1], new int[1], null);
    }

    /**
     * {@link #probe}, also setting {@code assembled[0]} to the number of instructions round-tripped,
     * or -1 if refused, counting in {@code otherEncodings} those that came back as another
     * encoding of the same text, and adding their encodings to {@code encodings} (if not null).
     */
    static Findings.Failure check(String input, long[] assembled, int[] otherEncodings, Set<String> encodings) {
        assembled[0] = -1;
        X64TextAssembler.Result first;
        try {
            first = X64TextAssembler.assemble(input, FILE);
        } catch (Throwable t) {
            Findings.Failure failure = Oracle.check("assemble", t, X64SyntaxException.class);
            return failure != null ? failure : position((AssemblySyntaxException) t, input);
        }
        X64TextAssembler.Result second;
        try {
            second = X64TextAssembler.assemble(input, FILE);
        } catch (Throwable t) {
            return new Findings.Failure("assemble: refused the second time", "first assembled, then threw " + t, t);
        }
        if (!Arrays.equals(first.bytes(), second.bytes()) || !first.lines().equals(second.lines())) {
            return new Findings.Failure("assemble: nondeterministic", "two assemblies of the same text differ", null);
        }
        int roundTrips = 0;
        byte[] bytes = first.bytes();
        for (X64TextAssembler.Line line : first.lines()) {
            String statement = LABELS.matcher(line.source()).replaceFirst("");
            if (line.length() == 0 || statement.startsWith(".")) {
                continue; // labels, data and padding
            }
            Findings.Failure failure = roundTrip(bytes, line, statement, otherEncodings);
            if (failure != null) {
                return failure;
            }
            if (encodings != null && encodings.size() < MAX_LLVM_CHECKED) {
                encodings.add(HEX.formatHex(bytes, (int) line.offset(), (int) (line.offset() + line.length())));
            }
            roundTrips++;
        }
        assembled[0] = roundTrips;
        return null;
    }

    /** The statement's bytes decode as one instruction of their length, whose text assembles back to them. */
    static Findings.Failure roundTrip(byte[] bytes, X64TextAssembler.Line line, String statement, int[] otherEncodings) {
        byte[] encoding = Arrays.copyOfRange(bytes, (int) line.offset(), (int) (line.offset() + line.length()));
        X64Instruction decoded;
        try {
            decoded = X64Disassembler.decode(bytes, (int) line.offset(), 0);
        } catch (Throwable t) {
            return new Findings.Failure("disassemble: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "decoding [" + HEX.formatHex(encoding) + "] of " + Text.quote(statement) + " threw " + t, t);
        }
        String mnemonic = statement.replaceFirst("^\\{disp32\\}\\s*", "").split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        if (decoded.isUndecoded()) {
            return new Findings.Failure("disassemble: an instruction the assembler emits prints as .byte (" + mnemonic + ")",
                    Text.quote(statement) + " assembles to [" + HEX.formatHex(encoding) + "], which the disassembler does"
                            + " not decode", null);
        }
        if (decoded.length() != line.length()) {
            return new Findings.Failure("disassemble: decoded length differs from the assembled length (" + mnemonic + ")",
                    Text.quote(statement) + " assembles to [" + HEX.formatHex(encoding) + "], decoded as '"
                            + decoded.text() + "' of " + decoded.length() + " bytes", null);
        }
        if (branch(decoded)) {
            return null;
        }
        byte[] again;
        try {
            again = X64TextAssembler.assemble(decoded.text(), "roundtrip.s").bytes();
        } catch (Throwable t) {
            return new Findings.Failure("round trip: the disassembly does not assemble (" + mnemonic + ")",
                    Text.quote(statement) + " assembles to [" + HEX.formatHex(encoding) + "], which decodes as '"
                            + decoded.text() + "', which the text assembler refuses: " + t.getMessage(), t);
        }
        if (Arrays.equals(again, encoding)) {
            return null;
        }
        String againText = X64Disassembler.decode(again, 0, line.offset()).text();
        if (againText.equals(decoded.text())) {
            // Another encoding of the same text: [rsi*1 + 4] is encoded with an index and no base,
            // {disp32} forces a displacement, and the text of either is what llvm-mc prints too
            // (the final check compares every encoding's text with llvm-mc's).
            otherEncodings[0]++;
            return null;
        }
        return new Findings.Failure("round trip: the disassembly assembles to other bytes (" + mnemonic + ")",
                Text.quote(statement) + " assembles to [" + HEX.formatHex(encoding) + "], which decodes as '"
                        + decoded.text() + "', which assembles to [" + HEX.formatHex(again) + "] ('" + againText + "')", null);
    }

    static Findings.Failure position(AssemblySyntaxException e, String input) {
        String[] lines = input.split("\\r?\\n", -1);
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
}
