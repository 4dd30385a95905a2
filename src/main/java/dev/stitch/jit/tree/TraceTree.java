package dev.stitch.jit.tree;

import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.Trace;
import dev.stitch.stencil.Uop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled loop: its trace (a tree once side paths grew), the code and frame it runs on, and
 * what the tree needs to grow: its exits and how often each was taken.
 *
 * <p>Exits are told apart by their snapshot: an exit's value is the index of its snapshot here, so
 * a side path recorded from one serves every branch guard that exits with the same state. The
 * front end's part of the loop (its slot layout) is {@link #loop()}.
 *
 * @param <L> the front end's part of the loop
 * @param <S> the front end's exit snapshot
 */
public final class TraceTree<L, S> {
    /** The count of an exit that grew a side path, or of one given up: as a loop head's. */
    private static final int BLACKLISTED = LoopHeads.BLACKLISTED;

    private final int unit;
    private final int head;
    private final L loop;
    private final List<S> exits = new ArrayList<>();
    private final Map<S, Integer> exitIndex = new HashMap<>();
    /** Per exit: exits taken since the last try, or BLACKLISTED; side recordings given up; the side path's first uop or -1. */
    private int[] exitCounts = new int[16];
    private int[] sideAborts = new int[16];
    private int[] blockStart = new int[16];
    /** The exits the installed trace's branch guards use. */
    private BitSet branchExits = new BitSet();

    Trace trace;
    /** Indices of the installed trace's guards that stand for conditional jumps (not for errors). */
    BitSet branchGuards = new BitSet();
    CompiledTrace code;
    /** The frame of the run served now, bound to its arrays; null until the run first enters the tree. */
    Frame frame;
    int sidePaths;

    TraceTree(int unit, int head, L loop) {
        this.unit = unit;
        this.head = head;
        this.loop = loop;
        Arrays.fill(blockStart, -1);
    }

    /** The unit the loop is in. */
    public int unit() {
        return unit;
    }

    /** The pc of the loop's head. */
    public int head() {
        return head;
    }

    /** The front end's part of the loop. */
    public L loop() {
        return loop;
    }

    /** The installed trace; null while the first is being recorded. */
    public Trace trace() {
        return trace;
    }

    /** The exit value for {@code snapshot}, made now if new; -1 if the tree has as many exits as exit values go. */
    public int exit(S snapshot) {
        Integer known = exitIndex.get(snapshot);
        if (known != null) {
            return known;
        }
        if (exits.size() > Uop.MAX_EXIT_VALUE) {
            return -1;
        }
        int index = exits.size();
        exits.add(snapshot);
        exitIndex.put(snapshot, index);
        if (index == exitCounts.length) {
            int n = index * 2;
            exitCounts = Arrays.copyOf(exitCounts, n);
            sideAborts = Arrays.copyOf(sideAborts, n);
            blockStart = Arrays.copyOf(blockStart, n);
            Arrays.fill(blockStart, index, n, -1);
        }
        return index;
    }

    /** The snapshot of exit value {@code exit}. */
    public S snapshot(int exit) {
        return exits.get(exit);
    }

    /** Counts a trip out through {@code exit}; true if it was the {@code threshold}th since the last try. */
    boolean countExit(int exit, int threshold) {
        return exitCounts[exit] != BLACKLISTED && ++exitCounts[exit] >= threshold;
    }

    /**
     * A side recording from {@code exit} was given up: try again later, or never after
     * {@code maxAborts}. Returns the side recordings given up there so far.
     */
    int giveUp(int exit, boolean forGood, int maxAborts) {
        int tries = ++sideAborts[exit];
        exitCounts[exit] = forGood || tries >= maxAborts ? BLACKLISTED : 0;
        return tries;
    }

    /** True if no side path is recorded from {@code exit} again. */
    boolean givenUp(int exit) {
        return exitCounts[exit] == BLACKLISTED;
    }

    /** The side path from {@code exit} starts at uop {@code start} now (-1: none again). */
    void grew(int exit, int start) {
        blockStart[exit] = start;
        exitCounts[exit] = BLACKLISTED;
    }

    /** The first uop of the side path grown from {@code exit}, or -1. */
    int blockStart(int exit) {
        return blockStart[exit];
    }

    /** True if a branch guard of the installed trace exits through {@code exit} and a side path may still grow there. */
    boolean growable(int exit) {
        return exitCounts[exit] != BLACKLISTED && sidePaths < TreeJit.MAX_SIDE_PATHS
                && trace.size() < TreeJit.MAX_UOPS && branchExits.get(exit);
    }

    /** Notes which exits the branch guards of the installed trace use. */
    void indexBranchExits() {
        branchExits = new BitSet();
        for (int i = branchGuards.nextSetBit(0); i >= 0; i = branchGuards.nextSetBit(i + 1)) {
            branchExits.set((int) trace.uop(i).arg());
        }
    }
}
