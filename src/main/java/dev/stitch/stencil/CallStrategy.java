package dev.stitch.stencil;

import dev.stitch.mem.Architecture;

/**
 * How calls to external symbols reach them: the steps CPython's JIT went through on AArch64
 * (see docs), selectable per compile so that they can be measured side by side. The descriptions
 * are AArch64's; x86-64's nearest equivalents are in docs/TRACES.md and on
 * {@link #carriesTrampoline}.
 */
public enum CallStrategy {
    /**
     * Each call site has its own trampoline in the stencil's code, after the continuation jump:
     * {@code movz/movk x16} ×4 (four holes) and {@code br x16}. The continuation jump is not the
     * last instruction, so it is never elided.
     */
    MOVW_PER_CALL,
    /**
     * Each stencil has one trampoline per symbol in its code: {@code ldr x16, #8; br x16; .quad}
     * (one hole; 16 bytes instead of 20, plus a {@code nop} when one is needed to align the literal
     * to 8 bytes, so 4 or 0 bytes smaller). The continuation jump is still not last.
     */
    LITERAL_IN_CODE,
    /** The same trampoline in the stencil's data section, so the continuation jump is last again and elided. */
    LITERAL_IN_DATA,
    /**
     * Stencils call with a plain {@code bl symbol}; the compiler emits one trampoline per distinct
     * symbol per trace at the end of the code, and calls directly when the symbol is within
     * ±128 MiB. The default.
     */
    PER_TRACE,
    /** Like {@link #PER_TRACE}, but never calls directly: for tests and measurements. */
    PER_TRACE_ALWAYS;

    /**
     * True if each call stencil carries its own trampoline on {@code architecture}. On x86-64
     * only {@link #LITERAL_IN_CODE} does: there {@link #MOVW_PER_CALL} is {@code movabs r11; call r11}
     * and {@link #LITERAL_IN_DATA} is {@code call qword ptr [rip + literal]}, with no jump in between.
     */
    public boolean carriesTrampoline(Architecture architecture) {
        return Backend.of(architecture).carriesTrampoline(this);
    }
}
