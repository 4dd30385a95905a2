package dev.stitch.x64;

/**
 * Operand text as LLVM's Intel printer writes it: register names by width (with {@code ah},
 * {@code ch}, {@code dh}, {@code bh} for byte registers 4..7 when there is no REX prefix, SDM
 * Vol. 2, 3.1.1.1 table 3-1), {@code byte/word/dword/qword ptr} before memory, and immediates in
 * decimal with the sign LLVM gives them.
 */
final class DecodeText {
    private static final String[] LEGACY_HIGH_BYTES = {"ah", "ch", "dh", "bh"};

    private DecodeText() {}

    /** The register {@code number} (0..15) of width {@code bits}. */
    static String register(DecodeReader in, int number, int bits) {
        if (bits == 8 && !in.hasRex() && number >= 4 && number <= 7) {
            return LEGACY_HIGH_BYTES[number - 4];
        }
        return Registers.of(number, bits).name();
    }

    /** {@code byte ptr }, {@code word ptr }, {@code dword ptr } or {@code qword ptr }. */
    static String sizePtr(int bits) {
        return switch (bits) {
            case 8 -> "byte ptr ";
            case 16 -> "word ptr ";
            case 32 -> "dword ptr ";
            case 64 -> "qword ptr ";
            default -> throw new IllegalArgumentException("no memory size of " + bits + " bits");
        };
    }

    /** The r/m operand of width {@code bits}: a register, or memory with its size. */
    static String rm(DecodeReader in, DecodedModRm modRm, int bits) {
        if (modRm.isRegister()) {
            return register(in, modRm.rm(), bits);
        }
        return modRm.memory().text(sizePtr(bits), in.segmentText());
    }

    /** The r/m operand as a bare address ({@code lea}): memory only, no size. */
    static String address(DecodeReader in, DecodedModRm modRm) {
        return modRm.memory().text("", in.segmentText());
    }

    /** The reg operand of width {@code bits}. */
    static String reg(DecodeReader in, DecodedModRm modRm, int bits) {
        return register(in, modRm.reg(), bits);
    }

    /** {@code op r/m, reg}: reads the ModRM byte of an MR form ({@code 01}, {@code 89}, {@code 85}...). */
    static String registerToRm(String mnemonic, DecodeReader in, int bits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        return mnemonic + " " + rm(in, modRm, bits) + ", " + reg(in, modRm, bits);
    }

    /** {@code op reg, r/m}: reads the ModRM byte of an RM form ({@code 03}, {@code 8B}, {@code 0F AF}...). */
    static String rmToRegister(String mnemonic, DecodeReader in, int bits) {
        DecodedModRm modRm = DecodedModRm.read(in);
        return mnemonic + " " + reg(in, modRm, bits) + ", " + rm(in, modRm, bits);
    }

    /**
     * Reads the immediate of an instruction whose operand is {@code operandBits} wide, encoded in
     * {@code immediateBits} (8, 16 or 32), and prints it as LLVM does: an 8-bit immediate as a
     * signed byte; a 16- or 32-bit immediate as unsigned when it is as wide as the operand, and
     * as signed when the CPU sign-extends it to 64 bits.
     */
    static String immediate(DecodeReader in, int immediateBits, int operandBits) {
        return switch (immediateBits) {
            case 8 -> Integer.toString(in.s8());
            case 16 -> Integer.toString(in.u16());
            case 32 -> {
                int value = in.s32();
                yield operandBits == 64 ? Integer.toString(value) : Long.toString(value & 0xffff_ffffL);
            }
            default -> throw new IllegalArgumentException("no immediate of " + immediateBits + " bits");
        };
    }

    /** The full-width immediate of an {@code Iz} operand: 16 bits with a 16-bit operand, else 32. */
    static String immediateZ(DecodeReader in, int operandBits) {
        return immediate(in, operandBits == 16 ? 16 : 32, operandBits);
    }
}
