package dev.stitch.fuzz;

import dev.stitch.jit.CodeShape;
import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceException;
import dev.stitch.jit.TraceParser;
import dev.stitch.jit.TraceUop;
import dev.stitch.jit.TraceUpcallException;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.HoleException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated trace files through the whole trace pipeline, as the hostile-input campaign did: the
 * example traces and random valid ones ({@link TraceGenerator}) mutated by {@link Mutator}, then
 * <ol>
 *   <li>parsed ({@link TraceParser}): the only exception is a {@link TraceException} with a
 *       readable message whose line and column lie inside the input; a trace that parses prints
 *       ({@link TraceUop#text()}) as a file that parses back to the same uops;</li>
 *   <li>compiled for both architectures at a fixed address ({@link TraceCompiler#compileAt}):
 *       only {@link TraceException} or {@link HoleException}; what compiles lists
 *       ({@link CompiledTrace#listing()}) without an exception or control characters;</li>
 *   <li>compiled into a {@link CodeArena} for this JVM's architecture, with the same bytes as
 *       compiled for inspection at the address it landed at;</li>
 *   <li>run on a fresh {@link Frame} (random locals, a few values already on the stack, four
 *       arrays) when a reference interpreter of the uop semantics, written here from
 *       {@link dev.stitch.stencil.Uop}'s documentation, finishes it within a step budget: the exit
 *       value, locals, stack, arrays and the calls made must be the interpreter's, and an upcall
 *       that throws must come out as a {@link TraceUpcallException}.</li>
 * </ol>
 * The call strategy of case {@code k} is number {@code k mod 5}, its shape number {@code (k / 5) mod 2}. Case {@code k} is generated from
 * seed {@code base + k} ({@link FuzzRun}): {@code -Dstitch.fuzz.count=N -Dstitch.fuzz.seed=S}.
 */
class TraceFuzzTest {
    static final long DEFAULT_SEED = 20260314L;
    static final int HOST_COUNT = 4_000;
    static final int AARCH64_COUNT = 400;
    private static final String FILE = "fuzz.uops";
    private static final long BASE = 0x10000;
    /** Uops the reference interpreter runs before it gives up on a trace (which then is not run natively). */
    private static final int STEP_BUDGET = 20_000;
    private static final int[] ARRAY_LENGTHS = {0, 1, 3, 8};
    /** A native run that takes longer than this (its interpreter run ends within the step budget) is stopped and reported. */
    private static final int RUN_LIMIT_SECONDS = 20;
    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "trace fuzz watchdog");
                t.setDaemon(true);
                return t;
            });
    private static final Pattern POSITION = Pattern.compile("^" + Pattern.quote(FILE) + ":(\\d+):(\\d+): error: ");

    static final List<String> EXTRA_TOKENS = Stream.concat(
            Arrays.stream(dev.stitch.stencil.Uop.values()).map(Enum::name),
            Stream.of("@0", "@1", "@2", "@-1", "@99999999999", "top:", "done", "L0", "L0:", "CALL", "print_long",
                    "print_char", "labs", "abs", "getpid", "mix3", "mix4", "fail", "nosuch", "0x", "511", "512",
                    "65535", "65536", "#", ":", "push", "jmp", "ret")).toList();

    /** What structural mutations put in place of a token: uop names, small numbers, jump targets. */
    static final List<String> STRUCTURE_TOKENS = Stream.concat(
            Arrays.stream(dev.stitch.stencil.Uop.values()).map(Enum::name),
            Stream.of("0", "1", "2", "3", "5", "7", "-1", "@1", "@2", "@3", "L0", "L1", "L2", "top")).toList();

    /** What the upcalls were called with, in order, in the current run (native or interpreted). */
    private static final List<String> CALLS = new ArrayList<>();

    private static SymbolTable symbols;
    private static CodeArena flip;
    private static CodeArena dualMap;

    @BeforeAll
    static void setUp() throws ReflectiveOperationException {
        symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.libc("abs", 1, CallResult.INT);
        symbols.libc("getpid", 0, CallResult.INT);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        symbols.upcall("print_long", lookup.findStatic(TraceFuzzTest.class, "printLong",
                MethodType.methodType(void.class, long.class)));
        symbols.upcall("print_char", lookup.findStatic(TraceFuzzTest.class, "printChar",
                MethodType.methodType(void.class, long.class)));
        symbols.upcall("mix3", lookup.findStatic(TraceFuzzTest.class, "mix3",
                MethodType.methodType(long.class, long.class, long.class, long.class)));
        symbols.upcall("mix4", lookup.findStatic(TraceFuzzTest.class, "mix4",
                MethodType.methodType(int.class, long.class, long.class, long.class, long.class)));
        symbols.upcall("fail", lookup.findStatic(TraceFuzzTest.class, "fail", MethodType.methodType(long.class, long.class)));
        flip = CodeArena.create(WxPolicy.FLIP);
        dualMap = CodeArena.create(WxPolicy.DUAL_MAP);
    }

    @AfterAll
    static void tearDown() {
        if (flip != null) {
            flip.close();
        }
        if (dualMap != null) {
            dualMap.close();
        }
        if (symbols != null) {
            symbols.close();
        }
    }

    private static void printLong(long value) {
        CALLS.add("print_long " + value);
    }

    private static void printChar(long value) {
        CALLS.add("print_char " + value);
    }

    private static long mix3(long a, long b, long c) {
        CALLS.add("mix3 " + a + " " + b + " " + c);
        return a * 31 + (b ^ c);
    }

    private static int mix4(long a, long b, long c, long d) {
        CALLS.add("mix4 " + a + " " + b + " " + c + " " + d);
        return (int) (a - b + c * d);
    }

    private static long fail(long value) {
        CALLS.add("fail " + value);
        throw new IllegalStateException("fail called with " + value);
    }

    private static volatile List<String> corpus;

    /** The example traces and random valid ones: the same in every run. */
    static List<String> corpus() {
        if (corpus == null) {
            List<String> traces = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("examples", "traces"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(TraceParser.EXTENSION)).sorted().toList()) {
                    traces.add(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < 300; i++) {
                traces.add(TraceGenerator.generate(1000 + i));
            }
            corpus = List.copyOf(traces);
        }
        return corpus;
    }

    /** Counts of what happened to the cases, for the summary and the checks on the mutator. */
    private static final class Tally {
        final Map<String, Integer> counts = new TreeMap<>();

        void add(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        int get(String what) {
            return counts.getOrDefault(what, 0);
        }
    }

    @Test
    void mutatedTracesParseCompileListAndRunAsTheirSemanticsSay() {
        FuzzRun run = FuzzRun.of("TraceFuzzTest", DEFAULT_SEED, HOST_COUNT, AARCH64_COUNT);
        List<String> seeds = corpus();
        List<String> pool = Mutator.pool(seeds, EXTRA_TOKENS);
        for (String seed : seeds) {
            assertThat(TraceParser.parse(seed, FILE, symbols).size()).as("seed trace %s", seed).isPositive();
        }
        Findings findings = new Findings(run);
        Tally tally = new Tally();
        long start = System.nanoTime();
        for (int k = 0; k < run.count(); k++) {
            long caseSeed = run.caseSeed(k);
            SplittableRandom random = new SplittableRandom(caseSeed);
            Mutator mutator = new Mutator(random, seeds, pool, 20_000);
            // A quarter of the inputs are new valid traces, unmutated, which test the compiled code's
            // semantics; of the others, half only have numbers, uops and lines changed, so that more
            // of them parse and run.
            int kind = random.nextInt(8);
            String input = kind < 2 ? TraceGenerator.generate(caseSeed)
                    : kind < 5 ? mutator.mutateStructure(mutator.pick(), 2, STRUCTURE_TOKENS)
                    : mutator.mutate(mutator.pick(), random.nextInt(3) == 0 ? 4 : 1);
            Findings.Failure failure = check(input, caseSeed, tally);
            if (failure != null) {
                findings.add(caseSeed, input, failure, candidate -> check(candidate, caseSeed, new Tally()));
            }
        }
        String summary = run.summary(start, "outcomes " + tally.counts + "; failures " + findings.signatures());
        System.out.println(summary);
        findings.assertNone(summary);
        if (run.count() >= 1000) {
            assertThat(tally.get("parsed")).as(summary).isGreaterThan(run.count() / 10);
            assertThat(tally.get("refused by the parser")).as(summary).isGreaterThan(run.count() / 10);
            assertThat(tally.get("ran")).as(summary).isGreaterThan(run.count() / 20);
            assertThat(tally.get("ran: left early")).as(summary).isGreaterThan(run.count() / 100);
            assertThat(tally.get("ran: an upcall threw")).as(summary).isPositive();
        }
    }

    /** Runs {@code input} through the pipeline; returns what went wrong, or null. */
    static Findings.Failure check(String input, long caseSeed, Tally tally) {
        Trace trace;
        try {
            trace = TraceParser.parse(input, FILE, symbols);
        } catch (Throwable t) {
            tally.add("refused by the parser");
            Findings.Failure failure = Oracle.check("parse", t, TraceException.class);
            return failure != null ? failure : position(t.getMessage(), input);
        }
        tally.add("parsed");
        String printed = trace.uops().stream().map(TraceUop::text).collect(Collectors.joining("\n"));
        try {
            List<TraceUop> again = TraceParser.parse(printed, FILE, symbols).uops();
            if (!again.equals(trace.uops())) {
                return new Findings.Failure("parse: the printed trace reads back as other uops",
                        "printed:\n" + printed + "\nreads back as " + again, null);
            }
        } catch (Throwable t) {
            return new Findings.Failure("parse: the printed trace does not parse",
                    "printed:\n" + printed + "\nthrew " + t, t);
        }
        CallStrategy strategy = CallStrategy.values()[(int) Math.floorMod(caseSeed, (long) CallStrategy.values().length)];
        CodeShape shape = CodeShape.values()[(int) Math.floorMod(Math.floorDiv(caseSeed, (long) CallStrategy.values().length),
                (long) CodeShape.values().length)];
        Architecture host = Architecture.host();
        for (Architecture arch : Architecture.values()) {
            // listing costs most of a case: list one architecture per case, in turn
            boolean list = arch.ordinal() == (int) ((caseSeed >>> 1) % Architecture.values().length);
            Findings.Failure failure = inspect(trace, arch, strategy, shape, list, tally);
            if (failure != null) {
                return failure;
            }
        }
        CodeArena arena = (caseSeed & 1) == 0 ? flip : dualMap;
        CompiledTrace compiled;
        try {
            compiled = new TraceCompiler(host, strategy, shape).compile(trace, arena);
        } catch (Throwable t) {
            return Oracle.check("compile into a CodeArena", t, TraceException.class, HoleException.class);
        }
        try {
            byte[] inspected = new TraceCompiler(host, strategy, shape).compileAt(trace, compiled.address()).bytes();
            if (!Arrays.equals(inspected, compiled.bytes())) {
                return new Findings.Failure("compile: installed bytes differ from compileAt at the same address",
                        compiled + " under " + strategy, null);
            }
            return execute(trace, compiled, caseSeed, tally);
        } finally {
            compiled.free();
        }
    }

    /** Compiles for {@code arch} at a fixed address and, if {@code list}, lists the code. */
    private static Findings.Failure inspect(Trace trace, Architecture arch, CallStrategy strategy, CodeShape shape,
                                            boolean list,
                                            Tally tally) {
        String stage = "compileAt " + arch.displayName();
        CompiledTrace compiled;
        try {
            compiled = new TraceCompiler(arch, strategy, shape).compileAt(trace, BASE);
        } catch (Throwable t) {
            tally.add("refused by " + stage);
            return Oracle.check(stage, t, TraceException.class, HoleException.class);
        }
        if (!list) {
            return null;
        }
        String listing;
        try {
            listing = compiled.listing();
        } catch (Throwable t) {
            return new Findings.Failure("listing " + arch.displayName() + ": " + t.getClass().getName() + " at "
                    + Oracle.origin(t), "listing " + compiled + " threw " + t, t);
        }
        if (listing.isBlank() || listing.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            return new Findings.Failure("listing " + arch.displayName() + ": empty or control characters",
                    Text.quote(listing), null);
        }
        return null;
    }

    /** The line and column of a parse error point into the input (the column may be one past the line's end). */
    static Findings.Failure position(String message, String input) {
        Matcher m = POSITION.matcher(message);
        if (!m.find()) {
            return new Findings.Failure("parse: message without file:line:column", Text.quote(message), null);
        }
        String source = input.startsWith("\uFEFF") ? input.substring(1) : input;
        String[] lines = source.split("\r\n|\r|\n", -1);
        int line = Integer.parseInt(m.group(1));
        int column = Integer.parseInt(m.group(2));
        if (line < 1 || line > lines.length || column < 1 || column > lines[line - 1].length() + 1) {
            return new Findings.Failure("parse: error position outside the input",
                    "line " + line + ", column " + column + " of " + lines.length + " lines: " + Text.quote(message), null);
        }
        return null;
    }

    /** What a run did: how it ended, the frame after it, and the calls it made. */
    record Outcome(String end, List<Long> locals, List<Long> stack, List<List<Long>> arrays, List<String> calls) {
        @Override
        public String toString() {
            return end + "\n  locals " + locals + "\n  stack " + stack + "\n  arrays " + arrays + "\n  calls " + calls;
        }
    }

    /** Runs the trace natively and in the reference interpreter on the same random frame, if the interpreter finishes. */
    private static Findings.Failure execute(Trace trace, CompiledTrace compiled, long caseSeed, Tally tally) {
        SplittableRandom random = new SplittableRandom(caseSeed ^ 0x5EED);
        int localCount = Math.max(8, trace.maxLocal() + 1);
        long[] locals = new long[localCount];
        for (int i = 0; i < localCount; i++) {
            locals[i] = value(random);
        }
        locals[7] = random.nextInt(6); // the LOOP counter of generated traces
        long[] stack = new long[random.nextInt(3)];
        for (int i = 0; i < stack.length; i++) {
            stack[i] = value(random);
        }
        long[][] arrays = new long[ARRAY_LENGTHS.length][];
        for (int a = 0; a < arrays.length; a++) {
            arrays[a] = new long[ARRAY_LENGTHS[a]];
            for (int i = 0; i < arrays[a].length; i++) {
                arrays[a][i] = value(random);
            }
        }
        Outcome expected = interpret(trace, locals, stack, arrays);
        if (expected == null) {
            tally.add("not run: the interpreter's budget ran out");
            return null;
        }
        try (Frame frame = Frame.allocate(localCount, stack.length + trace.maxDepth() + 4, arrays.length)) {
            frame.setLocals(locals, localCount);
            for (long v : stack) {
                frame.push(v);
            }
            for (long[] array : arrays) {
                int handle = frame.newArray(array.length);
                for (int i = 0; i < array.length; i++) {
                    frame.array(handle).setAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, i, array[i]);
                }
            }
            CALLS.clear();
            String end;
            // The interpreter ends within its budget, so a native run that does not is a finding;
            // traces poll for an interrupt, so a watchdog can stop one and report it.
            Thread runner = Thread.currentThread();
            java.util.concurrent.ScheduledFuture<?> watchdog = WATCHDOG.schedule(runner::interrupt, RUN_LIMIT_SECONDS,
                    java.util.concurrent.TimeUnit.SECONDS);
            try {
                end = "exit " + compiled.invoke(frame);
            } catch (TraceUpcallException e) {
                end = "upcall failed";
            } catch (dev.stitch.jit.TraceInterruptedException e) {
                return new Findings.Failure("run: the trace does not end (" + compiled.strategy() + ", " + compiled.shape()
                        + "); the interpreter's run ends within " + STEP_BUDGET + " uops", "trace:\n"
                        + trace.uops().stream().map(TraceUop::text).collect(Collectors.joining("\n"))
                        + "\non locals " + Arrays.toString(locals) + ", stack " + Arrays.toString(stack), null);
            } catch (Throwable t) {
                return Oracle.check("invoke", t, TraceUpcallException.class);
            } finally {
                watchdog.cancel(false);
                Thread.interrupted();
            }
            long[] after = new long[localCount];
            frame.getLocals(after, localCount);
            List<List<Long>> arraysAfter = new ArrayList<>();
            for (int a = 0; a < arrays.length; a++) {
                arraysAfter.add(boxed(frame.array(a).toArray(java.lang.foreign.ValueLayout.JAVA_LONG)));
            }
            Outcome actual = new Outcome(end, boxed(after), boxed(frame.stack()), arraysAfter, List.copyOf(CALLS));
            tally.add("ran");
            // exit values below 10 are the generator's EXITs; its guards, divisions and array uops exit with 10 and up
            tally.add(end.equals("upcall failed") ? "ran: an upcall threw" : Long.parseLong(end.substring(5)) < 10
                    ? "ran: left by EXIT" : "ran: left early");
            if (!actual.equals(expected)) {
                return new Findings.Failure("run: the trace does not do what the interpreter does (" + compiled.strategy() + ", " + compiled.shape()
                        + ")", "trace:\n" + trace.uops().stream().map(TraceUop::text).collect(Collectors.joining("\n"))
                        + "\non locals " + Arrays.toString(locals) + ", stack " + Arrays.toString(stack)
                        + "\n--- interpreter: " + expected + "\n--- native:      " + actual
                        + (Boolean.getBoolean("stitch.fuzz.listing") ? "\n--- listing\n" + compiled.listing() : ""), null);
            }
            return null;
        }
    }

    /** Mostly small values (array handles, indexes, counts), sometimes the edges of 64-bit arithmetic. */
    private static long value(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, Integer.MIN_VALUE, 0xFFFF_FFFFL}[random.nextInt(5)];
            case 1 -> random.nextLong();
            default -> random.nextInt(10) - 1;
        };
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * The uops' meaning in plain Java, from {@link dev.stitch.stencil.Uop}'s documentation; null if
     * the trace runs longer than {@link #STEP_BUDGET} uops. Calls go to the same Java methods as
     * the upcalls, and to Java equivalents of the C functions.
     */
    static Outcome interpret(Trace trace, long[] initialLocals, long[] initialStack, long[][] initialArrays) {
        long[] local = initialLocals.clone();
        long[][] arrays = new long[initialArrays.length][];
        for (int a = 0; a < arrays.length; a++) {
            arrays[a] = initialArrays[a].clone();
        }
        long[] s = Arrays.copyOf(initialStack, initialStack.length + trace.maxDepth() + 4);
        int sp = initialStack.length;
        CALLS.clear();
        int pc = 1;
        String end = null;
        for (int step = 0; end == null; step++) {
            if (step == STEP_BUDGET) {
                return null;
            }
            TraceUop u = trace.uop(pc);
            int next = pc + 1;
            switch (u.uop()) {
                case ENTER -> { }
                case EXIT -> end = "exit " + u.arg();
                case CONST -> s[sp++] = u.arg();
                case LOAD -> s[sp++] = local[(int) u.arg()];
                case STORE -> local[(int) u.arg()] = s[--sp];
                case DUP -> {
                    s[sp] = s[sp - 1];
                    sp++;
                }
                case DROP -> sp--;
                case SWAP -> {
                    long t = s[sp - 1];
                    s[sp - 1] = s[sp - 2];
                    s[sp - 2] = t;
                }
                case OVER -> {
                    s[sp] = s[sp - 2];
                    sp++;
                }
                case NEG -> s[sp - 1] = -s[sp - 1];
                case NOT -> s[sp - 1] = ~s[sp - 1];
                case DIV, REM -> {
                    if (s[sp - 1] == 0) {
                        end = "exit " + u.arg();
                    } else {
                        s[sp - 2] = u.uop() == dev.stitch.stencil.Uop.DIV ? s[sp - 2] / s[sp - 1] : s[sp - 2] % s[sp - 1];
                        sp--;
                    }
                }
                case GUARD_TRUE, GUARD_FALSE -> {
                    long v = s[--sp];
                    if ((v != 0) != (u.uop() == dev.stitch.stencil.Uop.GUARD_TRUE)) {
                        end = "exit " + u.arg();
                    }
                }
                case ALOAD -> {
                    long handle = s[sp - 2];
                    long index = s[sp - 1];
                    if (!inBounds(arrays, handle, index)) {
                        end = "exit " + u.arg();
                    } else {
                        s[sp - 2] = arrays[(int) handle][(int) index];
                        sp--;
                    }
                }
                case ASTORE -> {
                    long handle = s[sp - 3];
                    long index = s[sp - 2];
                    if (!inBounds(arrays, handle, index)) {
                        end = "exit " + u.arg();
                    } else {
                        arrays[(int) handle][(int) index] = s[sp - 1];
                        sp -= 3;
                    }
                }
                case ALEN -> {
                    long handle = s[sp - 1];
                    if (handle < 0 || handle >= arrays.length) {
                        end = "exit " + u.arg();
                    } else {
                        s[sp - 1] = arrays[(int) handle].length;
                    }
                }
                case CALL -> {
                    int arity = (int) u.arg();
                    long[] args = Arrays.copyOfRange(s, sp - arity, sp);
                    sp -= arity;
                    String name = u.symbol().name();
                    if (name.equals("fail")) {
                        CALLS.add("fail " + args[0]);
                        end = "upcall failed";
                    } else {
                        long result = call(name, args);
                        if (u.symbol().result() != CallResult.VOID) {
                            s[sp++] = u.symbol().result() == CallResult.INT ? (int) result : result;
                        }
                    }
                }
                case LOOP -> next = 1;
                case JUMP -> next = u.target();
                case JUMP_IF_TRUE -> next = s[--sp] != 0 ? u.target() : next;
                case JUMP_IF_FALSE -> next = s[--sp] == 0 ? u.target() : next;
                default -> {
                    s[sp - 2] = binary(u.uop(), s[sp - 2], s[sp - 1]);
                    sp--;
                }
            }
            pc = next;
        }
        List<List<Long>> arraysAfter = new ArrayList<>();
        for (long[] array : arrays) {
            arraysAfter.add(boxed(array));
        }
        Outcome outcome = new Outcome(end, boxed(local), boxed(Arrays.copyOf(s, sp)), arraysAfter, List.copyOf(CALLS));
        CALLS.clear();
        return outcome;
    }

    private static boolean inBounds(long[][] arrays, long handle, long index) {
        return handle >= 0 && handle < arrays.length && index >= 0 && index < arrays[(int) handle].length;
    }

    /** The Java meaning of each symbol of the table (C's labs and abs wrap at the minimum, as two's complement does). */
    private static long call(String name, long[] args) {
        return switch (name) {
            case "labs" -> Math.abs(args[0]);
            case "abs" -> Math.abs((int) args[0]);
            case "getpid" -> ProcessHandle.current().pid();
            case "print_long" -> {
                printLong(args[0]);
                yield 0;
            }
            case "print_char" -> {
                printChar(args[0]);
                yield 0;
            }
            case "mix3" -> mix3(args[0], args[1], args[2]);
            case "mix4" -> mix4(args[0], args[1], args[2], args[3]);
            default -> throw new IllegalArgumentException("no model of " + name);
        };
    }

    private static long binary(dev.stitch.stencil.Uop uop, long a, long b) {
        return switch (uop) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << b;
            case SHR -> a >> b;
            case USHR -> a >>> b;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            default -> throw new IllegalArgumentException(uop + " is not binary");
        };
    }
}
