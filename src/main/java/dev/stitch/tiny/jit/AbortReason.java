package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.Abort;

/** Why a recording was given up; the interpreter goes on where it stopped. */
enum AbortReason implements Abort {
    /** The recorded iteration was the loop's last: nothing is wrong with the loop, try again later. */
    LEFT_LOOP("left the loop", Policy.RETRY),
    TOO_LONG("trace too long", Policy.COUNT),
    /** A backward jump to code this path ran already: a loop that is not the trace's. */
    INNER_LOOP("inner loop", Policy.COUNT),
    /** The path reached the head of a loop that has a trace of its own. */
    INNER_TRACE("loop with a trace of its own", Policy.GIVE_UP),
    CONDITIONAL_BACKWARD_JUMP("conditional backward jump", Policy.COUNT),
    STACK_NOT_EMPTY("stack not empty at the loop head", Policy.COUNT),
    /** The next instruction fails (a zero divisor, a bad array or index, an undefined variable). */
    RUNTIME_ERROR("runtime error ahead", Policy.COUNT),
    /** An instruction no uop stands for ({@code ERROR}, a built-in call traces do not make). */
    UNSUPPORTED("instruction without a uop", Policy.COUNT),
    /** A local slot past what a trace's frame may have. */
    TOO_MANY_SLOTS("local slots past the frame's", Policy.COUNT),
    RECURSION("recursive call", Policy.COUNT),
    INLINE_DEPTH("calls nested too deep to inline", Policy.COUNT),
    /** A return from the top level, or from the caller of the function the trace started in. */
    RETURN_TOO_FAR("return past the trace's caller", Policy.COUNT),
    TOO_MANY_EXITS("too many exits", Policy.COUNT),
    PRINT_TOO_WIDE("print of too many values", Policy.COUNT);

    private final String text;
    private final Policy policy;

    AbortReason(String text, Policy policy) {
        this.text = text;
        this.policy = policy;
    }

    @Override
    public Policy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return text;
    }
}
