package dev.stitch.jit.tree;

/**
 * What the trace-tree machinery did, as it happens: for a log that tells a user which loops were
 * compiled, which were not and why, and where trees grew or stopped growing. The front end's
 * {@link Listener} words them in its language's terms (functions and lines).
 *
 * @param <L> the front end's part of a loop
 * @param <S> the front end's exit snapshot
 */
public sealed interface JitEvent<L, S> {
    /** The tree the event is about; its {@link TraceTree#trace()} is the installed one (null if none is yet). */
    TraceTree<L, S> tree();

    /** A loop's first trace was compiled and installed. */
    record Compiled<L, S>(TraceTree<L, S> tree, int uops, int inlinedCalls, int returns) implements JitEvent<L, S> {}

    /** The tree grew the side path from exit {@code from}; the tree has {@code uops} uops and {@code sidePaths} side paths now. */
    record Grew<L, S>(TraceTree<L, S> tree, S from, int uops, int sidePaths) implements JitEvent<L, S> {}

    /**
     * A recording was given up at {@code pc} (in the unit on top of the state): the loop's first
     * ({@code from} null) or a side path's from exit {@code from}. {@code tries} counts the
     * recordings given up there so far; {@code givenUp} is true if the place is not recorded again.
     */
    record Aborted<L, S>(TraceTree<L, S> tree, S from, int pc, Abort why, int tries, boolean givenUp)
            implements JitEvent<L, S> {}

    /** The compiler could not lay the trace out ({@code why}); the loop runs interpreted, or the tree keeps its last code. */
    record NotCompiled<L, S>(TraceTree<L, S> tree, String why) implements JitEvent<L, S> {}

    /** The tree grows no more ({@code why}): exits that get hot from now on stay exits. */
    record Full<L, S>(TraceTree<L, S> tree, String why) implements JitEvent<L, S> {}

    /** Hears the events of a {@link TreeJit}, with the interpreter's state as it is when they happen. */
    @FunctionalInterface
    interface Listener<L, S, C> {
        void event(JitEvent<L, S> event, C state);
    }
}
