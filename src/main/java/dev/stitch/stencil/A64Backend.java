package dev.stitch.stencil;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.LabelUse;
import dev.stitch.mem.Architecture;

/** AArch64: fixed 4-byte words, {@code b} continuations, {@code ldr x16, #8; br x16} trampolines. */
final class A64Backend implements Backend {
    static final A64Backend INSTANCE = new A64Backend();

    private A64Backend() {}

    @Override
    public Architecture architecture() {
        return Architecture.AARCH64;
    }

    @Override
    public StencilSet stackStencils() {
        return A64UopStencils.INSTANCE;
    }

    @Override
    public RegisterStencils registerStencils() {
        return A64RegisterStencils.INSTANCE;
    }

    @Override
    public void checkStencil(String name, int codeSize, int alignment) {
        if (codeSize % 4 != 0) {
            throw new IllegalArgumentException("stencil " + name + ": code must be whole instruction words, got "
                    + codeSize + " bytes");
        }
        if (alignment != 4 && alignment != 8 && alignment != 16) {
            throw new IllegalArgumentException("stencil " + name + ": alignment must be 4, 8 or 16 on aarch64, got "
                    + alignment);
        }
    }

    /** {@code b continuation}: B (immediate), Arm ARM C6.2.26, op 0 in bit 31. */
    @Override
    public int finalJumpBytes(byte[] code, Hole hole) {
        boolean last = !hole.inData() && hole.offset() == code.length - 4;
        return last && hole.value() == HoleValue.CONTINUATION && hole.kind() == A64HoleKind.BRANCH26
                && (code[code.length - 1] & 0xFC) == 0x14 ? 4 : 0;
    }

    @Override
    public boolean ownsHoleKind(HoleKind kind) {
        return kind instanceof A64HoleKind;
    }

    /** {@code nop} where control runs, zero words ({@code udf #0}) where it must not. */
    @Override
    public void pad(byte[] out, int from, int to, boolean runs) {
        for (int at = from; at < to; at += 4) {
            Bytes.putInt(out, at, runs ? Trampolines.NOP : 0);
        }
    }

    @Override
    public int instructionAlignment() {
        return 4;
    }

    @Override
    public int trampolineEntry() {
        return 0;
    }

    @Override
    public void writeTrampoline(byte[] out, int at, long target) {
        Bytes.putInt(out, at, Trampolines.LDR_X16_LITERAL_8);
        Bytes.putInt(out, at + 4, Trampolines.BR_X16);
        Bytes.putLong(out, at + Trampolines.LITERAL_OFFSET, target);
    }

    @Override
    public boolean isTrampoline(byte[] bytes, int at) {
        return at >= 0 && at + Trampolines.TRAMPOLINE_BYTES <= bytes.length
                && Bytes.getInt(bytes, at) == Trampolines.LDR_X16_LITERAL_8 && Bytes.getInt(bytes, at + 4) == Trampolines.BR_X16;
    }

    /** {@code ldr x16, #8; br x16; .quad} (its ABS64 literal), or {@code movz/movk x16} ×4 from MOVW_G0_NC and {@code br x16}. */
    @Override
    public StencilTrampoline stencilTrampoline(byte[] bytes, int offset, HoleKind kind) {
        if (kind == A64HoleKind.ABS64) {
            int start = offset - Trampolines.LITERAL_OFFSET;
            return isTrampoline(bytes, start) ? new StencilTrampoline(start, Trampolines.TRAMPOLINE_BYTES, 0) : null;
        }
        if (kind == A64HoleKind.MOVW_G0_NC && offset + 20 <= bytes.length
                && Bytes.getInt(bytes, offset + 16) == Trampolines.BR_X16) {
            return new StencilTrampoline(offset, 20, 0);
        }
        return null;
    }

    /** A {@code bl} reaches ±128 MiB from every word of the code. */
    @Override
    public boolean callReaches(long from, long to, long target) {
        return LabelUse.BRANCH26.fits(target - from) && LabelUse.BRANCH26.fits(target - (to - 4));
    }

    /** Under MOVW_PER_CALL and LITERAL_IN_CODE in the stencil's code, under LITERAL_IN_DATA in its data. */
    @Override
    public boolean carriesTrampoline(CallStrategy strategy) {
        return switch (strategy) {
            case MOVW_PER_CALL, LITERAL_IN_CODE, LITERAL_IN_DATA -> true;
            case PER_TRACE, PER_TRACE_ALWAYS -> false;
        };
    }

    @Override
    public Instruction decode(byte[] bytes, int at, long base) {
        int word = 0;
        for (int b = 0; b < 4 && at + b < bytes.length; b++) {
            word |= (bytes[at + b] & 0xFF) << (8 * b);
        }
        String text = A64Disassembler.disassemble(word);
        Instruction.Flow flow = Instruction.Flow.NEXT;
        long distance = Long.MIN_VALUE;
        if ((word & 0x7C00_0000) == 0x1400_0000) { // b, bl
            distance = LabelUse.BRANCH26.extract(word);
            flow = word < 0 ? Instruction.Flow.CALL : Instruction.Flow.JUMP;
        } else if ((word & 0xFF00_0010) == 0x5400_0000 || (word & 0x7E00_0000) == 0x3400_0000) { // b.cond, cbz, cbnz
            distance = LabelUse.BRANCH19.extract(word);
            flow = (word & 0xFF00_001F) == 0x5400_000E ? Instruction.Flow.JUMP : Instruction.Flow.CONDITIONAL; // b.al
        } else if ((word & 0x3B00_0000) == 0x1800_0000 && (word >>> 30) != 3) { // ldr (literal)
            distance = LabelUse.BRANCH19.extract(word);
        } else if ((word & 0x7E00_0000) == 0x3600_0000) { // tbz, tbnz
            distance = LabelUse.BRANCH14.extract(word);
            flow = Instruction.Flow.CONDITIONAL;
        } else if ((word & 0x9F00_0000) == 0x1000_0000) { // adr
            distance = LabelUse.ADR21.extract(word);
        }
        boolean hasTarget = distance != Long.MIN_VALUE;
        String raw = "#" + distance;
        String named = hasTarget && text.endsWith(raw) ? text.substring(0, text.length() - raw.length()) + "%s" : null;
        return new Instruction(4, String.format("%08x", word), text, hasTarget ? base + at + distance : 0, hasTarget, flow,
                named, word == Trampolines.NOP, word == 0 ? ".word 0" : null);
    }
}
