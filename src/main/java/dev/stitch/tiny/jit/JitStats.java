package dev.stitch.tiny.jit;

/**
 * What a {@link TracingJit} did in a run.
 *
 * @param traces loops compiled (one trace, or trace tree, each; growing a tree does not count)
 * @param uops uops compiled (a trace tree's recompilations included)
 * @param codeBytes bytes of code installed (recompilations included)
 * @param trampolines per-trace trampolines emitted (recompilations included)
 * @param exits trace exits taken at run time (one per trace run)
 * @param compileMicros time spent compiling, in microseconds
 * @param aborts recordings that were given up (side paths' included)
 * @param sideTraces side paths grafted onto traces (each makes its loop's trace a bigger tree)
 */
public record JitStats(int traces, long uops, long codeBytes, long trampolines, long exits, long compileMicros,
                       int aborts, int sideTraces) {
    /** The line {@code stitch run --stats} prints. */
    public String line() {
        return "jit: traces=" + traces + " uops=" + uops + " code_bytes=" + codeBytes + " trampolines=" + trampolines
                + " exits=" + exits + " compile_us=" + compileMicros + (sideTraces == 0 ? "" : " side_traces=" + sideTraces);
    }
}
