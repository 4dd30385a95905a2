package dev.stitch.cli;

import dev.stitch.jit.CodeShape;
import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceException;
import dev.stitch.jit.TraceParser;
import dev.stitch.jit.TraceStats;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.text.ErrorText;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code stitch trace [--arch aarch64|x86_64] [--strategy S|all] [--shape SHAPE|all] [--base ADDR] [--run LOCALS [--listing]] FILE.uops}:
 * parses a trace file ({@link TraceParser}), compiles it with a {@link CallStrategy} and prints its
 * listing — the disassembly of the bytes produced, with uops, holes, exits, trampolines and data
 * named — and statistics; or compares every strategy in one table; or runs it on a frame.
 *
 * <p>The code is for this JVM's architecture unless {@code --arch} names the other one, and is
 * installed in a {@link CodeArena} when it can run here; for the other architecture, or when
 * {@code --base} is given, it is compiled at a fixed address ({@link TraceCompiler#compileAt}) for
 * inspection. {@code CALL} may name the symbols of {@link #SYMBOLS}.
 */
final class TraceCommand {
    /** Where code compiled for inspection is placed when {@code --base} is not given. */
    static final long DEFAULT_BASE = 0x10000;

    /** The symbols trace files may call, as the help text lists them. */
    static final String SYMBOLS = """
            labs(x)        C library, returns long
            abs(x)         C library, returns int
            getpid()       C library, returns int
            print_long(x)  Java upcall: prints x and a newline to standard output
            print_char(x)  Java upcall: prints (char) x, no newline""";

    static final String USAGE = "stitch trace [--arch aarch64|x86_64] [--strategy S|all] [--shape SHAPE|all] [--base ADDR] [--run LOCALS [--listing]] FILE.uops";

    private TraceCommand() {}

    /** The parsed command line. */
    private record Options(String file, Architecture arch, CallStrategy strategy, boolean all, CodeShape shape,
                           boolean allShapes, Long base, long[] locals, boolean listing) {}

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Options options = parse(args);
        if (options == null) {
            out.print(help());
            return Main.OK;
        }
        Architecture arch = ArchitectureOption.orHost(options.arch(), "trace");
        Architecture host = Architecture.host();
        if (options.locals() != null && host != arch) {
            err.println("stitch trace: --run executes the " + arch.displayName() + " code and this JVM runs on "
                    + host.displayName() + " (os.arch=" + System.getProperty("os.arch") + "); "
                    + (arch == Architecture.AARCH64 ? "run it on the emulated AArch64 JVM: scripts/stitch --aarch64 trace"
                    + " --run " + joined(options.locals(), ",") + " " + ErrorText.escape(options.file())
                    : "leave out --arch to run it here"));
            return Main.FAILED;
        }
        String source = FileArguments.readText(options.file(), in);
        try (SymbolTable symbols = symbols(out)) {
            Trace trace;
            try {
                trace = TraceParser.parse(source, FileArguments.sourceName(options.file()), symbols);
            } catch (TraceException e) {
                err.println(e.getMessage());
                return Main.FAILED;
            }
            boolean install = options.base() == null && host == arch;
            long base = options.base() != null ? options.base() : DEFAULT_BASE;
            try (CodeArena arena = install ? CodeArena.create() : null) {
                String where = install ? "installed in a CodeArena (" + arena.policy() + ") on this " + host.displayName()
                        + " JVM" : options.base() != null ? "compiled at 0x" + Long.toHexString(base) + " (--base) for inspection"
                        : "compiled at 0x" + Long.toHexString(base) + " (the default base) for inspection: this JVM runs on "
                        + host.displayName() + ", so the " + arch.displayName() + " code is not installed";
                if (options.all() || options.allShapes()) {
                    List<CallStrategy> strategies = options.all() ? List.of(CallStrategy.values()) : List.of(options.strategy());
                    List<CodeShape> shapes = options.allShapes() ? List.of(CodeShape.values()) : List.of(options.shape());
                    compare(trace, arch, strategies, shapes, arena, base, where, out);
                } else {
                    TraceCompiler compiler = new TraceCompiler(arch, options.strategy(), options.shape());
                    CompiledTrace compiled = install ? compiler.compile(trace, arena) : compileAt(compiler, trace, base);
                    if (options.locals() == null) {
                        out.println("# " + where);
                        out.print(compiled.listing());
                    } else {
                        if (options.listing()) {
                            out.println("# " + where);
                            out.print(compiled.listing());
                        }
                        run(compiled, trace, options.locals(), out);
                    }
                }
            }
        }
        return Main.OK;
    }

    /** {@code trace} compiled for inspection at {@code base}, which must leave room for all of it below 2^64. */
    private static CompiledTrace compileAt(TraceCompiler compiler, Trace trace, long base) {
        try {
            return compiler.compileAt(trace, base);
        } catch (IllegalArgumentException e) { // the trace parsed, so what compileAt refuses is the --base
            throw new UsageException("trace: --" + e.getMessage());
        }
    }

    private static Options parse(String[] args) {
        String file = null;
        Architecture arch = null;
        CallStrategy strategy = CallStrategy.PER_TRACE;
        boolean all = false;
        CodeShape shape = CodeShape.REGISTERS;
        boolean allShapes = false;
        Long base = null;
        long[] locals = null;
        boolean listing = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--arch" -> arch = ArchitectureOption.parse("trace", value(args, ++i, "--arch",
                        "an architecture: " + ArchitectureOption.ALLOWED));
                case "--strategy" -> {
                    String name = value(args, ++i, "--strategy", "a call strategy or 'all'");
                    all = name.equalsIgnoreCase("all");
                    if (!all) {
                        strategy = strategy(name);
                    }
                }
                case "--shape" -> {
                    String name = value(args, ++i, "--shape", "a code shape or 'all'");
                    allShapes = name.equalsIgnoreCase("all");
                    if (!allShapes) {
                        shape = shape("trace", name);
                    }
                }
                case "--base" -> base = address(value(args, ++i, "--base", "an address, such as --base 0x400000"));
                case "--run" -> locals = locals(value(args, ++i, "--run", "the initial locals, such as --run 100,0 (or --run \"\")"));
                case "--listing" -> listing = true;
                default -> {
                    if (arg.startsWith("-") && !arg.equals(FileArguments.STANDARD_INPUT)) {
                        throw new UsageException("trace: unknown option '" + arg
                                + "'; allowed: --arch, --strategy, --shape, --base, --run, --listing, --help");
                    }
                    if (file != null) {
                        throw new UsageException("trace: one trace file, got '" + file + "' and '" + arg + "'");
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            throw new UsageException("trace: no trace file; usage: " + USAGE);
        }
        if (locals != null && all) {
            throw new UsageException("trace: --run runs one strategy; give --strategy S, not all");
        }
        if (locals != null && allShapes) {
            throw new UsageException("trace: --run runs one shape; give --shape stack or --shape registers, not all");
        }
        if (locals != null && base != null) {
            throw new UsageException("trace: --run needs the code installed where the JVM puts it; --base is for"
                    + " inspecting code compiled at a fixed address, leave it out with --run");
        }
        if (listing && locals == null) {
            listing = false; // the listing is printed anyway
        }
        return new Options(file, arch, strategy, all, shape, allShapes, base, locals, listing);
    }

    /** The code shape named {@code name} (case-insensitive), for {@code command}'s --shape. */
    static CodeShape shape(String command, String name) {
        try {
            return CodeShape.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": unknown shape '" + name + "'; allowed: stack, registers"
                    + (command.equals("trace") ? ", all" : ""));
        }
    }

    private static String value(String[] args, int i, String option, String what) {
        if (i >= args.length) {
            throw new UsageException("trace: " + option + " needs " + what);
        }
        return args[i];
    }

    private static CallStrategy strategy(String name) {
        try {
            return CallStrategy.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("trace: unknown strategy '" + name + "'; allowed: "
                    + Arrays.stream(CallStrategy.values()).map(Enum::name).collect(Collectors.joining(", ")) + ", all");
        }
    }

    private static long address(String text) {
        long address = NumberOption.address("trace", "--base", text);
        if ((address & 15) != 0) {
            throw new UsageException("trace: --base must be a multiple of 16, got 0x" + Long.toHexString(address));
        }
        return address;
    }

    /** {@code 100,0} → {100, 0}; the empty string gives no values. */
    private static long[] locals(String text) {
        if (text.isBlank()) {
            return new long[0];
        }
        String[] parts = text.split(",", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = NumberOption.bits64("trace", "--run (the value of local " + i + ")", parts[i]);
        }
        return values;
    }

    /** The symbols trace files may call; the upcalls print to {@code out}. */
    static SymbolTable symbols(PrintStream out) {
        SymbolTable symbols = new SymbolTable();
        try {
            symbols.libc("labs", 1, CallResult.LONG);
            symbols.libc("getpid", 0, CallResult.INT);
            symbols.libc("abs", 1, CallResult.INT);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType print = MethodType.methodType(void.class, PrintStream.class, long.class);
            MethodHandle printLong = lookup.findStatic(TraceCommand.class, "printLong", print).bindTo(out);
            MethodHandle printChar = lookup.findStatic(TraceCommand.class, "printChar", print).bindTo(out);
            symbols.upcall("print_long", printLong);
            symbols.upcall("print_char", printChar);
            return symbols;
        } catch (ReflectiveOperationException e) {
            symbols.close();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            symbols.close();
            throw e;
        }
    }

    private static void printLong(PrintStream out, long value) {
        out.println(value);
    }

    private static void printChar(PrintStream out, long value) {
        out.print((char) value);
    }

    private static void run(CompiledTrace compiled, Trace trace, long[] locals, PrintStream out) {
        int localCount = Math.max(locals.length, trace.maxLocal() + 1);
        try (Frame frame = Frame.allocate(localCount, trace.maxDepth() + 16)) {
            for (int i = 0; i < locals.length; i++) {
                frame.setLocal(i, locals[i]);
            }
            long exit = compiled.invoke(frame);
            out.flush();
            out.println("exit " + exit);
            long[] after = new long[localCount];
            for (int i = 0; i < localCount; i++) {
                after[i] = frame.local(i);
            }
            out.println("locals: " + (localCount == 0 ? "(none)" : joined(after, ", ")));
            long[] stack = frame.stack();
            out.println("stack: " + (stack.length == 0 ? "(empty)" : joined(stack, ", ") + "  (bottom first)"));
        }
    }

    private static String joined(long[] values, String separator) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(separator));
    }

    /** One row per shape and strategy, then the size of each strategy's stencil library. */
    private static void compare(Trace trace, Architecture arch, List<CallStrategy> strategies, List<CodeShape> shapes,
                                CodeArena arena, long base, String where, PrintStream out) {
        out.println("trace " + trace.name() + ": " + trace.size() + " uops, " + arch.displayName() + ", " + where);
        String[] header = {"shape", "strategy", "total", "hot", "cold", "tramp bytes", "data", "padding", "holes",
                "elided", "trampolines", "in-stencil", "direct"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (CodeShape shape : shapes) {
            for (CallStrategy strategy : strategies) {
                TraceCompiler compiler = new TraceCompiler(arch, strategy, shape);
                CompiledTrace compiled = arena != null ? compiler.compile(trace, arena) : compileAt(compiler, trace, base);
                TraceStats s = compiled.stats();
                rows.add(new String[] {shape.name(), strategy.name(), n(s.totalBytes()), n(s.hotBytes()), n(s.coldBytes()),
                    n(s.trampolineBytes()), n(s.dataBytes()), n(s.paddingBytes()), n(s.holesPatched()), n(s.jumpsElided()),
                        n(s.trampolines()), n(s.stencilTrampolines()), n(s.directCalls())});
                if (arena != null) {
                    compiled.free();
                }
            }
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c <= 1) {
                    line.append(c == 1 ? "  " : "").append(String.format("%-" + widths[c] + "s", row[c]));
                } else {
                    line.append("  ").append(String.format("%" + widths[c] + "s", row[c]));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.println("(bytes: total, hot code, cold code, per-trace trampolines, data, padding; counts: holes patched,"
                + " jumps elided, per-trace trampolines, trampolines inside call stencils, direct calls)");
        out.println("stencil library per strategy (code + data bytes over StencilLibrary.of(s).all()):");
        int nameWidth = java.util.Arrays.stream(CallStrategy.values()).mapToInt(st -> st.name().length()).max().orElse(0);
        for (CallStrategy strategy : CallStrategy.values()) {
            List<Stencil> stencils = StencilLibrary.of(arch, strategy).all();
            long size = 0;
            for (Stencil stencil : stencils) {
                size += stencil.codeSize() + stencil.dataSize();
            }
            out.printf("  %-" + nameWidth + "s  %6d bytes in %d stencils%n", strategy.name(), size, stencils.size());
        }
        List<Stencil> forms = StencilLibrary.of(arch, CallStrategy.PER_TRACE).registerStencils().forms();
        out.printf("register shape library: %d bytes in %d stencils, every form (for any strategy; calls are the"
                + " stack shape's)%n", forms.stream().mapToInt(st -> st.codeSize() + st.dataSize()).sum(), forms.size());
        out.println("call sites per strategy on " + arch.displayName() + ":");
        for (CallStrategy strategy : CallStrategy.values()) {
            out.printf("  %-" + nameWidth + "s  %s%n", strategy.name(), callSite(strategy, arch));
        }
    }

    /**
     * What a call looks like under {@code strategy} on {@code arch}: the strategies are named after
     * AArch64's steps, and on x86-64 two of them need no trampoline at all (which is why their
     * rows count none).
     */
    static String callSite(CallStrategy strategy, Architecture arch) {
        return switch (arch) {
            case AARCH64 -> switch (strategy) {
                case MOVW_PER_CALL -> "bl to a trampoline in the stencil's code: movz/movk x16 (x4); br x16";
                case LITERAL_IN_CODE -> "bl to a trampoline in the stencil's code: ldr x16, literal; br x16";
                case LITERAL_IN_DATA -> "bl to a trampoline in the stencil's data: ldr x16, literal; br x16";
                case PER_TRACE -> "bl symbol when in reach, else bl to a per-trace trampoline";
                case PER_TRACE_ALWAYS -> "bl to a per-trace trampoline";
            };
            case X86_64 -> switch (strategy) {
                case MOVW_PER_CALL -> "movabs r11, symbol; call r11 (no trampoline)";
                case LITERAL_IN_CODE -> "call to a trampoline in the stencil's code: jmp qword ptr [rip], literal";
                case LITERAL_IN_DATA -> "call qword ptr [rip + literal in the stencil's data] (no trampoline)";
                case PER_TRACE -> "call symbol when in reach, else call to a per-trace trampoline";
                case PER_TRACE_ALWAYS -> "call to a per-trace trampoline";
            };
        };
    }

    private static String n(int value) {
        return Integer.toString(value);
    }

    /** The help of {@code stitch trace --help}. */
    static String help() {
        return "Usage: " + USAGE + "\n" + """
                Compile a trace file of uops (see examples/traces/; FILE - reads standard input) to
                machine code by copy-and-patch and print its listing: the disassembly of the bytes
                produced, with uops, holes, exits, trampolines and data named, then its statistics.

                  --arch A             the target: aarch64 or x86_64 (default: this JVM's)
                  --strategy S|all     how calls reach their symbols: MOVW_PER_CALL, LITERAL_IN_CODE,
                                       LITERAL_IN_DATA, PER_TRACE (default), PER_TRACE_ALWAYS;
                                       'all' prints one table comparing them
                  --shape SHAPE|all    how the code keeps its values: registers (default; stack slots
                                       and hot locals in registers) or stack (the operand stack in
                                       memory); 'all' compares them (with --strategy all, every pair)
                  --base ADDR          compile at ADDR for inspection instead of installing
                                       (default for another architecture than this JVM's: 0x10000);
                                       a multiple of 16, decimal or 0x hex, low enough for the code
                                       to end at or below 0xffffffffffffffff
                  --run LOCALS         run it with locals 0, 1, ... set to LOCALS (such as 100,0;
                                       64-bit values, decimal or 0x hex) and print the exit value,
                                       the locals and the stack; on this JVM's architecture
                                       (scripts/stitch --aarch64 trace --run ... for AArch64 on
                                       another host)
                  --listing            with --run, print the listing too

                Symbols CALL may name:
                """ + SYMBOLS.indent(2);
    }
}
