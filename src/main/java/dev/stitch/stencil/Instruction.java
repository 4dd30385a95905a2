package dev.stitch.stencil;

import java.util.Objects;

/**
 * One instruction read back from a trace's bytes by its {@link Backend}: what a listing prints
 * and what a walk over the code follows.
 *
 * @param length    bytes
 * @param hex       the bytes as the architecture writes them: the word on AArch64, the bytes in
 *                  order on x86-64
 * @param text      the disassembly in LLVM's syntax
 * @param target    the absolute address a relative branch or PC-relative operand names, when
 *                  {@code hasTarget}
 * @param hasTarget whether there is one
 * @param flow      how control goes on from it
 * @param named     the text with the target written as a given name ({@code %s}), or null
 * @param filler    true for padding that falls through ({@code nop})
 * @param trapText  for padding that traps if run, how a listing writes it ({@code .word 0}, {@code int3}); else null
 */
public record Instruction(int length, String hex, String text, long target, boolean hasTarget, Flow flow, String named,
                          boolean filler, String trapText) {
    /** How control leaves an instruction. */
    public enum Flow {
        /** On to the next instruction. */
        NEXT,
        /** To its target, or on when the condition does not hold. */
        CONDITIONAL,
        /** To its target. */
        JUMP,
        /** To its target and back. */
        CALL
    }

    public Instruction {
        Objects.requireNonNull(hex, "hex");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(flow, "flow");
    }

    /** The text with the target written as {@code name} ({@code b <uop 3: LOAD 1>}), or the text. */
    public String textWithTarget(String name) {
        return named == null ? text : named.replace("%s", name);
    }
}
