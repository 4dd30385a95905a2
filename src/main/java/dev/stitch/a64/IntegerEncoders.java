package dev.stitch.a64;

/**
 * Pure encoders of the integer data-processing instructions, one per encoding class of the Arm
 * ARM (DDI 0487, C4.1 "A64 instruction set encoding": "Data Processing -- Immediate" and "Data
 * Processing -- Register"). Each takes the values of the fields by name and returns the word;
 * none checks anything: the callers in {@link IntegerInstructions} validate operands first.
 * Base words are written as binary literals grouped by field, from bit 31 down.
 */
final class IntegerEncoders {
    private IntegerEncoders() {}

    /** Arm ARM "Add/subtract (immediate)": sf op S 100010 sh imm12 Rn Rd. */
    static int addSubImmediate(int sf, int op, int s, int sh, int imm12, int rn, int rd) {
        return 0b0_0_0_100010_0_000000000000_00000_00000
                | sf << 31 | op << 30 | s << 29 | sh << 22 | imm12 << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Add/subtract (shifted register)": sf op S 01011 shift 0 Rm imm6 Rn Rd. */
    static int addSubShifted(int sf, int op, int s, int shift, int rm, int imm6, int rn, int rd) {
        return 0b0_0_0_01011_00_0_00000_000000_00000_00000
                | sf << 31 | op << 30 | s << 29 | shift << 22 | rm << 16 | imm6 << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Add/subtract (extended register)": sf op S 01011 00 1 Rm option imm3 Rn Rd. */
    static int addSubExtended(int sf, int op, int s, int rm, int option, int imm3, int rn, int rd) {
        return 0b0_0_0_01011_00_1_00000_000_000_00000_00000
                | sf << 31 | op << 30 | s << 29 | rm << 16 | option << 13 | imm3 << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Add/subtract (with carry)": sf op S 11010000 Rm 000000 Rn Rd. */
    static int addSubCarry(int sf, int op, int s, int rm, int rn, int rd) {
        return 0b0_0_0_11010000_00000_000000_00000_00000
                | sf << 31 | op << 30 | s << 29 | rm << 16 | rn << 5 | rd;
    }

    /** Arm ARM "Logical (immediate)": sf opc 100100 N immr imms Rn Rd; {@code nImmrImms} is the 13-bit bitmask field. */
    static int logicalImmediate(int sf, int opc, int nImmrImms, int rn, int rd) {
        return 0b0_00_100100_0_000000_000000_00000_00000
                | sf << 31 | opc << 29 | nImmrImms << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Logical (shifted register)": sf opc 01010 shift N Rm imm6 Rn Rd. */
    static int logicalShifted(int sf, int opc, int shift, int n, int rm, int imm6, int rn, int rd) {
        return 0b0_00_01010_00_0_00000_000000_00000_00000
                | sf << 31 | opc << 29 | shift << 22 | n << 21 | rm << 16 | imm6 << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Move wide (immediate)": sf opc 100101 hw imm16 Rd (opc 00 movn, 10 movz, 11 movk). */
    static int moveWide(int sf, int opc, int hw, int imm16, int rd) {
        return 0b0_00_100101_00_0000000000000000_00000
                | sf << 31 | opc << 29 | hw << 21 | imm16 << 5 | rd;
    }

    /** Arm ARM "PC-rel. addressing": op immlo 10000 immhi Rd (op 0 adr, 1 adrp); {@code imm21} is split into immlo:immhi. */
    static int pcRelative(int op, int imm21, int rd) {
        int immlo = imm21 & 0b11;
        int immhi = (imm21 >> 2) & 0x7ffff;
        return 0b0_00_10000_0000000000000000000_00000
                | op << 31 | immlo << 29 | immhi << 5 | rd;
    }

    /** Arm ARM "Bitfield": sf opc 100110 N immr imms Rn Rd (opc 00 sbfm, 01 bfm, 10 ubfm; N = sf). */
    static int bitfield(int sf, int opc, int immr, int imms, int rn, int rd) {
        return 0b0_00_100110_0_000000_000000_00000_00000
                | sf << 31 | opc << 29 | sf << 22 | immr << 16 | imms << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Extract": sf 00 100111 N 0 Rm imms Rn Rd (N = sf). */
    static int extract(int sf, int rm, int imms, int rn, int rd) {
        return 0b0_00_100111_0_0_00000_000000_00000_00000
                | sf << 31 | sf << 22 | rm << 16 | imms << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Data-processing (3 source)": sf 00 11011 op31 Rm o0 Ra Rn Rd. */
    static int dataProcessing3Source(int sf, int op31, int rm, int o0, int ra, int rn, int rd) {
        return 0b0_00_11011_000_00000_0_00000_00000_00000
                | sf << 31 | op31 << 21 | rm << 16 | o0 << 15 | ra << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Data-processing (2 source)": sf 0 S 11010110 Rm opcode Rn Rd. */
    static int dataProcessing2Source(int sf, int rm, int opcode, int rn, int rd) {
        return 0b0_0_0_11010110_00000_000000_00000_00000
                | sf << 31 | rm << 16 | opcode << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Data-processing (1 source)": sf 1 S 11010110 opcode2 opcode Rn Rd. */
    static int dataProcessing1Source(int sf, int opcode, int rn, int rd) {
        return 0b0_1_0_11010110_00000_000000_00000_00000
                | sf << 31 | opcode << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Conditional select": sf op S 11010100 Rm cond op2 Rn Rd. */
    static int conditionalSelect(int sf, int op, int rm, int cond, int op2, int rn, int rd) {
        return 0b0_0_0_11010100_00000_0000_00_00000_00000
                | sf << 31 | op << 30 | rm << 16 | cond << 12 | op2 << 10 | rn << 5 | rd;
    }

    /** Arm ARM "Conditional compare (register)": sf op 1 11010010 Rm cond 0 0 Rn 0 nzcv (op 0 ccmn, 1 ccmp). */
    static int conditionalCompareRegister(int sf, int op, int rm, int cond, int rn, int nzcv) {
        return 0b0_0_1_11010010_00000_0000_0_0_00000_0_0000
                | sf << 31 | op << 30 | rm << 16 | cond << 12 | rn << 5 | nzcv;
    }

    /** Arm ARM "Conditional compare (immediate)": sf op 1 11010010 imm5 cond 1 0 Rn 0 nzcv (op 0 ccmn, 1 ccmp). */
    static int conditionalCompareImmediate(int sf, int op, int imm5, int cond, int rn, int nzcv) {
        return 0b0_0_1_11010010_00000_0000_1_0_00000_0_0000
                | sf << 31 | op << 30 | imm5 << 16 | cond << 12 | rn << 5 | nzcv;
    }
}
