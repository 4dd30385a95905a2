package dev.stitch.jit;

import dev.stitch.stencil.Instruction;

/**
 * Counts the instructions one iteration of a trace's loop runs on its main path, from the
 * installed bytes: from the loop head (the earliest uop a back-edge goes to) on, every conditional branch falls
 * through (a guard holds, a side path is not taken) unless it goes back to the head, and every
 * unconditional branch is followed, until control is back at the head. An unrolled loop comes
 * back after all its copies, so the count is divided by them. A count, not a time: deterministic,
 * so tests may pin it.
 */
final class IterationCount {
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
        Trace trace = layout.trace;
        int loop = -1;
        for (int i = 0; i < trace.size(); i++) {
            TraceUop u = trace.uop(i);
            if (TraceLayout.isBackEdge(u, i)) {
                int target = u.uop() == dev.stitch.stencil.Uop.LOOP ? 1 : u.target();
                loop = loop < 0 ? target : Math.min(loop, target);
            }
        }
        if (loop < 0) {
            throw new IllegalStateException("trace " + trace.name() + " has no loop: no LOOP or jump back");
        }
        int head = layout.label(0, loop);
        int at = head;
        int count = 0;
        boolean[] seen = new boolean[layout.hotEnd];
        while (true) {
            if (at < 0 || at >= layout.hotEnd) {
                throw new IllegalStateException("trace " + layout.trace.name() + ": the main path leaves the hot code at"
                        + " offset " + at + " without coming back to the loop head; it has no loop to count");
            }
            if (seen[at]) {
                throw new IllegalStateException("trace " + layout.trace.name() + ": the main path loops at offset " + at
                        + " without coming back to the loop head");
            }
            seen[at] = true;
            count++;
            Instruction insn = layout.backend.decode(bytes, at, base);
            boolean branch = insn.flow() == Instruction.Flow.JUMP || insn.flow() == Instruction.Flow.CONDITIONAL;
            long target = branch ? insn.target() - base : -1;
            if (target == head) {
                return (double) count / layout.plan.copies;
            }
            at = insn.flow() == Instruction.Flow.JUMP ? (int) target : at + insn.length();
        }
    }
}
