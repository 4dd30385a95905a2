package dev.stitch.x64;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which relaxable jumps of a statement list must be long (rel32), on a model of the
 * layout: each statement's size, fixed except for alignment padding (which depends on where it
 * falls) and relaxable jumps (2 bytes short, 5 or 6 long). A jump, once long, stays long, as in
 * LLVM; the result is the layout in which every jump left short reaches its label.
 *
 * <p>One sweep lays the statements out in order. A backward jump is decided when the sweep
 * reaches it (everything it spans is laid out); a forward jump when the sweep reaches its label.
 * Making a forward jump long moves only what follows it, so the sweep resumes at that jump; every
 * short jump whose span covers it is decided again when the sweep passes its end. A short jump
 * spans at most 127 bytes, so a resumption goes back that far at most: the work is linear in the
 * statements (for jumps), where relaying out the whole program after each change took one pass per
 * jump of a chain in which each lengthening pushes the next jump out of reach (10,000 such jumps
 * took minutes).
 */
final class JumpRelaxation {
    /** A statement of the model: a fixed size, a padding to {@code align} bytes, or a relaxable jump. */
    record Item(long size, int align, int target, int longSize) {
        static Item fixed(long size) {
            return new Item(size, 0, -1, 0);
        }

        static Item alignment(int bytes) {
            return new Item(0, bytes, -1, 0);
        }

        /** A short jump to the label bound at the start of statement {@code target}. */
        static Item jump(int target, int longSize) {
            return new Item(SHORT_SIZE, 0, target, longSize);
        }

        boolean isJump() {
            return target >= 0;
        }
    }

    private static final int SHORT_SIZE = 2;

    private JumpRelaxation() {}

    /** The indices of the jumps among {@code items} that must be long. */
    static Set<Integer> longJumps(List<Item> items) {
        int n = items.size();
        long[] offset = new long[n + 1];
        boolean[] isLong = new boolean[n];
        // The short forward jumps into each statement, checked when the sweep reaches it.
        List<List<Integer>> incoming = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            incoming.add(null);
        }
        for (int i = 0; i < n; i++) {
            Item item = items.get(i);
            if (item.isJump() && item.target() > i) {
                if (incoming.get(item.target()) == null) {
                    incoming.set(item.target(), new ArrayList<>(1));
                }
                incoming.get(item.target()).add(i);
            }
        }
        Set<Integer> result = new HashSet<>();
        int i = 0;
        while (i < n) {
            int resume = lengthenForwardJumpsInto(i, incoming.get(i), offset, isLong, result);
            if (resume >= 0) {
                i = resume;
                continue;
            }
            Item item = items.get(i);
            long size;
            if (item.align() > 0) {
                size = -offset[i] & (item.align() - 1);
            } else if (item.isJump() && !isLong[i] && item.target() <= i
                    && offset[item.target()] - (offset[i] + SHORT_SIZE) < -128) {
                isLong[i] = true;
                result.add(i);
                size = item.longSize();
            } else {
                size = item.isJump() && isLong[i] ? item.longSize() : item.size();
            }
            offset[i + 1] = offset[i] + size;
            i++;
        }
        return result;
    }

    /**
     * Lengthens the short jumps in {@code into} that do not reach statement {@code target}; returns
     * the first lengthened (where the sweep resumes), or -1. Long ones leave the list, so that a
     * label many jumps lead to costs only its few near ones each time the sweep passes it.
     */
    private static int lengthenForwardJumpsInto(int target, List<Integer> into, long[] offset, boolean[] isLong,
                                                Set<Integer> result) {
        if (into == null) {
            return -1;
        }
        int first = -1;
        for (int k = into.size() - 1; k >= 0; k--) {
            int jump = into.get(k);
            if (offset[target] - (offset[jump] + SHORT_SIZE) > 127) {
                isLong[jump] = true;
                result.add(jump);
                into.set(k, into.get(into.size() - 1));
                into.remove(into.size() - 1);
                first = first < 0 ? jump : Math.min(first, jump);
            }
        }
        return first;
    }
}
