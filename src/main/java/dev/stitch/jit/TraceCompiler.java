package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.stencil.Backend;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.Field;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.Trampolines;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Objects;

/**
 * Compiles a {@link Trace} to AArch64 or x86-64 machine code by copy-and-patch, in either
 * {@link CodeShape}: pass 1 ({@link TraceLayout}) chooses and places every stencil, copying and
 * patching at once the plannable ones (every hole a {@link Field}) into runs; pass 2 copies each
 * piece's bytes with one array copy, patches its holes, writes the cold code, the trampolines and
 * the data into a heap array, which one bulk copy then puts into the writable view of the
 * executable memory. No instruction is encoded here. The memory a compilation plans in is reused
 * from one to the next ({@link CompileContext}).
 *
 * <pre>{@code
 * TraceCompiler compiler = new TraceCompiler(CallStrategy.PER_TRACE);   // for this JVM's architecture
 * try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP); Frame frame = Frame.allocate(4, 16)) {
 *     CompiledTrace compiled = compiler.compile(trace, arena);
 *     long exit = compiled.invoke(frame);
 * }
 * }</pre>
 * Thread-safe.
 */
public final class TraceCompiler {
    private final Architecture architecture;
    private final CallStrategy strategy;
    private final CodeShape shape;
    private final boolean polls;

    /** A compiler for this JVM's architecture with the default strategy, {@link CallStrategy#PER_TRACE}. */
    public TraceCompiler() {
        this(CallStrategy.PER_TRACE);
    }

    /**
     * A compiler for this JVM's architecture.
     *
     * @throws UnsupportedOperationException on a JVM that is neither AArch64 nor x86-64
     */
    public TraceCompiler(CallStrategy strategy) {
        this(Architecture.host(), strategy);
    }

    /** A compiler for {@code architecture} in the default shape, {@link CodeShape#REGISTERS}. */
    public TraceCompiler(Architecture architecture, CallStrategy strategy) {
        this(architecture, strategy, CodeShape.REGISTERS);
    }

    /** A compiler for {@code architecture} and {@code shape}: its traces run only on that architecture, but list on any. */
    public TraceCompiler(Architecture architecture, CallStrategy strategy, CodeShape shape) {
        this(architecture, strategy, shape, true);
    }

    /** With {@code polls} false, back-edges do not poll: only for benchmarks of what the poll costs. */
    TraceCompiler(Architecture architecture, CallStrategy strategy, CodeShape shape, boolean polls) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.shape = Objects.requireNonNull(shape, "shape");
        this.polls = polls;
    }

    public Architecture architecture() {
        return architecture;
    }

    public CallStrategy strategy() {
        return strategy;
    }

    public CodeShape shape() {
        return shape;
    }

    /**
     * Compiles {@code trace} into {@code arena}: sealed, flushed and ready to {@link CompiledTrace#invoke}
     * (on a JVM of the compiler's architecture). The region is exactly as large as the trace.
     *
     * @throws TraceException for a trace too long for its branches
     * @throws dev.stitch.stencil.HoleException if a value does not fit its hole
     */
    public CompiledTrace compile(Trace trace, CodeArena arena) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(arena, "arena");
        CompileContext context = CompileContext.take();
        try {
            TraceLayout layout = new TraceLayout(trace, architecture, strategy, shape, polls, context);
            TrampolinePlan[] plan = new TrampolinePlan[1];
            CodeRegion region = arena.install(layout.maxSize(), 16, (view, address) -> {
                plan[0] = new TrampolinePlan(layout, address);
                byte[] image = context.image(layout.maxSize());
                int size = emit(layout, plan[0], image, address);
                MemorySegment.copy(image, 0, view, ValueLayout.JAVA_BYTE, 0, size);
                return size;
            });
            return new CompiledTrace(layout, plan[0], region.address(), region, null);
        } finally {
            context.release();
        }
    }

    /**
     * Compiles {@code trace} for code placed at {@code base} without installing it: for listings
     * and inspection on any host.
     *
     * @param base a multiple of 16, low enough that the whole trace fits below 2^64
     */
    public CompiledTrace compileAt(Trace trace, long base) {
        Objects.requireNonNull(trace, "trace");
        if ((base & 15) != 0) {
            throw new IllegalArgumentException("base address must be a multiple of 16, got 0x" + Long.toHexString(base));
        }
        CompileContext context = CompileContext.take();
        try {
            TraceLayout layout = new TraceLayout(trace, architecture, strategy, shape, polls, context);
            TrampolinePlan plan = new TrampolinePlan(layout, base);
            byte[] image = context.image(layout.maxSize());
            int size = emit(layout, plan, image, base); // addresses wrap harmlessly in long arithmetic; refused below
            if (Long.compareUnsigned(base, -(long) size) > 0) { // -size is 2^64 - size unsigned: the highest base that fits
                throw new IllegalArgumentException("base 0x" + Long.toHexString(base) + " is too high for the " + size
                        + " bytes of trace " + trace.name() + " (" + strategy + "): they would run past the top of the"
                        + " 64-bit address space (0xffffffffffffffff); the highest base for them is 0x"
                        + Long.toHexString(-(long) size & -16L));
            }
            return new CompiledTrace(layout, plan, base, null, java.util.Arrays.copyOf(image, size));
        } finally {
            context.release();
        }
    }

    /**
     * Pass 2 into {@code out}, at least {@link TraceLayout#maxSize()} bytes long, for code at
     * {@code base}; returns the size. Emits into a heap array, which one bulk copy then puts into
     * executable memory: array copies and array stores cost a fraction of the checks of a segment
     * access per stencil and hole.
     */
    static int emit(TraceLayout layout, TrampolinePlan plan, byte[] out, long base) {
        Backend backend = layout.backend;
        int dataStart = TraceLayout.dataStart(plan.end);
        // The buffer is reused: the gaps that align the pieces' data must not keep an older trace's bytes.
        java.util.Arrays.fill(out, dataStart, dataStart + layout.dataSize, (byte) 0);
        int cursor = emit(layout, plan, layout.hot, out, base, dataStart, 0);
        for (Block block : layout.cold) {
            cursor = emit(layout, plan, block.pieces, out, base, dataStart, cursor);
        }
        backend.pad(out, cursor, plan.start, false);
        for (int s = 0; s < plan.count; s++) {
            backend.writeTrampoline(out, plan.start + s * Trampolines.TRAMPOLINE_BYTES, plan.targets[s].address());
        }
        backend.pad(out, plan.end, dataStart, false);
        return dataStart + layout.dataSize;
    }

    private static int emit(TraceLayout layout, TrampolinePlan plan, List<Piece> pieces, byte[] out, long base,
                            int dataStart, int cursor) {
        for (int k = 0, n = pieces.size(); k < n; k++) {
            Piece piece = pieces.get(k);
            Stencil stencil = piece.stencil;
            int at = piece.offset;
            if (cursor < at) {
                layout.backend.pad(out, cursor, at, true); // alignment padding control runs through
            }
            if (piece.prefix > 0) { // a run: what it absorbed was copied and patched before layout
                System.arraycopy(layout.plan.context.runBytes, piece.prefixStart, out, at, piece.prefix);
            }
            stencil.copyCode(out, at + piece.prefix, piece.length - piece.prefix);
            cursor = at + piece.length;
            int data = piece.data < 0 ? -1 : dataStart + piece.data;
            if (data >= 0) {
                stencil.copyData(out, data);
            }
            patch(layout, plan, out, base, piece, data);
        }
        return cursor;
    }

    /**
     * Patches the holes of {@code piece}, whose data is at {@code data}: its fields (registers,
     * operands, slots) as plain bit arithmetic, then the others by value and kind; a hole past its
     * copied bytes is an elided jump.
     */
    private static void patch(TraceLayout layout, TrampolinePlan plan, byte[] out, long base, Piece piece, int data) {
        Stencil stencil = piece.stencil;
        int at = piece.offset + piece.prefix;
        stencil.fillFields(out, at, piece.values, base + at);
        for (int h = 0, n = stencil.otherHoleCount(); h < n; h++) {
            Hole hole = stencil.otherHole(h);
            boolean inData = hole.inData();
            if (!inData && hole.offset() >= piece.length - piece.prefix) {
                continue;
            }
            int offset = (inData ? data : piece.offset + piece.prefix) + hole.offset();
            hole.kind().fill(out, offset, base + offset, value(layout, plan, base, piece, hole, data));
        }
    }

    private static long value(TraceLayout layout, TrampolinePlan plan, long base, Piece piece, Hole hole, int data) {
        long value = switch (hole.value()) {
            case CONTINUATION -> base + piece.continuation;
            case TARGET -> base + (piece.targetBlock != null ? piece.targetBlock.offset
                    : layout.label(piece.targetCopy, piece.target));
            case EXIT -> base + piece.exit.offset;
            case YIELD -> base + piece.yield.offset;
            case EPILOGUE -> base + layout.epilogueOffset;
            case OPARG, OPERAND -> piece.operand;
            case OPARG_SLOT -> piece.operand * 8;
            case OPERAND_NOT -> ~piece.operand;
            case DATA -> base + data;
            case SYMBOL -> {
                Symbol symbol = layout.symbolsByOrdinal[hole.symbol()];
                yield TraceLayout.routedCall(hole) ? plan.callTarget(symbol, base) : symbol.address();
            }
            case REGISTER_D -> piece.d;
            case REGISTER_A -> piece.a;
            case REGISTER_B -> piece.b;
            case REGISTER_C -> piece.c;
        };
        return value + hole.addend();
    }
}
