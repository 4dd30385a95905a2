package dev.stitch.jit.tree;

/**
 * What a {@link TreeJit} did so far, over every run it served.
 *
 * @param traces loops compiled (one trace, or trace tree, each; growing a tree does not count)
 * @param uops uops compiled (a trace tree's recompilations included)
 * @param codeBytes bytes of code installed (recompilations included)
 * @param trampolines per-trace trampolines emitted (recompilations included)
 * @param exits trace exits taken at run time (one per trace run)
 * @param compileMicros time spent compiling, in microseconds
 * @param aborts recordings that were given up (side paths' included)
 * @param sideTraces side paths grafted onto traces (each makes its loop's trace a bigger tree)
 * @param links guards that jump to a side path instead of exiting: those that exit where a side
 *     path was grown, and those of later paths that exit where one already starts
 * @param inlinedCalls calls of tiny functions that compiled traces run inline (counted once per
 *     recorded path, not per run)
 * @param returns returns out of the function a loop is in that compiled traces follow into its
 *     caller (counted once per recorded path)
 * @param handovers exits after which another loop's trace ran at once, without the interpreter
 * @param interpreterReturns times control went back to the interpreter after traces ran: the
 *     trips that cost an interpreter round trip
 */
public record JitStats(int traces, long uops, long codeBytes, long trampolines, long exits, long compileMicros,
                       int aborts, int sideTraces, int links, int inlinedCalls, int returns, long handovers,
                       long interpreterReturns) {
    /**
     * The line {@code stitch run --stats} prints: the counts that are not zero, and the returns to
     * the interpreter where they are fewer than the exits.
     */
    public String line() {
        return "jit: traces=" + traces + " uops=" + uops + " code_bytes=" + codeBytes + " trampolines=" + trampolines
                + " exits=" + exits + " compile_us=" + compileMicros
                + (sideTraces == 0 ? "" : " side_traces=" + sideTraces)
                + (links == 0 ? "" : " links=" + links)
                + (inlinedCalls == 0 ? "" : " inlined_calls=" + inlinedCalls)
                + (returns == 0 ? "" : " returns=" + returns)
                + (handovers == 0 ? "" : " handovers=" + handovers)
                + (interpreterReturns == exits ? "" : " to_interpreter=" + interpreterReturns);
    }
}
