package dev.stitch.tiny.jit;

import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.Trace;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;
import dev.stitch.tiny.FunctionCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled loop: its trace (a tree once side paths grew), the frame it runs on, and what the
 * tree needs to grow and to map its exits back to the interpreter.
 *
 * <p>Exits are told apart by their {@link ExitSnapshot}: an exit's value is the index of its
 * snapshot here, so a side path recorded from one serves every branch guard that exits with the
 * same state. The trace's slots are laid out here too, as recordings need them: the function's
 * own slots from 0, then a region per inlined callee (by call depth and function), per caller it
 * returns to, and the key and scratch slots for returns.
 */
final class LoopTree {
    /** The count of an exit that grew a side path, or of a loop head or exit given up. */
    static final int BLACKLISTED = -1;

    final FunctionCode function;
    final int head;
    final int end;
    Trace trace;
    /** Indices of the trace's guards that stand for conditional jumps (not for errors). */
    BitSet branchGuards = new BitSet();
    CompiledTrace code;
    Frame frame;
    /** The snapshots and call sites the installed trace uses: those made by later recordings may not be in its frame. */
    int installedSites;
    /** True if the installed trace keeps a key slot (one a later recording made is not in its frame). */
    boolean installedKey;
    int sidePaths;

    private final List<ExitSnapshot> exits = new ArrayList<>();
    private final Map<ExitSnapshot, Integer> exitIndex = new HashMap<>();
    private final List<CallSite> sites = new ArrayList<>();
    private final Map<String, Integer> regions = new HashMap<>();
    private int slotCount;
    private int keySlot = -1;
    private int maxInlined;
    /** Per exit: exits taken since the last try, or BLACKLISTED; side recordings given up; the side path's first uop or -1. */
    private int[] exitCounts = new int[16];
    private int[] sideAborts = new int[16];
    private int[] blockStart = new int[16];
    /** The exits the installed trace's branch guards use. */
    private BitSet branchExits = new BitSet();

    LoopTree(FunctionCode function, int head) {
        this.function = function;
        this.head = head;
        this.end = TraceRecorder.loopEnd(function.code(), head);
        this.slotCount = function.slotCount();
        Arrays.fill(blockStart, -1);
    }

    /** The exit value for {@code snapshot}, or -1 if the tree has as many exits as exit values go. */
    int exit(ExitSnapshot snapshot) {
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

    ExitSnapshot snapshot(int exit) {
        return exits.get(exit);
    }

    /**
     * The index of the call site where {@code caller} goes on at {@code resumePc} with
     * {@code pending} values on its stack, made now if new; -1 if its slots would not fit.
     */
    int site(FunctionCode caller, int resumePc, int pending) {
        for (int i = 0; i < sites.size(); i++) {
            CallSite s = sites.get(i);
            if (s.caller() == caller && s.resumePc() == resumePc) {
                return i;
            }
        }
        int base = region("caller " + caller.index(), caller.slotCount() + caller.maxStack());
        if (base < 0 || key() < 0) {
            return -1;
        }
        sites.add(new CallSite(caller, resumePc, pending, base));
        return sites.size() - 1;
    }

    CallSite callSite(int index) {
        return sites.get(index);
    }

    int siteCount() {
        return sites.size();
    }

    /** The slots of a callee run inline at call depth {@code depth}; -1 if they would not fit. */
    int inlinedBase(int depth, FunctionCode callee) {
        maxInlined = Math.max(maxInlined, depth);
        return region("inlined " + depth + " " + callee.index(), callee.slotCount());
    }

    /** The most calls the tree runs inline at once, so far. */
    int maxInlined() {
        return maxInlined;
    }

    /** The slot holding which call site called the trace's function (its index + 1, or 0); -1 if none fits. */
    int key() {
        if (keySlot < 0) {
            keySlot = region("key", 2);
        }
        return keySlot;
    }

    /** A slot a return parks its result in while it puts the caller's values back below it. */
    int scratch() {
        return key() + 1;
    }

    /** True if the trace keeps a key slot: its entry must say which site called it. */
    boolean hasKey() {
        return keySlot >= 0;
    }

    /** The trace frame's slot count: every region made so far. */
    int slotCount() {
        return slotCount;
    }

    private int region(String key, int size) {
        Integer base = regions.get(key);
        if (base != null) {
            return base;
        }
        if (slotCount + size > FrameLayout.MAX_LOCAL + 1) {
            return -1;
        }
        int at = slotCount;
        slotCount += size;
        regions.put(key, at);
        return at;
    }

    /** Counts a trip out through {@code exit}; true if it was the {@code threshold}th since the last try. */
    boolean countExit(int exit, int threshold) {
        return exitCounts[exit] != BLACKLISTED && ++exitCounts[exit] >= threshold;
    }

    /** A side recording from {@code exit} was given up: try again later, or never after a few. */
    void giveUp(int exit, boolean forGood, int maxAborts) {
        if (forGood || ++sideAborts[exit] >= maxAborts) {
            exitCounts[exit] = BLACKLISTED;
        } else {
            exitCounts[exit] = 0;
        }
    }

    /** The side path from {@code exit} starts at uop {@code start} now. */
    void grew(int exit, int start) {
        blockStart[exit] = start;
        exitCounts[exit] = BLACKLISTED;
    }

    /** The first uop of the side path grown from {@code exit}, or -1. */
    int blockStart(int exit) {
        return blockStart[exit];
    }

    /** True if a branch guard of the installed trace exits through {@code exit} and a side path may still grow there. */
    boolean growable(int exit, int maxSidePaths) {
        return exitCounts[exit] != BLACKLISTED && sidePaths < maxSidePaths && trace.size() < TraceRecorder.MAX_UOPS
                && branchExits.get(exit);
    }

    /** Notes which exits the branch guards of the installed trace use. */
    void indexBranchExits() {
        branchExits = new BitSet();
        for (int i = branchGuards.nextSetBit(0); i >= 0; i = branchGuards.nextSetBit(i + 1)) {
            branchExits.set((int) trace.uop(i).arg());
        }
    }
}
