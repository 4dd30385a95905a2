package dev.stitch.tiny;

/**
 * The seam where a JIT plugs into the interpreter. Every method has a default that does nothing,
 * so {@link #NONE} (and any hooks that override only some methods) leave the interpretation as it
 * is.
 *
 * <h2>Backward jumps</h2>
 * The interpreter calls {@link #onBackwardJump} on every backward jump it takes: every time a
 * loop goes round (the {@code JUMP} at the end of a loop body, and {@code continue}). The target
 * is the loop head, where the loop's condition starts; the compiler guarantees the operand stack
 * is empty there (loops are statements). A tracing JIT counts the calls per
 * {@code (function, targetPc)} to find hot loops, records a trace from the head, and once it has
 * compiled one, runs it right there:
 * <ol>
 *   <li>it reads and writes the locals in {@link CallFrame#locals()} (the same array the
 *       interpreter uses, so changes are seen), the arrays through {@link CallFrame#heap()}, and
 *       prints through {@link CallFrame#output()};</li>
 *   <li>when the trace exits, it leaves the frame as the interpreter would be at the exit's pc:
 *       locals written back, any values the exit leaves on the operand stack put in
 *       {@link CallFrame#stack()} with {@link CallFrame#setStackDepth}, and returns that pc;</li>
 *   <li>the interpreter continues at the returned pc. Returning {@code targetPc} unchanged (the
 *       default) just takes the jump.</li>
 * </ol>
 * Compiled code may also have run calls inline, or returned from the running function, and stopped
 * in another frame than the one it started in. The hook then leaves {@link CallFrame#calls()} as
 * the interpreter would have it there: frames popped for returns, frames pushed (with their locals,
 * stacks and the callers' {@link CallFrame#setResumePc resume pcs}) for calls, and returns a pc
 * of the function on top, where the interpreter goes on.
 * A trace that meets a runtime error (a zero divisor, a bad index) should exit to the pc of the
 * instruction that fails, with its operands on the stack: the interpreter executes it again and
 * reports the error with the right line. No hook is called while the hook runs, and the
 * interpreter checks the returned pc and stack depth.
 *
 * <h2>Runs</h2>
 * {@link #onRunStart} and {@link #onRunEnd} bracket every run the hooks serve, so one set of hooks
 * may serve many runs: a JIT keeps the code it compiled for a program and rebinds it to the next
 * run's arrays. {@code onRunEnd} is called however the run ends (completed, a runtime error, an
 * exception from a hook), after its output was flushed and before its arrays are freed; it is not
 * called if {@code onRunStart} threw. Hooks that wrap others forward all three methods: a JIT
 * refuses loop events of a run it was not told about.
 */
public interface InterpreterHooks {
    /** Hooks that do nothing: plain interpretation. */
    InterpreterHooks NONE = new InterpreterHooks() {};

    /**
     * Called before the interpreter takes a backward jump to {@code targetPc} in
     * {@code function}.
     *
     * @param function the function whose code is running ({@code frame.function()})
     * @param targetPc the pc jumped to: a loop head
     * @param frame the running frame: locals, operand stack (empty for the jumps the compiler
     *     emits), the heap and the output
     * @return the pc to continue interpreting at, in the function on top of the call stack when
     *     the hook returns ({@code function} unless it changed the calls): {@code targetPc} to
     *     just take the jump, or where a compiled trace exited
     */
    default int onBackwardJump(FunctionCode function, int targetPc, CallFrame frame) {
        return targetPc;
    }

    /**
     * Called before a run of {@code program} executes its first instruction. Hooks that cannot
     * serve this run (they serve another program, or another run right now) throw here, and the
     * exception leaves {@link Program#run} before anything ran.
     */
    default void onRunStart(Program program) {
    }

    /** Called when the run of {@code program} that {@link #onRunStart} began has ended. */
    default void onRunEnd(Program program) {
    }
}
