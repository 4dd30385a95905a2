package dev.stitch.stencil;

import dev.stitch.mem.Architecture;

/**
 * Everything the trace compiler, its layout and its listing need to know about one instruction
 * set, in one place per architecture ({@link A64Backend}, {@link X64Backend}), after LuaJIT's
 * {@code lj_asm_arm64.h} / {@code lj_asm_x86.h}: the stencil sets of both code shapes, what
 * padding is, the shape of a stencil's final jump, the per-trace trampoline and how far a direct
 * call reaches, and how to read an instruction back for a listing. Code outside a backend does
 * not ask which architecture it is on; a third one is a third implementation and a case in
 * {@link #of}.
 */
public sealed interface Backend permits A64Backend, X64Backend {
    /** The backend of {@code architecture}: the one place an architecture is mapped to its code. */
    static Backend of(Architecture architecture) {
        return switch (architecture) {
            case AARCH64 -> A64Backend.INSTANCE;
            case X86_64 -> X64Backend.INSTANCE;
        };
    }

    Architecture architecture();

    /** The stack shape's stencils: one per uop. */
    StencilSet stackStencils();

    /** The register shape's stencils. */
    RegisterStencils registerStencils();

    /**
     * Checks a stencil's code size and alignment for this instruction set.
     *
     * @throws IllegalArgumentException naming the stencil, what was wrong and what is allowed
     */
    void checkStencil(String name, int codeSize, int alignment);

    /**
     * The size of the continuation jump {@code hole} patches when it is the final instruction
     * of {@code code} (so that it can be dropped when the next piece follows), else 0.
     */
    int finalJumpBytes(byte[] code, Hole hole);

    /** True if the hole kind belongs to this instruction set. */
    boolean ownsHoleKind(HoleKind kind);

    /**
     * Fills {@code out[from, to)}: with what falls through (no-ops) where control runs into the
     * padding ({@code runs}), else with what traps if it is ever run.
     */
    void pad(byte[] out, int from, int to, boolean runs);

    /** The alignment every instruction has: 4 on AArch64, 1 on x86-64. */
    int instructionAlignment();

    /** Where control enters a per-trace trampoline ({@link Trampolines#TRAMPOLINE_BYTES} long). */
    int trampolineEntry();

    /** Writes a whole trampoline to {@code target} at {@code out[at]}, {@code at} a multiple of 8. */
    void writeTrampoline(byte[] out, int at, long target);

    /** True if {@code bytes[at..at+16)} holds a trampoline's code (any target). */
    boolean isTrampoline(byte[] bytes, int at);

    /** A trampoline a call stencil carries: where it starts, how long it is, where control enters it. */
    record StencilTrampoline(int start, int size, int entry) {}

    /**
     * The trampoline a stencil carries whose target is the {@code kind} hole at {@code bytes[offset]},
     * or null if there is none there.
     */
    StencilTrampoline stencilTrampoline(byte[] bytes, int offset, HoleKind kind);

    /** True if a direct call from anywhere in {@code [from, to)} reaches {@code target}. */
    boolean callReaches(long from, long to, long target);

    /** True if each call stencil carries its own trampoline under {@code strategy}. */
    boolean carriesTrampoline(CallStrategy strategy);

    /** The instruction at {@code bytes[at]}, for code placed at {@code base}, read back for a listing. */
    Instruction decode(byte[] bytes, int at, long base);
}
