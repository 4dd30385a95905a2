package dev.stitch.jit.tree;

import dev.stitch.jit.Frame;
import dev.stitch.jit.Trace;

import java.util.BitSet;

/**
 * What a language gives {@link TreeJit}: how to record a path of its code as uops while executing
 * it, and how to move its interpreter's state into a trace's {@link Frame} and back. Everything
 * else (counting hot loops, blacklisting, growing trees from hot exits, linking, compiling, running
 * one trace after another) is the machinery's, and the same for every language.
 *
 * <p>Code is addressed as (unit, pc): a unit is what the interpreter runs one frame of (a
 * function), numbered from 0; a pc is a position in it. A loop is its head's (unit, pc).
 *
 * @param <L> the front end's part of a loop's tree: its slot layout and what it needs to record
 * @param <S> an exit snapshot: the interpreter's state at one exit, as recorded (equal snapshots
 *     share an exit value, so a side path from one serves every guard that exits there)
 * @param <C> the interpreter's live state that traces run from and leave (for instance a call stack)
 */
public interface FrontEnd<L, S, C> {
    /** The front end's part of a new tree for the loop whose head is {@code pc} in the unit on top of {@code state}. */
    L loop(C state, int pc);

    /** The name a tree's trace has in listings and symbols. */
    String traceName(L loop);

    /**
     * Records the loop's main trace: {@code ENTER}, then one iteration from the head (where
     * {@code state} is) back to it, closed with {@code LOOP}. Exits are {@link TraceTree#exit}
     * values; the indices of guards that stand for conditional jumps (the ones a tree may grow
     * from) are set in {@code branchGuards}. The state is left consistent at the returned pc,
     * since everything before it was executed.
     */
    Recording record(TraceTree<L, S> tree, C state, Trace.Builder builder, BitSet branchGuards);

    /**
     * Records a side path: from {@code from}, the state the tree's trace just left {@code state}
     * in, to the loop head ({@code LOOP}) or to the head of another loop's trace ({@code EXIT}
     * there, which the machinery hands over to), appended to {@code builder}, which holds the
     * trace so far.
     */
    Recording recordSide(TraceTree<L, S> tree, S from, C state, Trace.Builder builder, BitSet branchGuards);

    /** The local slots a frame for the tree's trace needs: every slot its recordings laid out so far. */
    int slotCount(L loop);

    /**
     * {@code trace}, all recorded so far, is installed, on a frame of {@link #slotCount} slots: what
     * the front end copies in and out from now on may depend on the slots it uses.
     */
    void installed(L loop, Trace trace);

    /**
     * Copies what the installed trace reads from {@code state} into {@code frame} (at the loop head,
     * stack empty). False if the trace must not run from this state (the interpreter goes on at the
     * head and reports what is wrong).
     */
    boolean enter(TraceTree<L, S> tree, C state, Frame frame);

    /** Leaves {@code state} as the interpreter would have it at {@code snapshot}, from {@code frame}; returns its pc. */
    int exit(TraceTree<L, S> tree, S snapshot, C state, Frame frame);

    /**
     * The unit on top of {@code state} if a loop's trace could start there now (its operand stack
     * empty, as at a loop head); -1 if not.
     */
    int unitAt(C state);
}
