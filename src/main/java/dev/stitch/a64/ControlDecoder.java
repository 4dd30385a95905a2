package dev.stitch.a64;

import dev.stitch.a64.ControlInstructions.BarrierOption;
import dev.stitch.a64.ControlInstructions.DataCacheOperation;
import dev.stitch.a64.ControlInstructions.Hint;
import dev.stitch.a64.ControlInstructions.InstructionCacheOperation;
import dev.stitch.a64.ControlInstructions.PstateField;
import dev.stitch.a64.ControlInstructions.SystemRegister;

/**
 * Disassembles the words of the branch, exception generation and system group (Arm ARM C4.1.65)
 * and {@code udf} into LLVM's text: {@code b.hs} rather than {@code b.cs}, {@code tbz w0, #3}
 * for bit numbers below 32 whatever the register was written as, {@code ret} for {@code ret x30},
 * named hints only where {@code llvm-mc} prints them ({@code hint #34} for {@code bti c}), barrier
 * option names, {@code dc}/{@code ic} aliases, PSTATE fields as {@code DAIFSet}, system registers in upper case, and exception
 * immediates in hexadecimal ({@code brk #0x3e8}) except {@code udf}, which is decimal.
 * PC-relative targets print as {@code #<byte offset>}.
 *
 * <p>Limits: system registers outside {@link SystemRegister#NAMED} print in the generic
 * {@code S<op0>_<op1>_C<n>_C<m>_<op2>} spelling, which is LLVM's text for the implementation
 * defined space but not for architectural registers LLVM knows by name (such as {@code MIDR_EL1}).
 */
final class ControlDecoder {
    private ControlDecoder() {}

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        if ((word & 0x7c00_0000) == 0x1400_0000) {
            return (word < 0 ? "bl #" : "b #") + LabelUse.BRANCH26.extract(word);
        }
        if ((word & 0xff00_0010) == 0x5400_0000) {
            return "b." + Condition.fromCode(word & 0xf).text() + " #" + LabelUse.BRANCH19.extract(word);
        }
        if ((word & 0x7e00_0000) == 0x3400_0000) {
            String mnemonic = (word & (1 << 24)) != 0 ? "cbnz " : "cbz ";
            return mnemonic + gp(word & 31, word < 0) + ", #" + LabelUse.BRANCH19.extract(word);
        }
        if ((word & 0x7e00_0000) == 0x3600_0000) {
            String mnemonic = (word & (1 << 24)) != 0 ? "tbnz " : "tbz ";
            int bit = (word >>> 31) << 5 | (word >>> 19) & 31;
            return mnemonic + gp(word & 31, word < 0) + ", #" + bit + ", #" + LabelUse.BRANCH14.extract(word);
        }
        if ((word & 0xff9f_fc1f) == 0xd61f_0000) {
            return branchRegister(word);
        }
        if ((word & 0xffff_f01f) == 0xd503_201f) {
            return hint((word >>> 5) & 0x7f);
        }
        if ((word & 0xffff_f01f) == 0xd503_301f) {
            return barrier((word >>> 8) & 15, (word >>> 5) & 7);
        }
        if ((word & 0xfff8_0000) == 0xd508_0000) {
            return cacheMaintenance((word >>> 16) & 7, (word >>> 12) & 15, (word >>> 8) & 15, (word >>> 5) & 7, word & 31);
        }
        if ((word & 0xfff8_f01f) == 0xd500_401f) {
            return pstate((word >>> 16) & 7, (word >>> 8) & 15, (word >>> 5) & 7);
        }
        if ((word & 0xffd0_0000) == 0xd510_0000) {
            return systemRegisterMove(word);
        }
        if ((word & 0xff00_001c) == 0xd400_0000) {
            return exception((word >>> 21) & 7, (word >>> 5) & 0xffff, word & 3);
        }
        if ((word & 0xffff_0000) == 0) {
            return "udf #" + word;
        }
        return null;
    }

    private static String gp(int code, boolean is64) {
        return GpRegister.name(code, is64, false);
    }

    private static String branchRegister(int word) {
        int rn = (word >>> 5) & 31;
        return switch ((word >>> 21) & 3) {
            case ControlEncoders.BR_OPC -> "br " + gp(rn, true);
            case ControlEncoders.BLR_OPC -> "blr " + gp(rn, true);
            case ControlEncoders.RET_OPC -> rn == 30 ? "ret" : "ret " + gp(rn, true);
            default -> null;
        };
    }

    private static String hint(int number) {
        for (Hint h : Hint.values()) {
            if (h.number() == number && h.printedByLlvm()) {
                return h.text();
            }
        }
        return "hint #" + number;
    }

    private static String barrier(int crm, int op2) {
        BarrierOption option = BarrierOption.fromCrm(crm);
        return switch (op2) {
            case ControlEncoders.CLREX_OP2 -> crm == 15 ? "clrex" : "clrex #" + crm;
            case ControlEncoders.DSB_OP2 -> crm == 0 ? "ssbb" : crm == 4 ? "pssbb"
                    : "dsb " + (option != null ? option.text() : "#" + crm);
            case ControlEncoders.DMB_OP2 -> "dmb " + (option != null ? option.text() : "#" + crm);
            case ControlEncoders.ISB_OP2 -> crm == 15 ? "isb" : "isb #" + crm;
            default -> null;
        };
    }

    private static String cacheMaintenance(int op1, int crn, int crm, int op2, int rt) {
        if (crn != 7) {
            return null;
        }
        for (DataCacheOperation op : DataCacheOperation.values()) {
            if (op.op1() == op1 && op.crm() == crm && op.op2() == op2) {
                return "dc " + op.text() + ", " + gp(rt, true);
            }
        }
        for (InstructionCacheOperation op : InstructionCacheOperation.values()) {
            if (op.op1() == op1 && op.crm() == crm && op.op2() == op2) {
                if (op.takesRegister()) {
                    return "ic " + op.text() + ", " + gp(rt, true);
                }
                return rt == 31 ? "ic " + op.text() : null;
            }
        }
        return null;
    }

    private static String systemRegisterMove(int word) {
        boolean read = (word & (1 << 21)) != 0;
        SystemRegister register = SystemRegister.of(2 + ((word >>> 19) & 1), (word >>> 16) & 7, (word >>> 12) & 15,
                (word >>> 8) & 15, (word >>> 5) & 7);
        String rt = gp(word & 31, true);
        if (read) {
            return "mrs " + rt + ", " + register.name();
        }
        String name = register.writable() ? register.name() : String.format("S%d_%d_C%d_C%d_%d", register.op0(),
                register.op1(), register.crn(), register.crm(), register.op2());
        return "msr " + name + ", " + rt;
    }

    private static String pstate(int op1, int crm, int op2) {
        for (PstateField field : PstateField.values()) {
            if (field.op1() == op1 && field.op2() == op2) {
                return "msr " + field.text() + ", #" + crm;
            }
        }
        return null;
    }

    private static String exception(int opc, int imm16, int ll) {
        String mnemonic = switch (opc << 2 | ll) {
            case 0b000_01 -> "svc";
            case 0b000_10 -> "hvc";
            case 0b001_00 -> "brk";
            case 0b010_00 -> "hlt";
            case 0b101_01 -> "dcps1";
            case 0b101_10 -> "dcps2";
            default -> null;
        };
        if (mnemonic == null) {
            return null;
        }
        if (mnemonic.startsWith("dcps") && imm16 == 0) {
            return mnemonic;
        }
        return mnemonic + (imm16 == 0 ? " #0" : " #0x" + Integer.toHexString(imm16));
    }
}
