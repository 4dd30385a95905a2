package dev.stitch.jit;

/**
 * How a trace's code keeps its values: the two shapes a trace compiles to, selectable per
 * compile so that they can be measured side by side.
 */
public enum CodeShape {
    /**
     * The operand stack lives in memory and every uop's stencil loads its operands from it and
     * stores its result back; the locals live in memory. Each uop is one stencil, and every exit
     * leaves the frame as it is, with no state to write back.
     */
    STACK,
    /**
     * The stack's slots live in registers (the deepest in memory when there are more than the
     * registers), the locals the trace uses most are pinned in registers for the whole trace, and
     * constants and pinned locals are folded into the operations that use them. Each exit stub
     * writes back exactly the registers that hold state at that point. The default.
     */
    REGISTERS
}
