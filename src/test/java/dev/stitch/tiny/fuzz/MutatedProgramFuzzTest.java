package dev.stitch.tiny.fuzz;

import dev.stitch.fuzz.Findings;
import dev.stitch.fuzz.FuzzRun;
import dev.stitch.fuzz.Mutator;
import dev.stitch.fuzz.Oracle;
import dev.stitch.fuzz.Text;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Opcode;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import dev.stitch.tiny.TinySyntaxException;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.jit.TracingJit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated tiny programs, as the hostile-input campaign did: the examples (with their loop bounds
 * cut down, so that a case runs in milliseconds) and {@link ProgramGenerator}'s programs, mutated
 * by {@link Mutator}, then compiled and, if they compile, run interpreted and with the tracing JIT
 * at threshold 1, as {@link DifferentialFuzzTest} runs its well-formed programs:
 * <ul>
 *   <li>compiling throws only a {@link TinySyntaxException} with a readable message whose line
 *       and column lie inside the input; what compiles also disassembles;</li>
 *   <li>a run never throws: it completes or ends with a runtime error;</li>
 *   <li>with the JIT, the output and the runtime error (message and line) are the interpreter's.</li>
 * </ul>
 * Mutated programs need not terminate. The interpreted run is cut off after a budget of backward
 * jumps (the hook sees every loop round), and then the program is not run with the JIT; a program
 * whose call graph allows exponential recursion (a cycle with more than one call site per
 * function, as in {@code fib}) is only compiled, since recursion takes no backward jump; linear
 * recursion is run with a smaller budget. With the JIT, the hook may see no more backward jumps
 * than the interpreter took in all (traces take theirs natively).
 *
 * <p>Program {@code k} comes from seed {@code base + k} ({@link FuzzRun}) and is run with call
 * strategy {@code k mod 5}: {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S}.
 */
class MutatedProgramFuzzTest {
    static final long DEFAULT_SEED = 20260315L;
    static final int HOST_COUNT = 3_000;
    static final int AARCH64_COUNT = 300;
    private static final String FILE = "fuzz.tiny";
    /** Backward jumps an interpreted run may take. */
    private static final int BUDGET = 30_000;
    /** The same for a program that recurses (each round may start a recursion 10000 calls deep). */
    private static final int RECURSIVE_BUDGET = 300;
    private static final Pattern BIG_LITERAL = Pattern.compile("\\b[0-9]{3,}\\b");

    static final List<String> EXTRA_TOKENS = List.of("fn", "while", "if", "else", "break", "continue", "return",
            "print", "array", "len", "abs", "min", "max", "+", "-", "*", "/", "%", "<<", ">>", ">>>", "<", "<=", ">",
            ">=", "==", "!=", "&", "^", "|", "&&", "||", "!", "~", "=", "(", ")", "{", "}", "[", "]", ",", ";", "#",
            "x", "i", "n", "f0", "fib", "a", "xs", "0", "1", "-1", "0x", "9223372036854775807", "9223372036854775808",
            "\n", "\n}\n", "{\n");

    /** Tokens a structural mutation puts in: keywords, operators, names, small numbers. */
    static final List<String> STRUCTURE_TOKENS = List.of("while", "if", "else", "break", "continue", "return", "print",
            "len", "abs", "min", "max", "+", "-", "*", "/", "%", "<<", "<", "==", "!=", "&&", "||", "!", "x", "i", "n",
            "a", "b", "xs", "0", "1", "2", "3", "-1");

    private static volatile List<String> corpus;

    /** The examples with their loop bounds cut down, and generated programs: the same in every run. */
    static List<String> corpus() {
        if (corpus == null) {
            List<String> programs = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("examples"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(Tiny.EXTENSION)).sorted().toList()) {
                    programs.add(smaller(Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < 300; i++) {
                programs.add(ProgramGenerator.generate(7000 + i));
            }
            corpus = List.copyOf(programs);
        }
        return corpus;
    }

    /** {@code source} with every decimal literal of three digits or more made two-digit: loops of tens of rounds. */
    static String smaller(String source) {
        Matcher m = BIG_LITERAL.matcher(source);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Long.toString(10 + Math.floorMod(Long.parseLong(m.group()), 50)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The interpreted run took more backward jumps than its budget. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("over budget", null, false, false);
        }
    }

    /** Counts backward jumps, throws {@link OverBudget} past {@code limit}, and passes them and the runs' starts and ends on to {@code next}. */
    private static final class Budget implements InterpreterHooks {
        final InterpreterHooks next;
        final int limit;
        int jumps;

        Budget(InterpreterHooks next, int limit) {
            this.next = next;
            this.limit = limit;
        }

        @Override
        public int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
            if (++jumps > limit) {
                throw new OverBudget();
            }
            return next.onBackwardJump(function, targetPc, frame);
        }

        @Override
        public void onRunStart(Program program) {
            next.onRunStart(program);
        }

        @Override
        public void onRunEnd(Program program) {
            next.onRunEnd(program);
        }
    }

    private record Outcome(String out, String error) {
        @Override
        public String toString() {
            return "output:\n" + out + "error: " + error;
        }
    }

    @Test
    void mutatedProgramsCompileOrFailCleanlyAndRunAlikeWithTheJit() {
        FuzzRun run = FuzzRun.of("MutatedProgramFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        List<String> seeds = corpus();
        List<String> pool = Mutator.pool(seeds, EXTRA_TOKENS);
        for (String seed : seeds) {
            assertThat(Tiny.compile(seed, FILE)).as("seed program\n%s", seed).isNotNull();
        }
        Findings findings = new Findings(run);
        Map<String, Integer> tally = new TreeMap<>();
        long start = System.nanoTime();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            SplittableRandom random = new SplittableRandom(caseSeed);
            Mutator mutator = new Mutator(random, seeds, pool, 20_000);
            // half the programs only have tokens and lines changed, so that more of them compile and run
            String input = random.nextBoolean() ? mutator.mutateStructure(mutator.pick(), 3, STRUCTURE_TOKENS)
                    : mutator.mutate(mutator.pick(), random.nextInt(3) == 0 ? 4 : 1);
            CallStrategy strategy = CallStrategy.values()[(int) Math.floorMod(caseSeed, (long) CallStrategy.values().length)];
            Findings.Failure failure = check(input, strategy, tally);
            if (failure != null) {
                findings.add(caseSeed, input, failure, candidate -> check(candidate, strategy, new TreeMap<>()));
            }
        }
        String summary = run.summary(start, "outcomes " + tally + "; failures " + findings.signatures());
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            // floors that catch a fuzzer gone blind, well below the fractions seen (about 20%, 80%, 19%)
            assertThat(tally.getOrDefault("compiled", 0)).as(summary).isGreaterThan(run.count() / 8);
            assertThat(tally.getOrDefault("refused by the compiler", 0)).as(summary).isGreaterThan(run.count() / 5);
            assertThat(tally.getOrDefault("ran with the JIT", 0)).as(summary).isGreaterThan(run.count() / 10);
        }
    }

    /** Compiles and runs {@code input}; returns what went wrong, or null. */
    static Findings.Failure check(String input, CallStrategy strategy, Map<String, Integer> tally) {
        Program program;
        try {
            program = Tiny.compile(input, FILE);
        } catch (Throwable t) {
            tally.merge("refused by the compiler", 1, Integer::sum);
            Findings.Failure failure = Oracle.check("compile", t, TinySyntaxException.class);
            return failure != null ? failure : position((TinySyntaxException) t, input);
        }
        tally.merge("compiled", 1, Integer::sum);
        try {
            program.disassemble();
        } catch (Throwable t) {
            return new Findings.Failure("disassemble: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "Program.disassemble threw " + t, t);
        }
        Recursion recursion = recursion(program);
        if (recursion == Recursion.BRANCHING) {
            tally.merge("not run: branching recursion", 1, Integer::sum);
            return null;
        }
        Budget interpreterBudget = new Budget(InterpreterHooks.NONE,
                recursion == Recursion.LINEAR ? RECURSIVE_BUDGET : BUDGET);
        Outcome expected;
        try {
            expected = run(program, interpreterBudget);
        } catch (OverBudget e) {
            tally.merge("not run with the JIT: over the interpreter's budget", 1, Integer::sum);
            return null;
        } catch (Throwable t) {
            return new Findings.Failure("interpreted run: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "the interpreted run threw " + t, t);
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        Outcome actual;
        try (TracingJit jit = new TracingJit(1, strategy, new PrintStream(diagnostics, true, StandardCharsets.UTF_8),
                false)) {
            actual = run(program, new Budget(jit, interpreterBudget.jumps));
        } catch (OverBudget e) {
            return new Findings.Failure("JIT run: more backward jumps than the interpreted run took (" + strategy + ")",
                    "the interpreted run took " + interpreterBudget.jumps + "; interpreted: " + expected, null);
        } catch (Throwable t) {
            return new Findings.Failure("JIT run: " + t.getClass().getName() + " at " + Oracle.origin(t),
                    "the run with the JIT (" + strategy + ") threw " + t, t);
        }
        tally.merge("ran with the JIT", 1, Integer::sum);
        tally.merge(expected.error().equals("none") ? "ran: completed" : "ran: runtime error", 1, Integer::sum);
        if (!expected.equals(actual)) {
            return new Findings.Failure("JIT run differs from the interpreted run (" + strategy + ")",
                    "--- interpreted\n" + expected + "\n--- with the JIT at threshold 1, " + strategy + "\n" + actual, null);
        }
        return null;
    }

    private static Outcome run(Program program, InterpreterHooks hooks) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), hooks);
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), result.error().map(Object::toString).orElse("none"));
    }

    /** A syntax error's line and column point into the input (the column may be one past the line's end). */
    static Findings.Failure position(TinySyntaxException e, String input) {
        String source = input.startsWith("\uFEFF") ? input.substring(1) : input;
        String[] lines = source.split("\n", -1);
        if (e.line() < 1 || e.line() > lines.length) {
            return new Findings.Failure("compile: error line outside the input",
                    "line " + e.line() + " of " + lines.length + ": " + Text.quote(e.getMessage()), e);
        }
        String line = lines[e.line() - 1].endsWith("\r") ? lines[e.line() - 1].substring(0, lines[e.line() - 1].length() - 1)
                : lines[e.line() - 1];
        if (e.column() < 1 || e.column() > line.length() + 1) {
            return new Findings.Failure("compile: error column outside its line", "column " + e.column()
                    + " of a line of " + line.length() + ": " + Text.quote(e.getMessage()), e);
        }
        return null;
    }

    enum Recursion { NONE, LINEAR, BRANCHING }

    /**
     * How the program's functions recurse, from the CALL instructions of its bytecode: not at all,
     * linearly (every function of a cycle calls into its cycle from one place), or branching.
     */
    static Recursion recursion(Program program) {
        List<FunctionCode> functions = program.functions();
        int n = functions.size();
        List<List<Integer>> calls = new ArrayList<>();
        for (FunctionCode f : functions) {
            List<Integer> callees = new ArrayList<>();
            int[] code = f.code();
            for (int pc = 0; pc < f.codeLength(); pc += Opcode.size(code[pc])) {
                if (code[pc] == Opcode.CALL) {
                    callees.add(code[pc + 1]);
                }
            }
            calls.add(callees);
        }
        // reach[i][j]: j is reachable from i through one or more calls
        boolean[][] reach = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int callee : calls.get(i)) {
                if (callee >= 0 && callee < n) {
                    reach[i][callee] = true;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (reach[i][k]) {
                    for (int j = 0; j < n; j++) {
                        reach[i][j] |= reach[k][j];
                    }
                }
            }
        }
        Recursion result = Recursion.NONE;
        for (int i = 0; i < n; i++) {
            if (!reach[i][i]) {
                continue;
            }
            int sites = 0;
            for (int callee : calls.get(i)) {
                if (callee >= 0 && callee < n && reach[callee][i]) {
                    sites++;
                }
            }
            if (sites > 1) {
                return Recursion.BRANCHING;
            }
            result = Recursion.LINEAR;
        }
        return result;
    }
}
