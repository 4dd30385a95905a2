package dev.stitch.jit.tree;

/**
 * Why a front end gave a recording up, as the trace-tree machinery needs to know it: whether the
 * place may be recorded again. A front end's reasons are an enum implementing this, named in its
 * own words.
 */
public interface Abort {
    /** What the machinery does after an abort. */
    enum Policy {
        /** Nothing is wrong with the place, only this iteration did not fit: try again, with no count against it. */
        RETRY,
        /** Count it: after {@link TreeJit#MAX_ABORTS} the place is not recorded again. */
        COUNT,
        /** Never record here again (a loop another trace will grow round). */
        GIVE_UP
    }

    /** What to do about the place the recording started at. */
    Policy policy();
}
