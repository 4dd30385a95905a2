package dev.stitch.jit;

import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Trampolines;

/**
 * Which symbols a trace calls through a trampoline once its address is known: under
 * {@code PER_TRACE}, a symbol within reach of every byte of the trace's code (a {@code bl}'s
 * ±128 MiB on AArch64, a {@code call rel32}'s ±2 GiB on x86-64) is called directly and the
 * others get one trampoline each; under {@code PER_TRACE_ALWAYS} every
 * symbol gets one; other strategies carry their trampolines inside their stencils.
 */
final class TrampolinePlan {
    /** Trampoline slot of each symbol ordinal, or -1 when called directly or not at all. */
    final int[] slot = new int[64];
    /** The symbol each slot jumps to. */
    final Symbol[] targets;
    final int count;
    final int start;
    final int end;
    /** Where a call enters a trampoline, from its start. */
    final int entry;

    TrampolinePlan(TraceLayout layout, long base) {
        start = layout.trampolineStart();
        java.util.Arrays.fill(slot, -1);
        Symbol[] slots = new Symbol[Long.bitCount(layout.symbolMask)];
        int used = 0;
        for (long mask = layout.symbolMask; mask != 0; mask &= mask - 1) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            Symbol symbol = layout.symbolsByOrdinal[ordinal];
            boolean trampoline = layout.perTraceTrampolines()
                    && (layout.strategy == CallStrategy.PER_TRACE_ALWAYS
                    || !layout.backend.callReaches(base, base + layout.coldEnd, symbol.address()));
            slot[ordinal] = trampoline ? used : -1;
            if (trampoline) {
                slots[used++] = symbol;
            }
        }
        targets = java.util.Arrays.copyOf(slots, used);
        count = used;
        end = start + used * Trampolines.TRAMPOLINE_BYTES;
        entry = layout.backend.trampolineEntry();
    }

    /** The address a call to symbol {@code symbol} branches to. */
    long callTarget(Symbol symbol, long base) {
        int s = slot[symbol.ordinal()];
        return s < 0 ? symbol.address() : base + start + (long) s * Trampolines.TRAMPOLINE_BYTES + entry;
    }
}
