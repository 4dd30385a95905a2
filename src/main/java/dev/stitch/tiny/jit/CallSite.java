package dev.stitch.tiny.jit;

import dev.stitch.tiny.FunctionCode;

/**
 * A place the function a trace started in is called from, once the trace has returned there: the
 * caller's local slots are trace slots {@code base..}, and the {@code pending} values on its stack
 * at the call are kept in the slots after them while the trace runs the callee. A trace knows
 * which site called it by the number in its key slot (the site's index + 1, 0 for none it knows).
 */
record CallSite(FunctionCode caller, int resumePc, int pending, int base) {
    /** The first slot of the pending values. */
    int pendingBase() {
        return base + caller.slotCount();
    }
}
