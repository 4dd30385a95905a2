package dev.stitch.a64;

/**
 * Encoders for branches, exception generation and system instructions (Arm ARM C4.1.65:
 * "Branches, Exception Generating and System instructions"), plus the permanently undefined
 * {@code udf} (C4.1.1 "Reserved").
 *
 * <p>Each function is pure: it takes already-checked field values and returns the instruction
 * word. Parameter names say which field they fill; base words are written as binary literals
 * grouped by field, with the fields that the parameters fill left zero. PC-relative offset
 * fields are left zero here and filled by {@link LabelUse#patch}, which also checks reach and
 * alignment.
 */
final class ControlEncoders {
    private ControlEncoders() {}

    /** {@code nop}: Hints, op2 = 000, CRm = 0000. */
    static final int NOP = 0b1101010100_0_00_011_0010_0000_000_11111;

    /** {@code b} with a zero offset: Unconditional branch (immediate), op = 0. */
    static final int B = 0b0_00101_00000000000000000000000000;

    /** Unconditional branch (register), opc = 0000: {@code br}. */
    static final int BR_OPC = 0b0000;
    /** Unconditional branch (register), opc = 0001: {@code blr}. */
    static final int BLR_OPC = 0b0001;
    /** Unconditional branch (register), opc = 0010: {@code ret}. */
    static final int RET_OPC = 0b0010;

    /** Barriers, op2 = 010: {@code clrex}. */
    static final int CLREX_OP2 = 0b010;
    /** Barriers, op2 = 100: {@code dsb}. */
    static final int DSB_OP2 = 0b100;
    /** Barriers, op2 = 101: {@code dmb}. */
    static final int DMB_OP2 = 0b101;
    /** Barriers, op2 = 110: {@code isb}. */
    static final int ISB_OP2 = 0b110;

    /**
     * Unconditional branch (immediate): {@code b} (op = 0) or {@code bl} (op = 1) with a zero
     * imm26 field.
     */
    static int unconditionalBranchImmediate(int op) {
        return 0b0_00101_00000000000000000000000000 | op << 31;
    }

    /** Conditional branch (immediate): {@code b.cond}, o1 = 0, o0 = 0, zero imm19. */
    static int conditionalBranchImmediate(int cond) {
        return 0b0101010_0_0000000000000000000_0_0000 | cond;
    }

    /** Compare and branch (immediate): {@code cbz} (op = 0) or {@code cbnz} (op = 1), zero imm19. */
    static int compareAndBranch(int sf, int op, int rt) {
        return 0b0_011010_0_0000000000000000000_00000 | sf << 31 | op << 24 | rt;
    }

    /**
     * Test and branch (immediate): {@code tbz} (op = 0) or {@code tbnz} (op = 1); the bit number
     * is split into b5 (bit 31) and b40 (bits [23:19]); zero imm14.
     */
    static int testAndBranch(int b5, int op, int b40, int rt) {
        return 0b0_011011_0_00000_00000000000000_00000 | b5 << 31 | op << 24 | b40 << 19 | rt;
    }

    /** Unconditional branch (register): op2 = 11111, op3 = 000000, op4 = 00000; {@code opc} selects br/blr/ret. */
    static int unconditionalBranchRegister(int opc, int rn) {
        return 0b1101011_0000_11111_000000_00000_00000 | opc << 21 | rn << 5;
    }

    /** Hints: the 7-bit hint number fills CRm:op2 (bits [11:5]). */
    static int hint(int crmOp2) {
        return 0b1101010100_0_00_011_0010_0000_000_11111 | crmOp2 << 5;
    }

    /** Barriers: CRm (bits [11:8]) holds the option, {@code op2} (bits [7:5]) the barrier kind. */
    static int barrier(int crm, int op2) {
        return 0b1101010100_0_00_011_0011_0000_000_11111 | crm << 8 | op2 << 5;
    }

    /**
     * System instructions ({@code sys}/{@code sysl}, with op0 = 01) and System register move
     * ({@code msr}/{@code mrs}, with op0 = 1x): L (bit 21), op0 [20:19], op1 [18:16], CRn [15:12],
     * CRm [11:8], op2 [7:5], Rt [4:0].
     */
    static int system(int l, int op0, int op1, int crn, int crm, int op2, int rt) {
        return 0b1101010100_0_00_000_0000_0000_000_00000
                | l << 21 | op0 << 19 | op1 << 16 | crn << 12 | crm << 8 | op2 << 5 | rt;
    }

    /**
     * PSTATE ({@code msr <pstatefield>, #imm}): op1 (bits [18:16]) and op2 (bits [7:5]) name the
     * field, CRm (bits [11:8]) holds the 4-bit immediate.
     */
    static int pstate(int op1, int crm, int op2) {
        return 0b1101010100_0_00_000_0100_0000_000_11111 | op1 << 16 | crm << 8 | op2 << 5;
    }

    /** Exception generation: opc (bits [23:21]), imm16 (bits [20:5]), op2 = 000, LL (bits [1:0]). */
    static int exceptionGeneration(int opc, int imm16, int ll) {
        return 0b11010100_000_0000000000000000_000_00 | opc << 21 | imm16 << 5 | ll;
    }

    /** Reserved, op0 = 0000, op1 = 000000000: {@code udf}, imm16 in bits [15:0]. */
    static int permanentlyUndefined(int imm16) {
        return 0b0000000000000000_0000000000000000 | imm16;
    }
}
