package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Compiling a trace by copy-and-patch, for traces of 8, 64 and 512 uops of a realistic mix:
 * loads and stores of locals, small, negative and large constants (the large ones go to the data
 * section), arithmetic, comparisons feeding {@code GUARD_TRUE}/{@code GUARD_FALSE} (exit stubs),
 * an {@code ALOAD}, and calls to {@code labs} and {@code getpid} (so that per-trace trampolines
 * exist), ending in {@code LOOP}.
 *
 * <ul>
 *   <li>{@code compileAt}: the public entry point for code at a known address, into a fresh heap
 *       array: pass 1 (layout), the trampoline plan, pass 2 (emit), plus the
 *       {@link CompiledTrace} with its statistics and a trimmed copy of the image.</li>
 *   <li>{@code layoutOnly}: pass 1 and the trampoline plan alone, in a reused {@link CompileContext};
 *       in the register shape this includes copying and patching the runs of plannable pieces.</li>
 *   <li>{@code emitOnly}: pass 2 alone (copy + patch) into a reused heap array, with the layout
 *       and plan made once.</li>
 *   <li>{@code copyFloor}: the floor of emission, one bulk {@code MemorySegment.copy} of the final
 *       bytes into a reused heap segment.</li>
 *   <li>{@code stencilCopyFloor}: pass 2 without the patching: one array copy per piece (a run's
 *       prefix and its stencil), the least a copy-and-patch emitter at piece granularity does.</li>
 *   <li>{@code compileAndInstall}: {@link TraceCompiler#compile} into a {@code DUAL_MAP}
 *       {@link CodeArena}, then free (the whole life of a trace in memory).</li>
 *   <li>{@code installFloor}: {@code arena.install(bytes)} of the same final bytes, then free.</li>
 * </ul>
 * Each for both targets ({@code arch}): the traces are never run, so both work on any host. The
 * setup prints each trace's {@link TraceStats}: its size in bytes is what bytes per second are
 * computed from. Under {@code compileAndInstall} the calls are direct, and the trace 16 or 32
 * bytes shorter, when the kernel happens to map the arena within a direct call's reach of libc
 * ({@code bl} ±128 MiB, {@code call rel32} ±2 GiB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed, pre-touched heap: while G1 grows the heap, first touches of new pages (slow in this
// VM) made single iterations of the allocating benchmarks up to 40x slower than steady state.
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class TraceCompileBenchmark {
    /** Far from any libc on a 64-bit host, so that both symbols need a trampoline under compileAt. */
    private static final long BASE = 0x10_0000_0000L;
    private static final long BIG1 = 0x1234_5678_9ABC_DEF0L;
    private static final long BIG2 = 0x0FED_CBA9_8765_4321L;

    @Param({"8", "64", "512"})
    public int uops;

    /** The target: both compile on any host (the traces are never run). */
    @Param({"AARCH64", "X86_64"})
    public Architecture arch;

    /** The code shape: both are chosen, placed and patched by the same two passes. */
    @Param({"REGISTERS", "STACK"})
    public CodeShape shape;

    private TraceCompiler compiler;
    private SymbolTable symbols;
    private Trace trace;
    private TraceLayout layout;
    private TrampolinePlan plan;
    private byte[] emitTarget;
    private byte[] bytes;
    private MemorySegment copyTarget;
    private CodeArena arena;
    /** Reused by {@code layoutOnly}, as the compiler reuses its contexts (with runs, as compiling makes them). */
    private final CompileContext layoutContext = new CompileContext(true);
    /** Where {@code emitOnly}'s layout lives, kept apart from {@code layoutOnly}'s. */
    private final CompileContext emitContext = new CompileContext(true);

    @Setup(Level.Trial)
    public void setUp() {
        compiler = new TraceCompiler(arch, CallStrategy.PER_TRACE, shape);
        symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.libc("getpid", 0, CallResult.INT);
        trace = trace(uops, symbols);
        layout = new TraceLayout(trace, arch, compiler.strategy(), shape, true, emitContext);
        plan = new TrampolinePlan(layout, BASE);
        emitTarget = new byte[layout.maxSize()];
        CompiledTrace compiled = compiler.compileAt(trace, BASE);
        bytes = compiled.bytes();
        copyTarget = MemorySegment.ofArray(new byte[bytes.length]);
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
        CompiledTrace installed = compiler.compile(trace, arena);
        System.out.println();
        System.out.println("compileAt: " + compiled.stats() + "; " + String.format("%.1f", (double) bytes.length / uops)
                + " bytes per uop (" + shape + ")");
        System.out.println("installed: " + installed.stats());
        installed.free();
        int size = TraceCompiler.emit(layout, plan, emitTarget, BASE);
        if (!Arrays.equals(emitTarget, 0, size, bytes, 0, bytes.length)) {
            throw new AssertionError("emit and compileAt disagree");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        symbols.close();
    }

    /**
     * A trace of exactly {@code n} uops (even, at least 8): ENTER, statements that each leave the
     * operand stack as they found it, LOOP. Locals: 0..1 and 4..7 numbers, 2 an array handle, 3 an index.
     */
    static Trace trace(int n, SymbolTable symbols) {
        Trace.Builder b = Trace.builder("bench" + n, symbols).enter();
        int body = n - 2;
        int[] cycle = {0, 1, 2, 3, 4, 5, 6, 7, 1, 2, 8, 4, 5, 9}; // 62 uops: one cycle is the 64-uop body
        int[] sizes = {6, 6, 4, 4, 4, 4, 4, 6, 2, 4};
        int next = 0;
        while (body > 0) {
            int s = cycle[next % cycle.length];
            int size = sizes[s];
            if (size <= body && body - size != 1) {
                statement(b, s);
                body -= size;
                next++;
            } else if (body == 3) {
                b.load(0).add(Uop.NEG).store(7);
                body -= 3;
            } else {
                b.load(1).store(7);
                body -= 2;
            }
        }
        Trace trace = b.loop().build();
        if (trace.size() != n) {
            throw new AssertionError(trace.size() + " uops, wanted " + n);
        }
        return trace;
    }

    private static void statement(Trace.Builder b, int s) {
        switch (s) {
            // labs(-x0) < BIG1, or exit 1: a call, a data-section constant, a compare, a guard
            case 0 -> b.load(0).add(Uop.NEG).call("labs", 1).constant(BIG1).add(Uop.LT).add(Uop.GUARD_TRUE, 1);
            case 1 -> b.load(1).load(0).add(Uop.ADD).constant(3).add(Uop.MUL).store(1);
            case 2 -> b.load(0).constant(1000).add(Uop.LT).add(Uop.GUARD_TRUE, 2);
            case 3 -> b.load(2).load(3).add(Uop.ALOAD, 3).store(4);
            case 4 -> b.load(4).constant(BIG2).add(Uop.XOR).store(4);
            case 5 -> b.load(1).load(4).add(Uop.EQ).add(Uop.GUARD_FALSE, 4);
            case 6 -> b.load(0).constant(-8).add(Uop.AND).store(5);
            case 7 -> b.load(5).constant(1).add(Uop.SHL).load(1).add(Uop.SUB).store(5);
            case 8 -> b.call("getpid", 0).store(6);
            case 9 -> b.load(0).constant(1).add(Uop.SUB).store(0);
            default -> throw new AssertionError(s);
        }
    }

    @Benchmark
    public CompiledTrace compileAt() {
        return compiler.compileAt(trace, BASE);
    }

    @Benchmark
    public TrampolinePlan layoutOnly() {
        return new TrampolinePlan(new TraceLayout(trace, arch, compiler.strategy(), shape, true, layoutContext), BASE);
    }

    @Benchmark
    public int emitOnly() {
        return TraceCompiler.emit(layout, plan, emitTarget, BASE);
    }

    /** The floor of emission: one bulk copy of the final bytes. */
    @Benchmark
    public MemorySegment copyFloor() {
        MemorySegment.copy(bytes, 0, copyTarget, JAVA_BYTE, 0, bytes.length);
        return copyTarget;
    }

    /**
     * The floor of copy-and-patch at stencil granularity: pass 2 without patching, one array copy
     * per stencil (code, data, exit stubs) into the same reused array as {@code emitOnly}.
     */
    @Benchmark
    public byte[] stencilCopyFloor() {
        byte[] out = emitTarget;
        int dataStart = TraceLayout.dataStart(plan.end);
        copy(layout.hot, out, dataStart);
        for (Block block : layout.cold) {
            copy(block.pieces, out, dataStart);
        }
        return out;
    }

    private void copy(java.util.List<Piece> pieces, byte[] out, int dataStart) {
        for (Piece piece : pieces) {
            if (piece.prefix > 0) { // a run: its prefix was copied and patched when it was planned
                System.arraycopy(emitContext.runBytes, piece.prefixStart, out, piece.offset, piece.prefix);
            }
            piece.stencil.copyCode(out, piece.offset + piece.prefix, piece.length - piece.prefix);
            if (piece.data >= 0) {
                piece.stencil.copyData(out, dataStart + piece.data);
            }
        }
    }

    @Benchmark
    public long compileAndInstall() {
        CompiledTrace compiled = compiler.compile(trace, arena);
        long address = compiled.address();
        compiled.free();
        return address;
    }

    /** The floor of compile + install: installing the same bytes, ready-made, then freeing them. */
    @Benchmark
    public long installFloor() {
        CodeRegion region = arena.install(bytes);
        long address = region.address();
        region.free();
        return address;
    }
}
