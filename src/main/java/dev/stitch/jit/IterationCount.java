package dev.stitch.jit;

import dev.stitch.a64.LabelUse;
import dev.stitch.mem.Architecture;
import dev.stitch.stencil.Bytes;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;

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
        boolean a64 = layout.architecture == Architecture.AARCH64;
        while (count < LIMIT) {
            if (at < 0 || at >= layout.hotEnd) {
                throw new IllegalStateException("trace " + layout.trace.name() + ": the main path leaves the hot code at"
                        + " offset " + at + " without coming back to the loop head; it has no loop to count");
            }
            count++;
            int next;
            long target;
            boolean conditional;
            if (a64) {
                int word = Bytes.getInt(bytes, at);
                next = at + 4;
                if ((word & 0xFC00_0000) == 0x1400_0000) { // b
                    target = at + LabelUse.BRANCH26.extract(word);
                    conditional = false;
                } else if ((word & 0xFF00_0010) == 0x5400_0000 || (word & 0x7E00_0000) == 0x3400_0000) { // b.cond, cbz, cbnz
                    target = at + LabelUse.BRANCH19.extract(word);
                    conditional = true;
                } else if ((word & 0x7E00_0000) == 0x3600_0000) { // tbz, tbnz
                    target = at + LabelUse.BRANCH14.extract(word);
                    conditional = true;
                } else {
                    target = -1;
                    conditional = false;
                }
            } else {
                X64Instruction insn = X64Disassembler.decode(bytes, at, base);
                next = at + insn.length();
                boolean jump = insn.hasTarget() && insn.text().startsWith("j");
                target = jump ? insn.target() - base : -1;
                conditional = jump && !insn.text().startsWith("jmp");
            }
            if (target == head) {
                return (double) count / layout.plan.copies;
            }
            at = target >= 0 && !conditional ? (int) target : next;
        }
        throw new IllegalStateException("trace " + layout.trace.name() + ": the main path never comes back to the loop head");
    }
}
