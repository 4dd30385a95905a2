package dev.stitch.tiny.jit;

import java.util.List;

/**
 * The interpreter's state at one exit of a trace, as its exit value (an index into its tree's
 * snapshots) stands for it: the pc to go on at, the trace stack's depth, and the frames the
 * trace's values belong to. The bottom frame is the one the trace started in, or, once the trace
 * returned from it, its caller through call site {@code site}; then come the calls run inline,
 * innermost last. The pc is in the innermost frame's function.
 */
record ExitSnapshot(int pc, int depth, int site, List<InlinedCall> calls) {
    ExitSnapshot {
        calls = List.copyOf(calls);
    }

    /** True if the trace returned from the function it started in: it exits in that function's caller. */
    boolean inCaller() {
        return site >= 0;
    }
}
