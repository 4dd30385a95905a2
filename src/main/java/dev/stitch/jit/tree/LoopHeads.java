package dev.stitch.jit.tree;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * What the machinery knows per loop head (unit, pc): how often it was reached, how many of its
 * recordings were given up, whether it is blacklisted, and its tree once it has one. Tables per
 * unit, sized to the unit's code at its first use, so a lookup is two array reads.
 *
 * @param <T> the tree type
 */
final class LoopHeads<T> {
    /** The count of a head that is not recorded again. */
    static final int BLACKLISTED = -1;

    private int[][] counts = new int[0][];
    private int[][] aborts = new int[0][];
    private Object[][] trees = new Object[0][];

    /** The tree of the loop at {@code pc} of {@code unit}, or null. */
    @SuppressWarnings("unchecked")
    T tree(int unit, int pc) {
        return unit < trees.length && trees[unit] != null ? (T) trees[unit][pc] : null;
    }

    /** Counts an arrival at the head; returns the count so far, or {@link #BLACKLISTED}. */
    int arrive(int unit, int unitLength, int pc) {
        grow(unit);
        if (counts[unit] == null) {
            counts[unit] = new int[unitLength];
        }
        int[] unitCounts = counts[unit];
        int count = unitCounts[pc];
        return count == BLACKLISTED ? BLACKLISTED : (unitCounts[pc] = count + 1);
    }

    /** The head starts counting again from 0. */
    void reset(int unit, int pc) {
        counts[unit][pc] = 0;
    }

    void blacklist(int unit, int pc) {
        counts[unit][pc] = BLACKLISTED;
    }

    /** Counts a recording given up at the head; returns the number so far. */
    int abort(int unit, int unitLength, int pc) {
        grow(unit);
        if (aborts[unit] == null) {
            aborts[unit] = new int[unitLength];
        }
        return ++aborts[unit][pc];
    }

    void put(int unit, int unitLength, int pc, T tree) {
        grow(unit);
        if (trees[unit] == null) {
            trees[unit] = new Object[unitLength];
        }
        trees[unit][pc] = tree;
    }

    @SuppressWarnings("unchecked")
    void forEachTree(Consumer<T> action) {
        for (Object[] unit : trees) {
            if (unit != null) {
                for (Object tree : unit) {
                    if (tree != null) {
                        action.accept((T) tree);
                    }
                }
            }
        }
    }

    /** Forgets everything. */
    void clear() {
        counts = new int[0][];
        aborts = new int[0][];
        trees = new Object[0][];
    }

    private void grow(int unit) {
        if (unit >= counts.length) {
            int n = Math.max(unit + 1, counts.length * 2);
            counts = Arrays.copyOf(counts, n);
            aborts = Arrays.copyOf(aborts, n);
            trees = Arrays.copyOf(trees, n);
        }
    }
}
