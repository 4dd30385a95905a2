package dev.stitch.jit.tree;

import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceException;
import dev.stitch.jit.TraceUop;
import dev.stitch.stencil.Uop;

import java.util.BitSet;
import java.util.function.IntUnaryOperator;

/** The rewrites that join a tree's paths: guards turned into jumps to side paths, and the check that keeps links acyclic. */
final class TreeLinks {
    private TreeLinks() {}

    /**
     * Appends {@code trace}'s uops to {@code builder}, each guard in {@code guards} turned into the
     * conditional jump taken where it would exit, to uop {@code target(exit value)}.
     */
    static void copyWithJumps(Trace trace, BitSet guards, IntUnaryOperator target, Trace.Builder builder) {
        for (int i = 0; i < trace.size(); i++) {
            TraceUop u = trace.uop(i);
            if (guards.get(i)) {
                builder.jump(u.uop() == Uop.GUARD_TRUE ? Uop.JUMP_IF_FALSE : Uop.JUMP_IF_TRUE,
                        target.applyAsInt((int) u.arg()));
            } else {
                builder.add(u);
            }
        }
    }

    /**
     * Points the new side path's branch guards (from uop {@code from} on) that exit through an exit
     * the tree has a side path for at that path, unless that path can come back to the new one
     * without going round the loop: such a cycle would run without the loop's poll, and one whose
     * guard fails with nothing changed (a front end's check of who called it, again) would never
     * end. Removes the linked guards from {@code guards}. Returns {@code trace} itself if there are
     * none.
     */
    static Trace link(Trace trace, BitSet guards, int from, IntUnaryOperator blockStart) {
        BitSet linked = new BitSet();
        for (int i = guards.nextSetBit(from); i >= 0; i = guards.nextSetBit(i + 1)) {
            int start = blockStart.applyAsInt((int) trace.uop(i).arg());
            if (start >= 0 && !reaches(trace, start, from)) {
                linked.set(i);
            }
        }
        if (linked.isEmpty()) {
            return trace;
        }
        Trace.Builder builder = Trace.builder(trace.name(), trace.symbols());
        copyWithJumps(trace, linked, blockStart, builder);
        try {
            Trace linkedTrace = builder.build();
            guards.andNot(linked);
            return linkedTrace;
        } catch (TraceException e) { // not expected; the unlinked trace is correct too
            return trace;
        }
    }

    /** True if control can get from uop {@code from} to uop {@code to} of {@code trace} without a {@code LOOP}. */
    static boolean reaches(Trace trace, int from, int to) {
        BitSet seen = new BitSet();
        int[] work = new int[trace.size()];
        int top = 0;
        work[top++] = from;
        seen.set(from);
        while (top > 0) {
            int i = work[--top];
            if (i == to) {
                return true;
            }
            TraceUop u = trace.uop(i);
            int next = u.uop().continues() && i + 1 < trace.size() ? i + 1 : -1;
            for (int successor : new int[] {next, u.target()}) {
                if (successor >= 0 && !seen.get(successor)) {
                    seen.set(successor);
                    work[top++] = successor;
                }
            }
        }
        return false;
    }
}
