package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;

/** x86-64: variable-length instructions, {@code jmp rel32} continuations, {@code jmp qword ptr [rip]} trampolines. */
final class X64Backend implements Backend {
    static final X64Backend INSTANCE = new X64Backend();

    /** The bytes of {@code jmp rel32}, the continuation jump. */
    private static final int JUMP_BYTES = 5;
    private static final int JMP_REL32 = 0xE9;

    private X64Backend() {}

    @Override
    public Architecture architecture() {
        return Architecture.X86_64;
    }

    @Override
    public StencilSet stackStencils() {
        return X64UopStencils.INSTANCE;
    }

    @Override
    public RegisterStencils registerStencils() {
        return X64RegisterStencils.INSTANCE;
    }

    @Override
    public void checkStencil(String name, int codeSize, int alignment) {
        if (alignment < 1 || alignment > 16 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("stencil " + name + ": alignment must be 1, 2, 4, 8 or 16 on x86-64, got "
                    + alignment);
        }
    }

    /** {@code jmp rel32} (E9 cd) whose displacement is the continuation hole. */
    @Override
    public int finalJumpBytes(byte[] code, Hole hole) {
        boolean last = !hole.inData() && hole.offset() == code.length - 4 && code.length >= JUMP_BYTES;
        return last && hole.value() == HoleValue.CONTINUATION && hole.kind() == X64HoleKind.REL32
                && (code[code.length - JUMP_BYTES] & 0xFF) == JMP_REL32 ? JUMP_BYTES : 0;
    }

    @Override
    public boolean ownsHoleKind(HoleKind kind) {
        return kind instanceof X64HoleKind;
    }

    /** One-byte {@code nop}s where control runs, {@code int3} where it must not. */
    @Override
    public void pad(byte[] out, int from, int to, boolean runs) {
        java.util.Arrays.fill(out, from, to, runs ? Trampolines.X64_NOP : Trampolines.X64_INT3);
    }

    @Override
    public int instructionAlignment() {
        return 1;
    }

    /** Past the two {@code int3} that align the literal. */
    @Override
    public int trampolineEntry() {
        return Trampolines.LITERAL_OFFSET - Trampolines.X64_JMP_RIP.length;
    }

    @Override
    public void writeTrampoline(byte[] out, int at, long target) {
        out[at] = Trampolines.X64_INT3;
        out[at + 1] = Trampolines.X64_INT3;
        System.arraycopy(Trampolines.X64_JMP_RIP, 0, out, at + 2, Trampolines.X64_JMP_RIP.length);
        Bytes.putLong(out, at + Trampolines.LITERAL_OFFSET, target);
    }

    @Override
    public boolean isTrampoline(byte[] bytes, int at) {
        return at >= 0 && at + Trampolines.TRAMPOLINE_BYTES <= bytes.length
                && java.util.Arrays.equals(bytes, at + 2, at + Trampolines.LITERAL_OFFSET, Trampolines.X64_JMP_RIP, 0,
                Trampolines.X64_JMP_RIP.length);
    }

    /** {@code int3; int3; jmp qword ptr [rip]; .quad}, from its ABS64 literal. */
    @Override
    public StencilTrampoline stencilTrampoline(byte[] bytes, int offset, HoleKind kind) {
        int start = offset - Trampolines.LITERAL_OFFSET;
        return kind == X64HoleKind.ABS64 && isTrampoline(bytes, start)
                ? new StencilTrampoline(start, Trampolines.TRAMPOLINE_BYTES, trampolineEntry()) : null;
    }

    /**
     * A {@code call rel32} reaches ±2 GiB from the end of its field, which is at least one byte
     * into its instruction (so at {@code from + 5} or later) and at or before {@code to}.
     */
    @Override
    public boolean callReaches(long from, long to, long target) {
        long nearest = target - (from + 5);
        long farthest = target - to;
        return nearest == (int) nearest && farthest == (int) farthest;
    }

    /**
     * Only LITERAL_IN_CODE: MOVW_PER_CALL is {@code movabs r11; call r11} and LITERAL_IN_DATA
     * {@code call qword ptr [rip + literal]}, with no jump in between.
     */
    @Override
    public boolean carriesTrampoline(CallStrategy strategy) {
        return strategy == CallStrategy.LITERAL_IN_CODE;
    }

    @Override
    public Instruction decode(byte[] bytes, int at, long base) {
        X64Instruction insn = X64Disassembler.decode(bytes, at, base);
        StringBuilder hex = new StringBuilder();
        for (int b = at; b < at + insn.length() && b < bytes.length; b++) {
            hex.append(Character.forDigit((bytes[b] >> 4) & 0xF, 16)).append(Character.forDigit(bytes[b] & 0xF, 16));
        }
        String text = insn.text();
        boolean branch = insn.hasTarget() && !text.contains("[rip");
        Instruction.Flow flow = !branch ? Instruction.Flow.NEXT : text.startsWith("call") ? Instruction.Flow.CALL
                : text.startsWith("jmp") ? Instruction.Flow.JUMP : Instruction.Flow.CONDITIONAL;
        return new Instruction(insn.length(), hex.toString(), text, insn.target(), insn.hasTarget(), flow,
                insn.hasTarget() ? insn.textWithTarget("%s") : null,
                insn.length() == 1 && (bytes[at] & 0xFF) == (Trampolines.X64_NOP & 0xFF),
                insn.length() == 1 && bytes[at] == Trampolines.X64_INT3 ? "int3" : null);
    }
}
