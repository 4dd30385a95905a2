package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.Backend;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.HoleValue;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Trampolines;
import dev.stitch.stencil.Uop;

import java.util.List;

/**
 * Pass 1 of the trace compiler: where everything goes, before any memory is taken. A shape pass
 * ({@link StackShapePass} or {@link RegisterShapePass}) chooses the pieces; this gives each an
 * offset, dropping a piece's final continuation jump when the next piece follows (it always does
 * inside a sequence), places the cold blocks after the hot code, ORs the stencils' symbol masks,
 * and sizes the data section. How many of the symbols need a trampoline depends on where the
 * code lands; {@link TrampolinePlan} decides that once the address is known, within the room
 * reserved here.
 *
 * <p>Layout: hot code | cold (epilogue, exit stubs, yield stubs, reloads, resume entry) |
 * trampolines | data, with the trampolines and data 8-byte aligned.
 */
final class TraceLayout {
    /** Every conditional branch to an exit stub and every literal load must reach: ±1 MiB. */
    static final int MAX_TRACE_BYTES = 1 << 20;
    /**
     * About how many uops a trace runs between two trips to Java (see {@link FrameLayout}). The
     * stack shape runs the sum loop at about 0.2 ns per uop, so 65,536 uops take about 15 µs and
     * the trip (about 65 ns, measured by BackEdgePollBenchmark) costs under 0.5%; a loop of array
     * loads that all miss the caches (about 100 ns each) would still come back within 7 ms.
     */
    static final int UOPS_PER_TRIP = 1 << 16;

    final Trace trace;
    final Architecture architecture;
    final Backend backend;
    final CallStrategy strategy;
    final boolean polls;
    final TracePlan plan;
    final List<Piece> hot;
    final List<Block> cold;
    /** Offset of each uop's code at {@code copy * trace.size() + uop}: where a jump to it lands ({@link #label}). */
    private final int[] labels;
    /** The symbols the trace calls, by ordinal (as seen in its CALL uops), and how many calls each has. */
    final Symbol[] symbolsByOrdinal;
    final int[] callCounts;
    /** Bytes of the hot and cold pieces, without alignment padding. */
    final int hotBytes;
    final int coldBytes;
    final int hotEnd;
    final int epilogueOffset;
    /** Offset of the resume entry, or -1 for a trace without back-edges (which never yields). */
    final int resumeOffset;
    /** The back-edges the trace may take per entry before it yields: the header's fuel. */
    final long fuel;
    final int coldEnd;
    final long symbolMask;
    final int dataSize;
    final int jumpsElided;
    final int holesPatched;
    final int alignmentPadding;
    final int stencilTrampolines;

    /** A layout in a context of its own, which it keeps: for listings and tests. */
    TraceLayout(Trace trace, Architecture architecture, CallStrategy strategy, CodeShape shape, boolean polls) {
        this(trace, architecture, strategy, shape, polls, new CompileContext());
    }

    /**
     * @param polls   false only to measure what the polls cost: the back-edges then jump without
     *                polling, and a trace that loops can keep a safepoint waiting as long as it runs
     * @param context where the pieces and blocks are made: the layout is valid until the context's next plan
     */
    TraceLayout(Trace trace, Architecture architecture, CallStrategy strategy, CodeShape shape, boolean polls,
                CompileContext context) {
        this.trace = trace;
        this.architecture = architecture;
        this.backend = Backend.of(architecture);
        this.strategy = strategy;
        this.polls = polls;
        StencilLibrary library = StencilLibrary.of(architecture, strategy);
        this.plan = shape == CodeShape.STACK ? StackShapePass.plan(trace, library, polls, context)
                : RegisterShapePass.plan(trace, library, polls, false, context);
        this.hot = plan.hot;
        this.cold = plan.cold;
        symbolsByOrdinal = context.symbols();
        callCounts = context.callCounts();
        Counts counts = new Counts();
        boolean carries = backend.carriesTrampoline(strategy);
        int at = place(hot, 0, counts, carries);
        hotEnd = at;
        hotBytes = counts.bytes;
        int resume = -1;
        for (int b = 0, blocks = cold.size(); b < blocks; b++) {
            Block block = cold.get(b);
            block.offset = at;
            at = place(block.pieces, at, counts, carries);
            block.end = at;
            if (block.kind == Block.Kind.RESUME) {
                resume = block.offset;
            }
        }
        coldEnd = at;
        coldBytes = counts.bytes - hotBytes;
        resumeOffset = resume;
        epilogueOffset = cold.getFirst().offset;
        labels = labels(plan, trace.size(), hotEnd, context);
        // A path between two back-edges runs each uop of each copy at most once.
        fuel = Math.max(1, UOPS_PER_TRIP / ((long) trace.size() * plan.copies));
        symbolMask = counts.symbolMask;
        dataSize = counts.data;
        jumpsElided = counts.elided;
        holesPatched = counts.holes;
        alignmentPadding = counts.padding;
        stencilTrampolines = counts.stencilTrampolines;
        if (maxSize() > MAX_TRACE_BYTES) {
            throw new TraceException("trace " + trace.name() + " is too long: " + maxSize() + " bytes of "
                    + architecture.displayName() + " code with " + trace.size() + " uops (" + shape + " shape); at most "
                    + MAX_TRACE_BYTES + " bytes (1 MiB, the reach of AArch64's b.cond, cbz and ldr literal from hot"
                    + " code to exit stubs and data, kept on both architectures so a trace compiles on both); split it");
        }
    }

    private static final class Counts {
        int elided;
        int holes;
        int padding;
        int stencilTrampolines;
        int bytes;
        int data;
        long symbolMask;
    }

    /**
     * Places a sequence of pieces from {@code at}, and their data after the data placed so far;
     * returns where the code ends. Notes the symbols the pieces call.
     */
    private int place(List<Piece> pieces, int at, Counts counts, boolean carriesTrampoline) {
        for (int k = 0, n = pieces.size(); k < n; k++) {
            Piece piece = pieces.get(k);
            Stencil stencil = piece.stencil;
            int alignment = stencil.alignment();
            int aligned = (at + alignment - 1) & -alignment;
            counts.padding += aligned - at;
            at = aligned;
            piece.offset = at;
            boolean elide = k + 1 < n && stencil.endsWithContinuationJump();
            piece.length = piece.prefix + (elide ? stencil.codeSize() - stencil.tailJumpBytes() : stencil.codeSize());
            counts.elided += (elide ? 1 : 0) + piece.prefixJumps;
            counts.holes += stencil.holeCount() - (elide ? 1 : 0) + piece.prefixHoles;
            counts.bytes += piece.length;
            counts.symbolMask |= stencil.symbolMask();
            if (piece.symbol != null) {
                int ordinal = piece.symbol.ordinal();
                symbolsByOrdinal[ordinal] = piece.symbol;
                callCounts[ordinal]++;
                counts.stencilTrampolines += carriesTrampoline ? 1 : 0;
            }
            if (stencil.dataSize() > 0) {
                int data = (counts.data + 7) & -8;
                piece.data = data;
                counts.data = data + stencil.dataSize();
            }
            at += piece.length;
            if (k > 0) {
                pieces.get(k - 1).continuation = piece.offset;
            }
        }
        return at;
    }

    /**
     * Where each (copy, uop) starts: its first piece, or the next piece when it has none. A uop
     * that a run of an earlier uop absorbed ({@link CompileContext#append}) gets the next piece's
     * offset too, which is wrong but never read: runs absorb only uops no jump lands on.
     */
    private static int[] labels(TracePlan plan, int n, int hotEnd, CompileContext context) {
        int size = plan.copies * n;
        int[] label = context.labels(size);
        java.util.Arrays.fill(label, 0, size, -1);
        List<Piece> hot = plan.hot;
        for (int k = 0, count = hot.size(); k < count; k++) {
            Piece piece = hot.get(k);
            int at = piece.copy * n + piece.uop;
            if (label[at] < 0) {
                label[at] = piece.offset;
            }
        }
        int next = hotEnd;
        for (int at = size - 1; at >= 0; at--) {
            if (label[at] < 0) {
                label[at] = next;
            }
            next = label[at];
        }
        return label;
    }

    /** The offset of uop {@code uop} of copy {@code copy}: where a jump to it lands. */
    int label(int copy, int uop) {
        return labels[copy * trace.size() + uop];
    }

    CodeShape shape() {
        return plan.shape;
    }

    /**
     * The plan with the register state at each uop written down, for a listing: the register
     * shape plans again to say it (compiling does not spend the time), the stack shape has none.
     */
    TracePlan describedPlan() {
        return plan.shape == CodeShape.STACK ? plan
                : RegisterShapePass.plan(trace, StencilLibrary.of(architecture, strategy), polls, true, new CompileContext());
    }

    /** True if {@code u}, uop {@code index}, jumps to itself or to an earlier uop, and so polls. */
    static boolean isBackEdge(TraceUop u, int index) {
        return u.uop() == Uop.LOOP || u.uop().arg() == Uop.Arg.TARGET && u.target() <= index;
    }

    /** Where the trampolines start: after the cold code, 8-byte aligned for their literals. */
    int trampolineStart() {
        return (coldEnd + 7) & -8;
    }

    /** True if the strategy routes calls through per-trace trampolines. */
    boolean perTraceTrampolines() {
        return strategy == CallStrategy.PER_TRACE || strategy == CallStrategy.PER_TRACE_ALWAYS;
    }

    /** The most bytes the trace can need: a trampoline for every symbol it calls. */
    int maxSize() {
        int trampolines = perTraceTrampolines() ? Long.bitCount(symbolMask) * Trampolines.TRAMPOLINE_BYTES : 0;
        return dataStart(trampolineStart() + trampolines) + dataSize;
    }

    /** The data section's start, after trampolines ending at {@code trampolineEnd}. */
    static int dataStart(int trampolineEnd) {
        return (trampolineEnd + 7) & -8;
    }

    /** True if the hole is a call to a symbol that may go through a per-trace trampoline. */
    static boolean routedCall(Hole hole) {
        return hole.value() == HoleValue.SYMBOL && hole.kind().routesCalls();
    }
}
