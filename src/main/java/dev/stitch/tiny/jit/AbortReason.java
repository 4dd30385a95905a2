package dev.stitch.tiny.jit;

/** Why a recording was given up; the interpreter goes on where it stopped. */
enum AbortReason {
    /** The recorded iteration was the loop's last: nothing is wrong with the loop, try again later. */
    LEFT_LOOP("left the loop", true),
    TOO_LONG("trace too long", false),
    /** A backward jump to code this path ran already: a loop that is not the trace's. */
    INNER_LOOP("inner loop", false),
    /** The path reached the head of a loop that has a trace of its own. */
    INNER_TRACE("loop with a trace of its own", false),
    CONDITIONAL_BACKWARD_JUMP("conditional backward jump", false),
    STACK_NOT_EMPTY("stack not empty at the loop head", false),
    /** The next instruction fails (a zero divisor, a bad array or index, an undefined variable). */
    RUNTIME_ERROR("runtime error ahead", false),
    /** An instruction no uop stands for ({@code NEW_ARRAY}, {@code ERROR}). */
    UNSUPPORTED("instruction without a uop", false),
    /** A local slot past what a trace's frame may have. */
    TOO_MANY_SLOTS("local slots past the frame's", false),
    RECURSION("recursive call", false),
    INLINE_DEPTH("calls nested too deep to inline", false),
    /** A return from the top level, or from the caller of the function the trace started in. */
    RETURN_TOO_FAR("return past the trace's caller", false),
    TOO_MANY_EXITS("too many exits", false),
    PRINT_TOO_WIDE("print of too many values", false);

    private final String text;
    private final boolean retry;

    AbortReason(String text, boolean retry) {
        this.text = text;
        this.retry = retry;
    }

    /** True if the loop is fine and only this iteration did not fit: no count against the loop. */
    boolean retry() {
        return retry;
    }

    @Override
    public String toString() {
        return text;
    }
}
