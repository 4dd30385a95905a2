package dev.stitch.jit;

import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.HoleKind;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.TrampolineWords;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Compiles a {@link Trace} to AArch64 machine code by copy-and-patch: pass 1
 * ({@link TraceLayout}) places every stencil; pass 2 copies each stencil's bytes with one array
 * copy, patches its holes, writes the exit stubs, the trampolines and the data into a heap array,
 * which one bulk copy then puts into the writable view of the executable memory. No instruction
 * is encoded here.
 *
 * <pre>{@code
 * TraceCompiler compiler = new TraceCompiler(CallStrategy.PER_TRACE);
 * try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP); Frame frame = Frame.allocate(4, 16)) {
 *     CompiledTrace compiled = compiler.compile(trace, arena);
 *     long exit = compiled.invoke(frame);
 * }
 * }</pre>
 * Thread-safe.
 */
public final class TraceCompiler {
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DWORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final CallStrategy strategy;

    /** A compiler with the default strategy, {@link CallStrategy#PER_TRACE}. */
    public TraceCompiler() {
        this(CallStrategy.PER_TRACE);
    }

    public TraceCompiler(CallStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    public CallStrategy strategy() {
        return strategy;
    }

    /**
     * Compiles {@code trace} into {@code arena}: sealed, flushed and ready to {@link CompiledTrace#invoke}
     * (on an AArch64 JVM). The region is exactly as large as the trace.
     *
     * @throws TraceException for a trace too long for its branches
     * @throws dev.stitch.stencil.HoleException if a value does not fit its hole
     */
    public CompiledTrace compile(Trace trace, CodeArena arena) {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(arena, "arena");
        TraceLayout layout = new TraceLayout(trace, strategy);
        TrampolinePlan[] plan = new TrampolinePlan[1];
        CodeRegion region = arena.install(layout.maxSize(), 16, (view, address) -> {
            plan[0] = new TrampolinePlan(layout, address);
            return emit(layout, plan[0], view, address);
        });
        return new CompiledTrace(layout, plan[0], region.address(), region, null);
    }

    /**
     * Compiles {@code trace} for code placed at {@code base} without installing it: for listings
     * and inspection on any host.
     *
     * @param base a multiple of 16
     */
    public CompiledTrace compileAt(Trace trace, long base) {
        Objects.requireNonNull(trace, "trace");
        if ((base & 15) != 0) {
            throw new IllegalArgumentException("base address must be a multiple of 16, got 0x" + Long.toHexString(base));
        }
        TraceLayout layout = new TraceLayout(trace, strategy);
        TrampolinePlan plan = new TrampolinePlan(layout, base);
        byte[] image = new byte[layout.maxSize()];
        int size = emit(layout, plan, image, base);
        byte[] exact = size == image.length ? image : java.util.Arrays.copyOf(image, size);
        return new CompiledTrace(layout, plan, base, null, exact);
    }

    /**
     * Pass 2: writes the whole trace into {@code out} for code at {@code base}; returns its size.
     * Emits into a heap array, then copies it into {@code out} with one bulk copy: array copies
     * and array stores cost a fraction of the checks of a segment access per stencil and hole.
     */
    static int emit(TraceLayout layout, TrampolinePlan plan, MemorySegment out, long base) {
        byte[] image = new byte[layout.maxSize()];
        int size = emit(layout, plan, image, base);
        MemorySegment.copy(image, 0, out, ValueLayout.JAVA_BYTE, 0, size);
        return size;
    }

    /** Pass 2 into {@code out}, at least {@link TraceLayout#maxSize()} bytes long; returns the size. */
    static int emit(TraceLayout layout, TrampolinePlan plan, byte[] out, long base) {
        Trace trace = layout.trace;
        int dataStart = TraceLayout.dataStart(plan.end);
        int cursor = 0;
        for (int i = 0, n = trace.size(); i < n; i++) {
            Stencil stencil = layout.stencils[i];
            int at = layout.offset[i];
            int length = layout.length[i];
            for (; cursor < at; cursor += 4) {
                WORD.set(out, cursor, TrampolineWords.NOP);
            }
            stencil.copyCode(out, at, length);
            cursor = at + length;
            int data = layout.dataOffset[i] < 0 ? -1 : dataStart + layout.dataOffset[i];
            if (data >= 0) {
                stencil.copyData(out, data);
            }
            patch(layout, plan, out, base, i, trace.uop(i), stencil, at, length, data);
        }
        Stencil epilogue = layout.epilogue;
        epilogue.copyCode(out, layout.epilogueOffset, epilogue.codeSize());
        for (int i = 0, n = trace.size(); i < n; i++) {
            Stencil stub = layout.exitStencils[i];
            if (stub != null) {
                stub.copyCode(out, layout.exitOffset[i], stub.codeSize());
                patch(layout, plan, out, base, i, trace.uop(i), stub, layout.exitOffset[i], stub.codeSize(), -1);
            }
        }
        for (int at = layout.coldEnd; at < plan.start; at += 4) {
            WORD.set(out, at, 0);
        }
        for (int s = 0; s < plan.count; s++) {
            int at = plan.start + s * TrampolineWords.TRAMPOLINE_BYTES;
            WORD.set(out, at, TrampolineWords.LDR_X16_LITERAL_8);
            WORD.set(out, at + 4, TrampolineWords.BR_X16);
            DWORD.set(out, at + 8, plan.targets[s].address());
        }
        for (int at = plan.end; at < dataStart; at += 4) {
            WORD.set(out, at, 0);
        }
        return dataStart + layout.dataSize;
    }

    /**
     * Patches the holes of {@code stencil}, whose first {@code copied} code bytes were copied for
     * uop {@code index}, {@code u}, at {@code at} (its data at {@code data}); a hole past them is
     * an elided jump.
     */
    private static void patch(TraceLayout layout, TrampolinePlan plan, byte[] out, long base, int index, TraceUop u,
                              Stencil stencil, int at, int copied, int data) {
        for (int h = 0, n = stencil.holeCount(); h < n; h++) {
            Hole hole = stencil.hole(h);
            boolean inData = hole.inData();
            if (!inData && hole.offset() >= copied) {
                continue;
            }
            int offset = (inData ? data : at) + hole.offset();
            long value = value(layout, plan, base, index, u, hole, data);
            HoleKind kind = hole.kind();
            switch (kind) {
                case ABS64 -> DWORD.set(out, offset, value);
                case ABS32 -> WORD.set(out, offset, (int) kind.checkData(base + offset, value));
                default -> WORD.set(out, offset, kind.patch((int) WORD.get(out, offset), base + offset, value));
            }
        }
    }

    private static long value(TraceLayout layout, TrampolinePlan plan, long base, int index, TraceUop u, Hole hole,
                              int data) {
        long value = switch (hole.value()) {
            case CONTINUATION -> base + layout.offset[index + 1];
            case TARGET -> base + layout.offset[u.uop() == dev.stitch.stencil.Uop.LOOP ? 1 : u.target()];
            case EXIT -> base + layout.exitOffset[index];
            case EPILOGUE -> base + layout.epilogueOffset;
            case OPARG, OPERAND -> u.arg();
            case OPARG_SLOT -> u.arg() * 8;
            case OPERAND_NOT -> ~u.arg();
            case DATA -> base + data;
            case SYMBOL -> {
                Symbol symbol = layout.symbolsByOrdinal[hole.symbol()];
                yield TraceLayout.routedCall(hole) ? plan.callTarget(symbol, base) : symbol.address();
            }
        };
        return value + hole.addend();
    }
}
