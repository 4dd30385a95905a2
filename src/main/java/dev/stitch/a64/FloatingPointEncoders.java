package dev.stitch.a64;

/**
 * Pure encoders for the scalar floating-point instructions, one per encoding class of the Arm ARM
 * (C4.1.96 "Data Processing -- Scalar Floating-Point and Advanced SIMD", scalar FP part). Each
 * takes the raw field values, already checked by the caller, and ORs them into the class's base
 * word, written as a binary literal grouped by field. Parameter names say which bits they fill.
 *
 * <p>{@code ftype} (bits 23:22) selects the precision: {@link #FTYPE_SINGLE}, {@link #FTYPE_DOUBLE},
 * {@link #FTYPE_HALF}. {@code sf} (bit 31) selects a 64-bit general-purpose register in the
 * conversions.
 */
final class FloatingPointEncoders {
    private FloatingPointEncoders() {}

    static final int FTYPE_SINGLE = 0b00;
    static final int FTYPE_DOUBLE = 0b01;
    static final int FTYPE_HALF = 0b11;

    // Floating-point data-processing (1 source): opcode, bits 20:15.
    static final int FMOV_REG = 0b000000;
    static final int FABS = 0b000001;
    static final int FNEG = 0b000010;
    static final int FSQRT = 0b000011;
    /** FCVT: {@code 0001:opc}, {@code opc} being the destination's ftype. */
    static final int FCVT = 0b000100;
    static final int FRINTN = 0b001000;
    static final int FRINTP = 0b001001;
    static final int FRINTM = 0b001010;
    static final int FRINTZ = 0b001011;
    static final int FRINTA = 0b001100;
    static final int FRINTX = 0b001110;
    static final int FRINTI = 0b001111;

    // Floating-point data-processing (2 source): opcode, bits 15:12.
    static final int FMUL = 0b0000;
    static final int FDIV = 0b0001;
    static final int FADD = 0b0010;
    static final int FSUB = 0b0011;
    static final int FMAX = 0b0100;
    static final int FMIN = 0b0101;
    static final int FMAXNM = 0b0110;
    static final int FMINNM = 0b0111;
    static final int FNMUL = 0b1000;

    // Floating-point compare: opcode2, bits 4:0.
    static final int FCMP_REG = 0b00000;
    static final int FCMP_ZERO = 0b01000;
    static final int FCMPE_REG = 0b10000;
    static final int FCMPE_ZERO = 0b11000;

    // Conversions: rmode (bits 20:19) and opcode (bits 18:16) together, as rmode:opcode.
    static final int FCVTNS = 0b00_000;
    static final int FCVTNU = 0b00_001;
    static final int SCVTF = 0b00_010;
    static final int UCVTF = 0b00_011;
    static final int FCVTAS = 0b00_100;
    static final int FCVTAU = 0b00_101;
    static final int FMOV_TO_GENERAL = 0b00_110;
    static final int FMOV_FROM_GENERAL = 0b00_111;
    static final int FCVTPS = 0b01_000;
    /** FMOV Xd, Vn.D[1] (with ftype 10). */
    static final int FMOV_TO_TOP_HALF = 0b01_110;
    /** FMOV Vd.D[1], Xn (with ftype 10). */
    static final int FMOV_FROM_TOP_HALF_GENERAL = 0b01_111;
    static final int FCVTPU = 0b01_001;
    static final int FCVTMS = 0b10_000;
    static final int FCVTMU = 0b10_001;
    static final int FCVTZS = 0b11_000;
    static final int FCVTZU = 0b11_001;

    /** The ftype field for a register width: s, d or h. */
    static int ftype(FpWidth width) {
        return switch (width) {
            case S -> FTYPE_SINGLE;
            case D -> FTYPE_DOUBLE;
            case H -> FTYPE_HALF;
            default -> throw new IllegalArgumentException("no scalar FP type for width " + width);
        };
    }

    /** Floating-point data-processing (1 source): FMOV/FABS/FNEG/FSQRT/FCVT/FRINT*. */
    static int dataProcessing1(int ftype, int opcode, int rn, int rd) {
        return 0b0_0_0_11110_00_1_000000_10000_00000_00000 | ftype << 22 | opcode << 15 | rn << 5 | rd;
    }

    /** Floating-point data-processing (2 source): FMUL/FDIV/FADD/FSUB/FMAX/FMIN/FMAXNM/FMINNM/FNMUL. */
    static int dataProcessing2(int ftype, int rm, int opcode, int rn, int rd) {
        return 0b0_0_0_11110_00_1_00000_0000_10_00000_00000 | ftype << 22 | rm << 16 | opcode << 12 | rn << 5 | rd;
    }

    /** Floating-point data-processing (3 source): FMADD (o1 0, o0 0), FMSUB (0, 1), FNMADD (1, 0), FNMSUB (1, 1). */
    static int dataProcessing3(int ftype, int o1, int rm, int o0, int ra, int rn, int rd) {
        return 0b0_0_0_11111_00_0_00000_0_00000_00000_00000 | ftype << 22 | o1 << 21 | rm << 16 | o0 << 15 | ra << 10
                | rn << 5 | rd;
    }

    /** Floating-point compare: FCMP/FCMPE with a register or with zero (then {@code rm} is 0). */
    static int compare(int ftype, int rm, int rn, int opcode2) {
        return 0b0_0_0_11110_00_1_00000_00_1000_00000_00000 | ftype << 22 | rm << 16 | rn << 5 | opcode2;
    }

    /** Floating-point conditional compare: FCCMP ({@code op} 0), FCCMPE ({@code op} 1). */
    static int conditionalCompare(int ftype, int rm, int cond, int rn, int op, int nzcv) {
        return 0b0_0_0_11110_00_1_00000_0000_01_00000_0_0000 | ftype << 22 | rm << 16 | cond << 12 | rn << 5 | op << 4
                | nzcv;
    }

    /** Floating-point conditional select: FCSEL. */
    static int conditionalSelect(int ftype, int rm, int cond, int rn, int rd) {
        return 0b0_0_0_11110_00_1_00000_0000_11_00000_00000 | ftype << 22 | rm << 16 | cond << 12 | rn << 5 | rd;
    }

    /** Floating-point immediate: FMOV (scalar, immediate); {@code imm8} from {@link FpImmediate}. */
    static int immediate(int ftype, int imm8, int rd) {
        return 0b0_0_0_11110_00_1_00000000_100_00000_00000 | ftype << 22 | imm8 << 13 | rd;
    }

    /**
     * Conversion between floating-point and fixed-point: SCVTF/UCVTF/FCVTZS/FCVTZU with
     * {@code scale = 64 - fbits}; {@code rmodeOpcode} is rmode:opcode (bits 20:16).
     */
    static int fixedPointConversion(int sf, int ftype, int rmodeOpcode, int scale, int rn, int rd) {
        return 0b0_0_0_11110_00_0_00_000_000000_00000_00000 | sf << 31 | ftype << 22 | rmodeOpcode << 16 | scale << 10
                | rn << 5 | rd;
    }

    /**
     * Conversion between floating-point and integer: FCVT[NAPMZ][SU], SCVTF, UCVTF, FMOV (general);
     * {@code rmodeOpcode} is rmode:opcode (bits 20:16).
     */
    static int integerConversion(int sf, int ftype, int rmodeOpcode, int rn, int rd) {
        return 0b0_0_0_11110_00_1_00_000_000000_00000_00000 | sf << 31 | ftype << 22 | rmodeOpcode << 16 | rn << 5 | rd;
    }
}
