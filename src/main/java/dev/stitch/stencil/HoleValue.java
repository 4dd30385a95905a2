package dev.stitch.stencil;

/** What a hole is patched with, resolved per uop when a trace is compiled. */
public enum HoleValue {
    /** The address of the next uop's code: where the trace continues. */
    CONTINUATION,
    /** The address of the uop this one jumps to inside the trace. */
    TARGET,
    /** The address of this uop's exit stub, in the trace's cold section. */
    EXIT,
    /** The address of this back-edge's yield stub, in the cold section: where it goes when the fuel is spent. */
    YIELD,
    /** The address of the trace's shared epilogue, which returns to the caller. */
    EPILOGUE,
    /** The uop's oparg, a small unsigned integer. */
    OPARG,
    /** The byte offset of frame slot number oparg: oparg × 8. */
    OPARG_SLOT,
    /** The uop's 64-bit operand. */
    OPERAND,
    /** The bitwise complement of the operand, for {@code movn}. */
    OPERAND_NOT,
    /** The address of this uop's part of the trace's data section. */
    DATA,
    /** The address of an external symbol (through a trampoline when out of a branch's reach). */
    SYMBOL,
    /** The register the piece writes its result to (register shape). */
    REGISTER_D,
    /** The register of the piece's first operand (register shape). */
    REGISTER_A,
    /** The register of the piece's second operand (register shape). */
    REGISTER_B,
    /** The register of the piece's third operand (register shape). */
    REGISTER_C
}
