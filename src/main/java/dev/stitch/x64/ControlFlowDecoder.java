package dev.stitch.x64;

import static dev.stitch.x64.DecodeText.rm;

/**
 * Decodes the control transfer and padding instructions (Intel SDM Vol. 2, appendix A, tables
 * relative {@code call}/{@code jmp} ({@code E8}, {@code E9}, {@code EB}),
 * {@code jcc} ({@code 70+cc}, {@code 0F 80+cc}), indirect {@code call}/{@code jmp} (group 5
 * {@code FF /2}, {@code FF /4}, with the rest of group 5: {@code inc}, {@code dec}, {@code push}
 * r/m), {@code ret}, {@code ret imm16}, {@code leave}, {@code hlt}, {@code int3}, {@code ud2} and the
 * multi-byte {@code nop} ({@code 0F 1F}) that assemblers pad with. Relative branches print their
 * displacement from the end of the instruction, as {@code llvm-mc -disassemble} does, and report
 * it to the reader so the disassembler can compute the target. Each method returns null for an
 * opcode it does not decode.
 */
final class ControlFlowDecoder {
    private ControlFlowDecoder() {}

    /** A one-byte opcode of this group, or null. */
    static String oneByte(int opcode, DecodeReader in) {
        if (opcode >= 0x70 && opcode <= 0x7f) {
            return relative("j" + Condition.ofCode(opcode & 15).suffix(), in.s8(), in);
        }
        return switch (opcode) {
            case 0xe8 -> relative("call", in.s32(), in);
            case 0xe9 -> relative("jmp", in.s32(), in);
            case 0xeb -> relative("jmp", in.s8(), in);
            case 0xff -> group5(in);
            case 0xc3 -> "ret";
            // LLVM prints the 16-bit count of bytes to pop as a signed number.
            case 0xc2 -> "ret " + (short) in.u16();
            case 0xc9 -> "leave";
            case 0xcc -> "int3";
            case 0xf4 -> "hlt";
            default -> null;
        };
    }

    /** A two-byte opcode ({@code 0F xx}) of this group, or null. */
    static String twoByte(int opcode, DecodeReader in) {
        if (opcode >= 0x80 && opcode <= 0x8f) {
            return relative("j" + Condition.ofCode(opcode & 15).suffix(), in.s32(), in);
        }
        return switch (opcode) {
            case 0x0b -> "ud2";
            case 0x1f -> {
                // The hint-nop space: LLVM prints every ModRM.reg value as nop.
                int bits = in.operandBits();
                yield "nop " + rm(in, DecodedModRm.read(in), bits);
            }
            default -> null;
        };
    }

    private static String relative(String mnemonic, int displacement, DecodeReader in) {
        in.relativeOperand(displacement);
        return mnemonic + " " + displacement;
    }

    /**
     * Group 5: {@code inc}, {@code dec} and {@code push} of r/m with the indirect {@code call} and
     * {@code jmp}, which are always 64-bit. The far forms {@code /3} and {@code /5} are not decoded.
     */
    private static String group5(DecodeReader in) {
        DecodedModRm modRm = DecodedModRm.read(in);
        return switch (modRm.reg() & 7) {
            case 0 -> "inc " + rm(in, modRm, in.operandBits());
            case 1 -> "dec " + rm(in, modRm, in.operandBits());
            case 2 -> "call " + rm(in, modRm, 64);
            case 4 -> "jmp " + rm(in, modRm, 64);
            case 6 -> "push " + rm(in, modRm, in.stackOperandBits());
            default -> null;
        };
    }
}
