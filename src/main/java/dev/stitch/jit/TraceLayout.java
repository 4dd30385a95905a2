package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Hole;
import dev.stitch.stencil.HoleKind;
import dev.stitch.stencil.HoleValue;
import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Trampolines;
import dev.stitch.stencil.Uop;

/**
 * Pass 1 of the trace compiler: where everything goes, before any memory is taken. Chooses each
 * uop's stencil, gives it an offset (dropping its final continuation jump when the next uop
 * follows, which it always does here), places the shared epilogue and one exit stub per exiting
 * uop in the cold section, ORs the stencils' symbol masks, and sizes the data section. How many
 * of the symbols need a trampoline depends on where the code lands; {@link TrampolinePlan} decides
 * that once the address is known, within the room reserved here.
 *
 * <p>Every back-edge polls (see {@link FrameLayout}) and has a yield stub; a trace with
 * back-edges also has a resume entry.
 *
 * <p>Layout: hot code | cold (epilogue, exit stubs, yield stubs, resume entry) | trampolines | data, with the trampolines and
 * data 8-byte aligned.
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
    final CallStrategy strategy;
    final Stencil[] stencils;
    /** Offset of each uop's code from the start of the trace. */
    final int[] offset;
    /** Bytes of each uop's stencil that are copied (without an elided final jump). */
    final int[] length;
    /** Each uop's exit stub stencil and offset, or null / -1. */
    final Stencil[] exitStencils;
    final int[] exitOffset;
    /** Each back-edge's yield stub offset, or -1. */
    final int[] yieldOffset;
    /** Offset of the resume entry, or -1 for a trace without back-edges (which never yields). */
    final int resumeOffset;
    /** The back-edges the trace may take per entry before it yields: the header's fuel. */
    final long fuel;
    /** Offset of each uop's data from the start of the data section, or -1. */
    final int[] dataOffset;
    /** The symbols the trace calls, by ordinal (as seen in its CALL uops). */
    final Symbol[] symbolsByOrdinal = new Symbol[64];
    final Stencil epilogue;
    final Stencil yieldStencil;
    final Stencil resumeEntry;
    final int hotEnd;
    final int epilogueOffset;
    final int coldEnd;
    final long symbolMask;
    final int dataSize;
    final int jumpsElided;
    final int holesPatched;
    final int alignmentPadding;
    final int stencilTrampolines;

    TraceLayout(Trace trace, Architecture architecture, CallStrategy strategy) {
        this(trace, architecture, strategy, true);
    }

    /**
     * @param polls false only to measure what the polls cost: the back-edges then jump without
     *              polling, and a trace that loops can keep a safepoint waiting as long as it runs
     */
    TraceLayout(Trace trace, Architecture architecture, CallStrategy strategy, boolean polls) {
        this.trace = trace;
        this.architecture = architecture;
        this.strategy = strategy;
        StencilLibrary library = StencilLibrary.of(architecture, strategy);
        int n = trace.size();
        stencils = new Stencil[n];
        offset = new int[n];
        length = new int[n];
        exitStencils = new Stencil[n];
        exitOffset = new int[n];
        yieldOffset = new int[n];
        dataOffset = new int[n];
        int at = 0;
        int data = 0;
        long mask = 0;
        int elided = 0;
        int holes = 0;
        int padding = 0;
        int inStencilTrampolines = 0;
        for (int i = 0; i < n; i++) {
            TraceUop u = trace.uop(i);
            Stencil stencil;
            if (u.uop() == Uop.CALL) {
                Symbol symbol = u.symbol();
                stencil = library.call(symbol.ordinal(), symbol.arity(), symbol.result(), symbol.upcall());
                symbolsByOrdinal[symbol.ordinal()] = symbol;
                if (strategy.carriesTrampoline(architecture)) {
                    inStencilTrampolines++;
                }
            } else if (polls && isBackEdge(u, i)) {
                stencil = library.backEdge(u.uop());
            } else {
                stencil = library.stencil(u.uop(), u.arg());
            }
            stencils[i] = stencil;
            int aligned = (at + stencil.alignment() - 1) & -stencil.alignment();
            padding += aligned - at;
            at = aligned;
            offset[i] = at;
            boolean elide = stencil.endsWithContinuationJump() && u.uop().continues();
            length[i] = elide ? stencil.codeSize() - stencil.tailJumpBytes() : stencil.codeSize();
            elided += elide ? 1 : 0;
            holes += stencil.holeCount() - (elide ? 1 : 0);
            at += length[i];
            if (stencil.dataSize() > 0) {
                data = (data + 7) & -8;
                dataOffset[i] = data;
                data += stencil.dataSize();
            } else {
                dataOffset[i] = -1;
            }
            mask |= stencil.symbolMask();
        }
        hotEnd = at;
        epilogue = library.epilogue();
        epilogueOffset = at;
        at += epilogue.codeSize();
        for (int i = 0; i < n; i++) {
            if (stencils[i].exits()) {
                Stencil stub = trace.uop(i).uop() == Uop.CALL ? library.upcallFailedExit() : library.exitStub();
                exitStencils[i] = stub;
                exitOffset[i] = at;
                at += stub.codeSize();
                holes += stub.holeCount();
            } else {
                exitOffset[i] = -1;
            }
        }
        Stencil yieldStub = library.yieldExit();
        yieldStencil = yieldStub;
        resumeEntry = library.resumeEntry();
        int backEdges = 0;
        for (int i = 0; i < n; i++) {
            if (polls && isBackEdge(trace.uop(i), i)) {
                yieldOffset[i] = at;
                at += yieldStub.codeSize();
                holes += yieldStub.holeCount();
                backEdges++;
            } else {
                yieldOffset[i] = -1;
            }
        }
        if (backEdges > 0) {
            resumeOffset = at;
            at += resumeEntry.codeSize();
        } else {
            resumeOffset = -1;
        }
        // A path between two back-edges runs each uop at most once: at most n uops.
        fuel = Math.max(1, UOPS_PER_TRIP / n);
        coldEnd = at;
        symbolMask = mask;
        dataSize = data;
        jumpsElided = elided;
        holesPatched = holes;
        alignmentPadding = padding;
        stencilTrampolines = inStencilTrampolines;
        if (maxSize() > MAX_TRACE_BYTES) {
            throw new TraceException("trace " + trace.name() + " is too long: " + maxSize() + " bytes of "
                    + architecture.displayName() + " code with " + n + " uops; at most " + MAX_TRACE_BYTES
                    + " bytes (1 MiB, the reach of AArch64's b.cond, cbz and ldr literal from hot code to exit stubs"
                    + " and data, kept on both architectures so a trace compiles on both); split it");
        }
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
        return hole.value() == HoleValue.SYMBOL && (hole.kind() == HoleKind.BRANCH26 || hole.kind() == HoleKind.REL32);
    }
}
