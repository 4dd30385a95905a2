package dev.stitch.tiny;

/**
 * The state of one active call: the function, its local slots and its operand stack (both
 * {@code long[]}, sized at compile time), and access to the run's arrays and output. The
 * interpreter keeps the stack depth in a local variable while it runs and stores it here before it
 * calls a hook or another function, so {@link #stackDepth()} is exact whenever a hook sees the
 * frame.
 */
public final class CallFrame {
    final FunctionCode function;
    final long[] locals;
    final long[] stack;
    final ArrayHeap heap;
    final ProgramOutput output;
    private final CallStack calls;
    int stackDepth;
    /** Where the caller continues once the function this frame calls returns. */
    int resumePc;

    CallFrame(FunctionCode function, CallStack calls) {
        this.function = function;
        this.locals = new long[function.slotCount()];
        this.stack = new long[function.maxStack()];
        this.heap = calls.heap();
        this.output = calls.output();
        this.calls = calls;
    }

    /** The call stack this frame is on: its callers, and the calls it made that are still active. */
    public CallStack calls() {
        return calls;
    }

    /**
     * The pc this frame goes on at once the call it made returns; meaningful only while it has a
     * callee on {@link #calls()}.
     */
    public int resumePc() {
        return resumePc;
    }

    /** Sets {@link #resumePc()}: where this frame continues once its callee returns (0..code length-1). */
    public void setResumePc(int pc) {
        if (pc < 0 || pc >= function.codeLength()) {
            throw new IllegalArgumentException("resume pc " + pc + " out of range 0.." + (function.codeLength() - 1)
                    + " for " + function.name());
        }
        resumePc = pc;
    }

    public FunctionCode function() {
        return function;
    }

    /** The local slots, live: writes are seen by the interpreter. */
    public long[] locals() {
        return locals;
    }

    /** The operand stack's storage, live; slots 0..{@link #stackDepth()}-1 hold values, bottom first. */
    public long[] stack() {
        return stack;
    }

    /** The number of values on the operand stack. */
    public int stackDepth() {
        return stackDepth;
    }

    /** Sets the number of values on the operand stack (0..{@link FunctionCode#maxStack()}). */
    public void setStackDepth(int depth) {
        if (depth < 0 || depth > stack.length) {
            throw new IllegalArgumentException("stack depth " + depth + " out of range 0.." + stack.length
                    + " for " + function.name());
        }
        stackDepth = depth;
    }

    /** The arrays of the run. */
    public ArrayHeap heap() {
        return heap;
    }

    /** Where the run prints. */
    public ProgramOutput output() {
        return output;
    }
}
