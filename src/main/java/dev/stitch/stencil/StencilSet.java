package dev.stitch.stencil;

import java.util.List;

/**
 * The stencils of the uop set for one architecture: what {@link StencilLibrary} assembles. Each
 * method assembles a fresh stencil; the library keeps them.
 */
sealed interface StencilSet permits A64UopStencils, X64UopStencils {
    /** The trace's entry: saves the callee-saved registers it pins, loads them from the frame header. */
    Stencil enter();

    /** Writes the stack depth back, restores the caller's registers, returns the exit value. */
    Stencil epilogue();

    /** {@code EXIT n}, and the exit stub of every uop that can exit: returns the oparg. */
    Stencil exit();

    /** The exit stub of a call whose upcall failed: returns {@link FrameLayout#UPCALL_FAILED_EXIT}. */
    Stencil upcallFailedExit();

    /** The variants of {@code CONST}, the first for the smallest operands. */
    List<Stencil> constants();

    /** The index in {@link #constants()} of the variant that holds {@code operand}. */
    int constantFor(long operand);

    Stencil load();

    Stencil store();

    Stencil stackOp(Uop uop);

    Stencil binary(Uop uop);

    Stencil unary(Uop uop);

    Stencil division(Uop uop);

    Stencil guard(Uop uop);

    Stencil arrayLoad();

    Stencil arrayStore();

    Stencil arrayLength();

    /** {@code LOOP}: a back-edge, so it polls first (see {@link FrameLayout}). */
    Stencil loop();

    /** {@code JUMP}; a {@code backEdge} jump polls first. */
    Stencil jump(boolean backEdge);

    /** {@code JUMP_IF_TRUE}/{@code JUMP_IF_FALSE}; a {@code backEdge} jump polls before it jumps. */
    Stencil conditionalJump(Uop uop, boolean backEdge);

    /** The stub a back-edge leaves through when its fuel is spent: returns {@link FrameLayout#YIELD_EXIT}. */
    Stencil yieldExit();

    /**
     * Not a uop: {@code long stack_pointer(void)}, a function that returns its caller's stack
     * pointer, which Java cannot read; it tells how much stack a thread has left.
     */
    Stencil stackPointerProbe();

    /** The entry a yielded trace is called at to go on: the prologue, then a jump to the stored uop. */
    Stencil resumeEntry();

    /**
     * {@code CALL symbol n}: pops the arguments, calls, pushes the result; after an upcall
     * ({@code checked}) leaves through the exit stub if it failed.
     */
    Stencil call(CallStrategy strategy, int ordinal, int arity, CallResult result, boolean checked);
}
