package dev.stitch.cli;

import dev.stitch.jit.CodeShape;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import dev.stitch.tiny.TinySyntaxException;
import dev.stitch.tiny.jit.TracingJit;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code stitch run [--no-jit] [--jit-threshold N] [--strategy S] [--shape SHAPE] [--stats] [--dump-traces] [--jit-log] [--max-memory SIZE] FILE.tiny}:
 * compiles a tiny program and runs it, printing to standard output. Exit status 0 when it
 * completes, 1 for a syntax or runtime error (the message goes to standard error, output printed
 * before a runtime error stays printed), 2 for a usage error.
 *
 * <p>Unless {@code --no-jit}, the run has a {@link TracingJit}: hot loops are recorded as traces
 * and run as native code of this JVM's architecture, AArch64 or x86-64 (on another host the JIT
 * says so once on standard error and the program runs interpreted). {@code FILE} {@code -} reads
 * the program from standard input.
 *
 * <p>{@code --max-memory SIZE} bounds the native memory of the program's arrays, all together
 * ({@link ArrayHeap#DEFAULT_LIMIT} by default: 1 GiB or a quarter of physical memory, whichever
 * is less); an {@code array(n)} past it is the runtime error {@code out of memory: ...}.
 */
final class RunCommand {
    static final String USAGE =
            "stitch run [--no-jit] [--jit-threshold N] [--strategy S] [--shape SHAPE] [--stats] [--dump-traces] [--jit-log]"
                    + " [--max-memory SIZE]"
                    + " FILE.tiny";
    /** Loop iterations before a loop is traced, unless --jit-threshold says otherwise. */
    static final int DEFAULT_JIT_THRESHOLD = TracingJit.DEFAULT_THRESHOLD;

    private RunCommand() {}

    /** The parsed command line. */
    record Options(String file, boolean jit, int jitThreshold, CallStrategy strategy, CodeShape shape, boolean stats,
            boolean dumpTraces, boolean jitLog, long maxMemory) {}

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options options = parse(args);
        if (options == null) {
            out.print(help());
            return Main.OK;
        }
        String source = FileArguments.readText(options.file(), in);
        Program program;
        try {
            program = Tiny.compile(source, FileArguments.sourceName(options.file()));
        } catch (TinySyntaxException e) {
            err.println(e.getMessage());
            return Main.FAILED;
        }
        RunResult result;
        String stats;
        try (StopOnSignal stop = new StopOnSignal()) {
            if (options.jit()) {
                try (TracingJit jit = new TracingJit(options.jitThreshold(), options.strategy(), options.shape(), err,
                        options.dumpTraces(), options.jitLog())) {
                    result = program.run(out, jit, options.maxMemory());
                    stats = jit.stats().line();
                }
            } else {
                result = program.run(out, InterpreterHooks.NONE, options.maxMemory());
                stats = "jit: traces=0 uops=0 code_bytes=0 trampolines=0 exits=0 compile_us=0";
            }
            out.flush();
            result.error().ifPresent(err::println);
            if (options.stats()) {
                err.println(stats);
            }
            err.flush();
        }
        return result.ok() ? Main.OK : Main.FAILED;
    }

    static Options parse(String[] args) {
        String file = null;
        boolean jit = true;
        int threshold = DEFAULT_JIT_THRESHOLD;
        CallStrategy strategy = CallStrategy.PER_TRACE;
        CodeShape shape = CodeShape.REGISTERS;
        boolean stats = false;
        boolean dumpTraces = false;
        boolean jitLog = false;
        long maxMemory = ArrayHeap.DEFAULT_LIMIT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--no-jit" -> jit = false;
                case "--jit-threshold" -> threshold = NumberOption.positiveInt("run", "--jit-threshold", value(args, ++i,
                        "--jit-threshold", "a positive number of loop iterations, such as --jit-threshold 100"));
                case "--strategy" -> strategy = strategy(value(args, ++i, "--strategy", "a call strategy"));
                case "--shape" -> shape = TraceCommand.shape("run", value(args, ++i, "--shape", "a code shape"));
                case "--stats" -> stats = true;
                case "--dump-traces" -> dumpTraces = true;
                case "--jit-log" -> jitLog = true;
                case "--max-memory" -> maxMemory = ByteSize.parse("run: --max-memory",
                        value(args, ++i, "--max-memory", "a size, " + ByteSize.FORMS), ArrayHeap.MIN_LIMIT,
                        ArrayHeap.MAX_LIMIT);
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("run: unknown option '" + arg + "'; allowed: --no-jit, "
                                + "--jit-threshold, --strategy, --shape, --stats, --dump-traces, --jit-log, --max-memory, --help");
                    }
                    if (file != null) {
                        throw new UsageException("run: one program file, got '" + file + "' and '" + arg + "'");
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            throw new UsageException("run: no program file; usage: " + USAGE);
        }
        return new Options(file, jit, threshold, strategy, shape, stats, dumpTraces, jitLog, maxMemory);
    }

    private static String value(String[] args, int i, String option, String what) {
        if (i >= args.length) {
            throw new UsageException("run: " + option + " needs " + what);
        }
        return args[i];
    }

    private static CallStrategy strategy(String name) {
        try {
            return CallStrategy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("run: unknown strategy '" + name + "'; allowed: "
                    + Arrays.stream(CallStrategy.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** The help of {@code stitch run --help}. */
    static String help() {
        return "Usage: " + USAGE + "\n" + """
                Compile a tiny program (see examples/*.tiny) and run it; what it prints goes to
                standard output. Exit status 0 when it completes, 1 for a syntax or runtime error
                (reported on standard error as file:line[:column]: ...), 2 for a usage error.

                  --no-jit             interpret only
                  --jit-threshold N    loop iterations before a loop is compiled (default %d)
                  --strategy S         how compiled traces call out: MOVW_PER_CALL, LITERAL_IN_CODE,
                                       LITERAL_IN_DATA, PER_TRACE (default), PER_TRACE_ALWAYS
                  --shape SHAPE        how compiled traces keep values: registers (default) or stack
                  --stats              print JIT statistics on standard error after the run
                  --dump-traces        print the listing of each compiled trace on standard error
                  --jit-log            print a line on standard error for each loop compiled, each
                                       recording given up (why, and where), each side path grown and
                                       each trace tree that grows no more
                  --max-memory SIZE    native memory all the program's arrays may take together, such as
                                       64k, 512M, 2G or 1048576 (bytes); default %s: 1 GiB or a quarter
                                       of physical memory, whichever is less; past it, array(n) is the
                                       runtime error "out of memory"

                FILE - reads the program from standard input. Loops that go round N times are
                recorded as traces of uops and compiled to native code for this JVM's architecture
                (AArch64 or x86-64), which runs in place of the interpreter; on a host of another
                architecture the JIT says so once on standard error and the program runs interpreted.
                """.formatted(DEFAULT_JIT_THRESHOLD, ByteSize.format(ArrayHeap.DEFAULT_LIMIT));
    }
}
