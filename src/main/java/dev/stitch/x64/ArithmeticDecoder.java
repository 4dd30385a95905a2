package dev.stitch.x64;

import static dev.stitch.x64.DecodeText.immediate;
import static dev.stitch.x64.DecodeText.immediateZ;
import static dev.stitch.x64.DecodeText.reg;
import static dev.stitch.x64.DecodeText.register;
import static dev.stitch.x64.DecodeText.registerToRm;
import static dev.stitch.x64.DecodeText.rm;
import static dev.stitch.x64.DecodeText.rmToRegister;

/**
 * Decodes the integer arithmetic and logic instructions (Intel SDM Vol. 2, appendix A, tables A-2
 * and A-6): the eight ALU operations of opcodes {@code 00..3D} and of group 1 ({@code 80},
 * {@code 81}, {@code 83}), {@code test} ({@code 84}, {@code 85}, {@code A8}, {@code A9}, group 3
 * {@code /0}), the rest of group 3 ({@code not}, {@code neg}, {@code mul}, {@code imul},
 * {@code div}, {@code idiv}), the shifts and rotates of group 2 ({@code C0}, {@code C1},
 * {@code D0..D3}), {@code inc}/{@code dec} of a byte (group 4) and {@code imul} with two or
 * three operands ({@code 0F AF}, {@code 69}, {@code 6B}). Each method returns null for an opcode or opcode extension it does not decode.
 */
final class ArithmeticDecoder {
    /** The operations of {@code 00..3D} by opcode bits 5..3, and of group 1 by ModRM.reg. */
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    /** Group 2 by ModRM.reg; {@code /6} is not decoded (LLVM rejects it). */
    private static final String[] SHIFT = {"rol", "ror", "rcl", "rcr", "shl", "shr", null, "sar"};
    /** Group 3 by ModRM.reg; {@code /0} is {@code test} with an immediate, {@code /1} is not decoded. */
    private static final String[] GROUP3 = {null, null, "not", "neg", "mul", "imul", "div", "idiv"};

    private static final int ALU_EB_GB = 0, ALU_EV_GV = 1, ALU_GB_EB = 2, ALU_GV_EV = 3, ALU_AL_IB = 4, ALU_EAX_IZ = 5;

    private ArithmeticDecoder() {}

    /** A one-byte opcode of this group, or null. */
    static String oneByte(int opcode, DecodeReader in) {
        if (opcode < 0x40 && (opcode & 7) <= ALU_EAX_IZ) {
            return alu(ALU[opcode >>> 3], opcode & 7, in);
        }
        return switch (opcode) {
            case 0x80 -> group1(in, 8, 8);
            case 0x81 -> {
                int bits = in.operandBits();
                yield group1(in, bits, bits == 16 ? 16 : 32);
            }
            case 0x83 -> group1(in, in.operandBits(), 8);
            case 0x84 -> registerToRm("test", in, 8);
            case 0x85 -> registerToRm("test", in, in.operandBits());
            case 0xa8 -> "test al, " + immediate(in, 8, 8);
            case 0xa9 -> accumulatorImmediate("test", in, in.operandBits());
            case 0xf6 -> group3(in, 8);
            case 0xf7 -> group3(in, in.operandBits());
            case 0xc0 -> shift(in, 8, Count.IMMEDIATE);
            case 0xc1 -> shift(in, in.operandBits(), Count.IMMEDIATE);
            case 0xd0 -> shift(in, 8, Count.ONE);
            case 0xd1 -> shift(in, in.operandBits(), Count.ONE);
            case 0xd2 -> shift(in, 8, Count.CL);
            case 0xd3 -> shift(in, in.operandBits(), Count.CL);
            case 0xfe -> group4(in);
            case 0x69 -> imulImmediate(in, false);
            case 0x6b -> imulImmediate(in, true);
            default -> null;
        };
    }

    /** A two-byte opcode ({@code 0F xx}) of this group, or null. */
    static String twoByte(int opcode, DecodeReader in) {
        if (opcode == 0xaf) {
            return rmToRegister("imul", in, in.operandBits());
        }
        return null;
    }

    private static String alu(String mnemonic, int form, DecodeReader in) {
        return switch (form) {
            case ALU_EB_GB -> registerToRm(mnemonic, in, 8);
            case ALU_EV_GV -> registerToRm(mnemonic, in, in.operandBits());
            case ALU_GB_EB -> rmToRegister(mnemonic, in, 8);
            case ALU_GV_EV -> rmToRegister(mnemonic, in, in.operandBits());
            case ALU_AL_IB -> mnemonic + " al, " + immediate(in, 8, 8);
            default -> accumulatorImmediate(mnemonic, in, in.operandBits());
        };
    }

    private static String accumulatorImmediate(String mnemonic, DecodeReader in, int bits) {
        return mnemonic + " " + register(in, 0, bits) + ", " + immediateZ(in, bits);
    }

    private static String group1(DecodeReader in, int bits, int immediateBits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        String target = rm(in, modRm, bits);
        return ALU[modRm.reg() & 7] + " " + target + ", " + immediate(in, immediateBits, bits);
    }

    private static String group3(DecodeReader in, int bits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        int extension = modRm.reg() & 7;
        String target = rm(in, modRm, bits);
        if (extension == 0) {
            return "test " + target + ", " + (bits == 8 ? immediate(in, 8, 8) : immediateZ(in, bits));
        }
        String mnemonic = GROUP3[extension];
        return mnemonic == null ? null : mnemonic + " " + target;
    }

    /** Group 4: {@code inc} and {@code dec} of a byte ({@code inc}/{@code dec} of wider r/m are in group 5). */
    private static String group4(DecodeReader in) {
        DecodedModRm modRm = DecodedModRm.read(in);
        return switch (modRm.reg() & 7) {
            case 0 -> "inc " + rm(in, modRm, 8);
            case 1 -> "dec " + rm(in, modRm, 8);
            default -> null;
        };
    }

    private enum Count { ONE, CL, IMMEDIATE }

    private static String shift(DecodeReader in, int bits, Count count) {
        DecodedModRm modRm = DecodedModRm.read(in);
        String mnemonic = SHIFT[modRm.reg() & 7];
        if (mnemonic == null) {
            return null;
        }
        String target = mnemonic + " " + rm(in, modRm, bits);
        return switch (count) {
            case ONE -> target;
            case CL -> target + ", cl";
            // LLVM prints a shift count as an unsigned byte.
            case IMMEDIATE -> target + ", " + in.u8();
        };
    }

    private static String imulImmediate(DecodeReader in, boolean byteImmediate) {
        int bits = in.operandBits();
        DecodedModRm modRm = DecodedModRm.read(in);
        String operands = reg(in, modRm, bits) + ", " + rm(in, modRm, bits);
        return "imul " + operands + ", " + (byteImmediate ? immediate(in, 8, bits) : immediateZ(in, bits));
    }
}
