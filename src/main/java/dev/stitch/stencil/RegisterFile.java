package dev.stitch.stencil;

import java.util.List;
import java.util.Objects;

/**
 * Which registers the register shape may give to stack slots and pinned locals on one
 * architecture, and which it keeps as scratch. Register numbers are the architecture's own
 * (x0..x30 on AArch64, rax=0..r15=15 on x86-64).
 *
 * @param callerSaved registers a call clobbers: stack slots go here first, pinned locals after
 * @param calleeSaved registers a call keeps, saved by the entry: pinned locals go here first
 * @param scratch     three registers for operands that are not in one (a constant, a spilled
 *                    slot), in the order a piece's first operand, second operand and third take them
 * @param names       the register names, by number, for listings
 */
public record RegisterFile(List<Integer> callerSaved, List<Integer> calleeSaved, List<Integer> scratch,
                           List<String> names) {
    public RegisterFile {
        callerSaved = List.copyOf(callerSaved);
        calleeSaved = List.copyOf(calleeSaved);
        scratch = List.copyOf(scratch);
        names = List.copyOf(names);
        for (List<Integer> group : List.of(callerSaved, calleeSaved, scratch)) {
            for (int register : group) {
                if (register < 0 || register > 31) {
                    throw new IllegalArgumentException("register numbers are 0..31, got " + register);
                }
            }
        }
        if (scratch.size() != 3) {
            throw new IllegalArgumentException("a register file has 3 scratch registers, got " + scratch);
        }
    }

    /** {@link #callerSaved} as a bit set over register numbers (all are below 32). */
    public int callerSavedMask() {
        int mask = 0;
        for (int register : callerSaved) {
            mask |= 1 << register;
        }
        return mask;
    }

    /** The name of register {@code number}. */
    public String name(int number) {
        Objects.checkIndex(number, names.size());
        return names.get(number);
    }
}
