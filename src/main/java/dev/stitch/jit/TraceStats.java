package dev.stitch.jit;

/**
 * What compiling a trace produced.
 *
 * @param uops             uops in the trace
 * @param hotBytes         stencil code copied for the uops (without elided jumps)
 * @param coldBytes        the epilogue and the exit stubs
 * @param trampolineBytes  per-trace trampolines
 * @param dataBytes        stencil data (constants; trampolines under {@code LITERAL_IN_DATA})
 * @param paddingBytes     alignment padding anywhere in the trace
 * @param totalBytes       the size of the installed trace
 * @param holesPatched     holes filled
 * @param jumpsElided      continuation jumps dropped because the next uop follows
 * @param trampolines      per-trace trampolines emitted (one per far symbol)
 * @param stencilTrampolines trampolines carried inside call stencils (strategies before {@code PER_TRACE})
 * @param directCalls      call sites that reach their symbol with a direct {@code bl}
 * @param trampolinedCalls call sites that go through a per-trace trampoline
 */
public record TraceStats(int uops, int hotBytes, int coldBytes, int trampolineBytes, int dataBytes, int paddingBytes,
                         int totalBytes, int holesPatched, int jumpsElided, int trampolines, int stencilTrampolines,
                         int directCalls, int trampolinedCalls) {
}
