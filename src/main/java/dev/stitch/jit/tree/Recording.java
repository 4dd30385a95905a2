package dev.stitch.jit.tree;

import dev.stitch.jit.Trace;

import java.util.Objects;

/**
 * How a front end's recording ended: a trace, or why not ({@code abort}); either way the
 * location the interpreter goes on at ({@code pc}, in the code unit on top of its state), and
 * how many calls the path ran inline and returns it followed out of the unit it started in.
 */
public record Recording(Trace trace, int pc, Abort abort, int inlinedCalls, int returns) {
    /** A recording given up at {@code pc}. */
    public static Recording aborted(int pc, Abort why) {
        return new Recording(null, pc, Objects.requireNonNull(why, "why"), 0, 0);
    }

    /** A trace, built and checked, with the interpreter at {@code pc}. */
    public static Recording recorded(Trace trace, int pc, int inlinedCalls, int returns) {
        return new Recording(Objects.requireNonNull(trace, "trace"), pc, null, inlinedCalls, returns);
    }

    /** True if there is a trace. */
    public boolean succeeded() {
        return trace != null;
    }
}
