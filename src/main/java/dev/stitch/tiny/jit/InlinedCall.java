package dev.stitch.tiny.jit;

import dev.stitch.tiny.FunctionCode;

/**
 * A call a trace runs inline: the callee's local slots are trace slots {@code base..}, and its
 * operand stack starts at trace stack depth {@code stackStart} (the caller's values below it stay
 * on the trace's stack); the caller goes on at {@code callerResumePc} once it returns.
 */
record InlinedCall(FunctionCode callee, int base, int callerResumePc, int stackStart) {}
