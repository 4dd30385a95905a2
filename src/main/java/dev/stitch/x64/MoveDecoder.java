package dev.stitch.x64;

import static dev.stitch.x64.DecodeText.address;
import static dev.stitch.x64.DecodeText.immediate;
import static dev.stitch.x64.DecodeText.immediateZ;
import static dev.stitch.x64.DecodeText.reg;
import static dev.stitch.x64.DecodeText.register;
import static dev.stitch.x64.DecodeText.registerToRm;
import static dev.stitch.x64.DecodeText.rm;
import static dev.stitch.x64.DecodeText.rmToRegister;

/**
 * Decodes the data movement instructions (Intel SDM Vol. 2, appendix A, tables ):
 * {@code mov} ({@code 88..8B}, {@code C6 /0}, {@code C7 /0}, {@code B0+r}, {@code B8+r} with
 * {@code movabs} for the 64-bit immediate), {@code lea}, {@code movsxd}, {@code movzx} and
 * {@code movsx}, {@code cmovcc}, {@code setcc}, {@code push} and {@code pop} of registers and
 * immediates, {@code pop r/m}, {@code xchg} (with {@code nop}, which is {@code 90}), and the
 * accumulator sign extensions {@code cbw/cwde/cdqe} and {@code cwd/cdq/cqo}. Each method returns null for an opcode it does not decode.
 */
final class MoveDecoder {
    private MoveDecoder() {}

    /** A one-byte opcode of this group, or null. */
    static String oneByte(int opcode, DecodeReader in) {
        if (opcode >= 0xb0 && opcode <= 0xb7) {
            return "mov " + register(in, (opcode & 7) + in.rexB(), 8) + ", " + immediate(in, 8, 8);
        }
        if (opcode >= 0xb8 && opcode <= 0xbf) {
            return moveImmediateToRegister((opcode & 7) + in.rexB(), in);
        }
        if (opcode >= 0x90 && opcode <= 0x97) {
            return exchangeWithAccumulator((opcode & 7) + in.rexB(), in);
        }
        if (opcode >= 0x50 && opcode <= 0x5f) {
            String mnemonic = opcode < 0x58 ? "push " : "pop ";
            return mnemonic + register(in, (opcode & 7) + in.rexB(), in.stackOperandBits());
        }
        return switch (opcode) {
            case 0x88 -> registerToRm("mov", in, 8);
            case 0x89 -> registerToRm("mov", in, in.operandBits());
            case 0x8a -> rmToRegister("mov", in, 8);
            case 0x8b -> rmToRegister("mov", in, in.operandBits());
            case 0xc6 -> moveImmediateToRm(in, 8);
            case 0xc7 -> moveImmediateToRm(in, in.operandBits());
            case 0x86 -> exchange(in, 8);
            case 0x87 -> exchange(in, in.operandBits());
            case 0x8f -> popRm(in);
            case 0x8d -> lea(in);
            case 0x63 -> movsxd(in);
            case 0x6a -> {
                in.useOperandSizePrefix();
                yield "push " + immediate(in, 8, 64);
            }
            case 0x68 -> {
                int bits = in.stackOperandBits();
                yield "push " + immediate(in, bits == 16 ? 16 : 32, bits);
            }
            case 0x98 -> switch (in.operandBits()) {
                case 16 -> "cbw";
                case 32 -> "cwde";
                default -> "cdqe";
            };
            case 0x99 -> switch (in.operandBits()) {
                case 16 -> "cwd";
                case 32 -> "cdq";
                default -> "cqo";
            };
            default -> null;
        };
    }

    /** A two-byte opcode ({@code 0F xx}) of this group, or null. */
    static String twoByte(int opcode, DecodeReader in) {
        if (opcode >= 0x40 && opcode <= 0x4f) {
            return rmToRegister("cmov" + Condition.ofCode(opcode & 15).suffix(), in, in.operandBits());
        }
        if (opcode >= 0x90 && opcode <= 0x9f) {
            // ModRM.reg is ignored (SDM: "the reg field is not used"), as LLVM does.
            DecodedModRm modRm = DecodedModRm.read(in);
            return "set" + Condition.ofCode(opcode & 15).suffix() + " " + rm(in, modRm, 8);
        }
        return switch (opcode) {
            case 0xb6 -> extend("movzx", in, 8);
            case 0xb7 -> extend("movzx", in, 16);
            case 0xbe -> extend("movsx", in, 8);
            case 0xbf -> extend("movsx", in, 16);
            default -> null;
        };
    }

    /**
     * {@code 90+r}: {@code xchg eax, r}, with operands in that order as LLVM prints them; without
     * REX.B, {@code 90} exchanges the accumulator with itself, which the SDM names {@code nop}
     * (also {@code 66 90}, the two-byte padding).
     */
    private static String exchangeWithAccumulator(int number, DecodeReader in) {
        int bits = in.operandBits();
        if (number == 0) {
            return "nop";
        }
        return "xchg " + register(in, 0, bits) + ", " + register(in, number, bits);
    }

    /** {@code xchg}: LLVM prints the register form reg first, the memory form memory first. */
    private static String exchange(DecodeReader in, int bits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        if (modRm.isRegister()) {
            return "xchg " + reg(in, modRm, bits) + ", " + rm(in, modRm, bits);
        }
        return "xchg " + rm(in, modRm, bits) + ", " + reg(in, modRm, bits);
    }

    /** Group 1A: {@code pop r/m}, 64-bit by default. */
    private static String popRm(DecodeReader in) {
        DecodedModRm modRm = DecodedModRm.read(in);
        if ((modRm.reg() & 7) != 0) {
            return null;
        }
        return "pop " + rm(in, modRm, in.stackOperandBits());
    }

    private static String moveImmediateToRegister(int number, DecodeReader in) {
        int bits = in.operandBits();
        if (bits == 64) {
            // REX.W B8+r takes a full 64-bit immediate; LLVM calls that form movabs.
            return "movabs " + register(in, number, 64) + ", " + in.s64();
        }
        return "mov " + register(in, number, bits) + ", " + immediateZ(in, bits);
    }

    private static String moveImmediateToRm(DecodeReader in, int bits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        if ((modRm.reg() & 7) != 0) {
            return null;
        }
        String target = rm(in, modRm, bits);
        return "mov " + target + ", " + (bits == 8 ? immediate(in, 8, 8) : immediateZ(in, bits));
    }

    private static String lea(DecodeReader in) {
        int bits = in.operandBits();
        DecodedModRm modRm = DecodedModRm.read(in);
        if (modRm.isRegister()) {
            return null;
        }
        return "lea " + reg(in, modRm, bits) + ", " + address(in, modRm);
    }

    private static String movsxd(DecodeReader in) {
        int bits = in.operandBits();
        DecodedModRm modRm = DecodedModRm.read(in);
        return "movsxd " + reg(in, modRm, bits) + ", " + rm(in, modRm, 32);
    }

    private static String extend(String mnemonic, DecodeReader in, int sourceBits) {
        int bits = in.operandBits();
        DecodedModRm modRm = DecodedModRm.read(in);
        return mnemonic + " " + reg(in, modRm, bits) + ", " + rm(in, modRm, sourceBits);
    }
}
