package dev.stitch.tiny;

import java.util.Arrays;

/**
 * The active calls of a run, the top level at the bottom: what the interpreter keeps of who called
 * whom, and what a JIT rebuilds when compiled code that ran several calls inline stops part way
 * through one. Frames are created only here ({@link #push}), so each belongs to one stack.
 */
public final class CallStack {
    /** The most calls that may be active at once, the top level not counted. */
    public static final int MAX_CALLS = 10_000;

    private final FunctionCode[] functions;
    private final ArrayHeap heap;
    private final ProgramOutput output;
    private CallFrame[] frames = new CallFrame[16];
    private int depth;

    CallStack(FunctionCode[] functions, ArrayHeap heap, ProgramOutput output) {
        this.functions = functions;
        this.heap = heap;
        this.output = output;
        frames[depth++] = new CallFrame(functions[0], this);
    }

    /** Function {@code index} of the running program: the one {@link Opcode#CALL} {@code index} calls. */
    public FunctionCode function(int index) {
        if (index < 0 || index >= functions.length) {
            throw new IndexOutOfBoundsException("function " + index + " of a program of " + functions.length);
        }
        return functions[index];
    }

    ArrayHeap heap() {
        return heap;
    }

    ProgramOutput output() {
        return output;
    }

    /** The number of active frames, the top level's included (so at least 1). */
    public int depth() {
        return depth;
    }

    /** The frame running now. */
    public CallFrame top() {
        return frames[depth - 1];
    }

    /** Frame {@code index}, 0 being the top level's and {@link #depth()}-1 the running one. */
    public CallFrame frame(int index) {
        if (index < 0 || index >= depth) {
            throw new IndexOutOfBoundsException("frame " + index + " of a call stack " + depth + " deep");
        }
        return frames[index];
    }

    /**
     * Calls {@code callee}: a new frame, its slots zero and its stack empty, runs on top. The
     * caller's {@link CallFrame#setResumePc resume pc} and stack depth are the caller's to set.
     *
     * @throws TinyRuntimeException if {@link #MAX_CALLS} calls are active already, with the
     *     message the program reports
     */
    public CallFrame push(FunctionCode callee) {
        if (depth - 1 == MAX_CALLS) {
            throw new TinyRuntimeException("call stack too deep: more than " + MAX_CALLS
                    + " nested calls (calling " + callee.name() + ")");
        }
        if (depth == frames.length) {
            frames = Arrays.copyOf(frames, frames.length * 2);
        }
        CallFrame frame = new CallFrame(callee, this);
        frames[depth++] = frame;
        return frame;
    }

    /**
     * Returns from the running call: its frame is dropped and its caller runs on top again.
     *
     * @throws IllegalStateException at the top level, which has no caller
     */
    public CallFrame pop() {
        if (depth == 1) {
            throw new IllegalStateException("the top level has no caller to return to");
        }
        frames[--depth] = null;
        return frames[depth - 1];
    }
}
