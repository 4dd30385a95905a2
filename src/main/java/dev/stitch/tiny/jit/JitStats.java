package dev.stitch.tiny.jit;

/**
 * What a {@link TracingJit} did in a run.
 *
 * @param traces traces compiled
 * @param uops uops in them
 * @param codeBytes bytes of code installed
 * @param trampolines per-trace trampolines emitted
 * @param exits trace exits taken at run time (one per trace run)
 * @param compileMicros time spent compiling, in microseconds
 * @param aborts recordings that were given up
 */
public record JitStats(int traces, long uops, long codeBytes, long trampolines, long exits, long compileMicros,
                       int aborts) {
    /** The line {@code stitch run --stats} prints. */
    public String line() {
        return "jit: traces=" + traces + " uops=" + uops + " code_bytes=" + codeBytes + " trampolines=" + trampolines
                + " exits=" + exits + " compile_us=" + compileMicros;
    }
}
