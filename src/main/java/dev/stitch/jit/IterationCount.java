package dev.stitch.jit;

import dev.stitch.stencil.Instruction;

/**
 * Counts the instructions one iteration of a trace's loop runs on its main path, from the
 * installed bytes: from the loop head (the code of uop 1) on, every conditional branch falls
 * through (a guard holds, a side path is not taken) unless it goes back to the head, and every
 * unconditional branch is followed, until control is back at the head. An unrolled loop comes
 * back after all its copies, so the count is divided by them. A count, not a time: deterministic,
 * so tests may pin it.
 */
final class IterationCount {
    /** More instructions than any trace's path can have without looping: a path that never comes back. */
    private static final int LIMIT = 1 << 20;

    private IterationCount() {}

    /** {@link #of}, or NaN for a trace whose main path does not loop. */
    static double ofOrNaN(CompiledTrace compiled) {
        try {
            return of(compiled);
        } catch (IllegalStateException e) {
            return Double.NaN;
        }
    }

    static double of(CompiledTrace compiled) {
        TraceLayout layout = compiled.layout();
        byte[] bytes = compiled.bytes();
        long base = compiled.address();
        if (layout.trace.size() < 2) {
            throw new IllegalStateException("trace " + layout.trace.name() + " has no loop: it is only ENTER");
        }
        int head = layout.label[0][1];
        int at = head;
        int count = 0;
        while (count < LIMIT) {
            if (at < 0 || at >= layout.hotEnd) {
                throw new IllegalStateException("trace " + layout.trace.name() + ": the main path leaves the hot code at"
                        + " offset " + at + " without coming back to the loop head; it has no loop to count");
            }
            count++;
            Instruction insn = layout.backend.decode(bytes, at, base);
            boolean branch = insn.flow() == Instruction.Flow.JUMP || insn.flow() == Instruction.Flow.CONDITIONAL;
            long target = branch ? insn.target() - base : -1;
            if (target == head) {
                return (double) count / layout.plan.copies;
            }
            at = insn.flow() == Instruction.Flow.JUMP ? (int) target : at + insn.length();
        }
        throw new IllegalStateException("trace " + layout.trace.name() + ": the main path never comes back to the loop head");
    }
}
