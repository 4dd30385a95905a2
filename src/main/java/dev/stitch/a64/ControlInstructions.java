package dev.stitch.a64;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Branches, exception generation and system instructions (Arm ARM C4.1.65 "Branches, Exception
 * Generating and System instructions"): {@code b}, {@code bl}, {@code b.cond}, {@code cbz},
 * {@code cbnz}, {@code tbz}, {@code tbnz}, {@code br}, {@code blr}, {@code ret}, the hints
 * ({@code nop}, {@code yield}, {@code wfe}, {@code bti}...), the barriers ({@code dmb},
 * {@code dsb}, {@code isb}, {@code clrex}), the cache maintenance aliases of {@code sys}
 * ({@code dc}, {@code ic}), {@code mrs}/{@code msr} (register, and PSTATE immediate) and the exception generating
 * instructions
 * ({@code svc}, {@code hvc}, {@code brk}, {@code hlt}, {@code dcps1}, {@code dcps2}), and
 * {@code udf}.
 *
 * <p>Every PC-relative branch comes in two forms: to a {@link Label} (patched when the label is
 * bound, with the reach of its {@link LabelUse}), and to a byte offset from the instruction, as
 * {@code llvm-mc} writes {@code b #-8}. Both check reach and 4-byte alignment.
 */
public interface ControlInstructions {
    /** Writes one instruction word. */
    A64Assembler emit(int word);

    /** Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse}). */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction);

    /**
     * Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse(int, Label, LabelUse)});
     * messages show the instruction's disassembly with the label as its target.
     */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use);

    // ---------------------------------------------------------------------------------------
    // Operand types of this group

    /** The options of {@code dmb} and {@code dsb} (Arm ARM C6.2 DMB: the CRm field). */
    enum BarrierOption {
        OSHLD(0b0001), OSHST(0b0010), OSH(0b0011), NSHLD(0b0101), NSHST(0b0110), NSH(0b0111),
        ISHLD(0b1001), ISHST(0b1010), ISH(0b1011), LD(0b1101), ST(0b1110), SY(0b1111);

        private final int crm;

        BarrierOption(int crm) {
            this.crm = crm;
        }

        /** The CRm field value. */
        public int crm() {
            return crm;
        }

        /** The name LLVM prints, lower case. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The option whose CRm is {@code crm}, or null when it has no name (0, 4, 8, 12). */
        public static BarrierOption fromCrm(int crm) {
            for (BarrierOption o : values()) {
                if (o.crm == crm) {
                    return o;
                }
            }
            return null;
        }
    }

    /** The targets of {@code bti} (Arm ARM C6.2 BTI: hint numbers 32, 34, 36, 38). */
    enum BtiTarget {
        /** Bare {@code bti}: no branch may land here (hint #32). */
        NONE(32, ""),
        /** {@code bti c}: calls (blr) may land here (hint #34). */
        C(34, "c"),
        /** {@code bti j}: jumps (br) may land here (hint #36). */
        J(36, "j"),
        /** {@code bti jc}: both (hint #38). */
        JC(38, "jc");

        private final int hint;
        private final String text;

        BtiTarget(int hint, String text) {
            this.hint = hint;
            this.text = text;
        }

        /** The hint number. */
        public int hint() {
            return hint;
        }

        /** The operand as written: {@code c}, {@code j}, {@code jc}, or empty. */
        public String text() {
            return text;
        }
    }

    /**
     * The named hints that take no operand (Arm ARM C6.2 HINT: CRm:op2). {@link #printedByLlvm()}
     * says whether {@code llvm-mc} (without extra features) prints the name or {@code hint #n}.
     */
    enum Hint {
        NOP(0, true), YIELD(1, true), WFE(2, true), WFI(3, true), SEV(4, true), SEVL(5, true), DGH(6, true),
        XPACLRI(7, false), PACIA1716(8, false), PACIB1716(10, false), AUTIA1716(12, false), AUTIB1716(14, false),
        CSDB(20, true), PACIAZ(24, false), PACIASP(25, false), PACIBZ(26, false), PACIBSP(27, false),
        AUTIAZ(28, false), AUTIASP(29, false), AUTIBZ(30, false), AUTIBSP(31, false);

        private final int number;
        private final boolean printedByLlvm;

        Hint(int number, boolean printedByLlvm) {
            this.number = number;
            this.printedByLlvm = printedByLlvm;
        }

        /** The hint number, 0..127. */
        public int number() {
            return number;
        }

        /** True if {@code llvm-mc -disassemble} prints the name rather than {@code hint #n}. */
        public boolean printedByLlvm() {
            return printedByLlvm;
        }

        /** The mnemonic, lower case. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The {@code dc} operations (aliases of {@code sys} with op1, CRn = c7, CRm, op2). */
    enum DataCacheOperation {
        /** Zero a block of the size DCZID_EL0 gives. */
        ZVA(3, 4, 1),
        /** Invalidate to the point of coherency (EL1). */
        IVAC(0, 6, 1),
        /** Clean to the point of coherency. */
        CVAC(3, 10, 1),
        /** Clean to the point of unification: before {@code ic ivau} when writing code. */
        CVAU(3, 11, 1),
        /** Clean and invalidate to the point of coherency. */
        CIVAC(3, 14, 1);

        private final int op1;
        private final int crm;
        private final int op2;

        DataCacheOperation(int op1, int crm, int op2) {
            this.op1 = op1;
            this.crm = crm;
            this.op2 = op2;
        }

        int op1() {
            return op1;
        }

        int crm() {
            return crm;
        }

        int op2() {
            return op2;
        }

        /** The name as written, lower case. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The {@code ic} operations (aliases of {@code sys} with op1, CRn = c7, CRm, op2). */
    enum InstructionCacheOperation {
        /** Invalidate all to the point of unification, inner shareable (EL1, no register). */
        IALLUIS(0, 1, 0, false),
        /** Invalidate all to the point of unification (EL1, no register). */
        IALLU(0, 5, 0, false),
        /** Invalidate by address to the point of unification: after writing code. */
        IVAU(3, 5, 1, true);

        private final int op1;
        private final int crm;
        private final int op2;
        private final boolean takesRegister;

        InstructionCacheOperation(int op1, int crm, int op2, boolean takesRegister) {
            this.op1 = op1;
            this.crm = crm;
            this.op2 = op2;
            this.takesRegister = takesRegister;
        }

        int op1() {
            return op1;
        }

        int crm() {
            return crm;
        }

        int op2() {
            return op2;
        }

        /** True if the operation takes an address register ({@code ic ivau, x0}). */
        public boolean takesRegister() {
            return takesRegister;
        }

        /** The name as written, lower case. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A system register for {@code mrs}/{@code msr} (Arm ARM C5.3): op0 (2 or 3), op1, CRn, CRm,
     * op2. The named ones are those user code (EL0) reaches: flags, FP control, thread pointers,
     * cache type, counters and timers, and the identification registers Linux emulates for EL0,
     * plus {@code daif}; any other is written {@code s<op0>_<op1>_c<n>_c<m>_<op2>} and made with
     * {@link #of}.
     *
     * @param name     the name LLVM prints, upper case, such as {@code NZCV} or {@code S3_3_C15_C0_0}
     * @param writable false for the read-only registers, which {@code msr} refuses
     */
    record SystemRegister(String name, int op0, int op1, int crn, int crm, int op2, boolean writable) {
        public static final SystemRegister NZCV = new SystemRegister("NZCV", 3, 3, 4, 2, 0, true);
        public static final SystemRegister DAIF = new SystemRegister("DAIF", 3, 3, 4, 2, 1, true);
        public static final SystemRegister FPCR = new SystemRegister("FPCR", 3, 3, 4, 4, 0, true);
        public static final SystemRegister FPSR = new SystemRegister("FPSR", 3, 3, 4, 4, 1, true);
        public static final SystemRegister TPIDR_EL0 = new SystemRegister("TPIDR_EL0", 3, 3, 13, 0, 2, true);
        public static final SystemRegister TPIDRRO_EL0 = new SystemRegister("TPIDRRO_EL0", 3, 3, 13, 0, 3, true);
        public static final SystemRegister CTR_EL0 = new SystemRegister("CTR_EL0", 3, 3, 0, 0, 1, false);
        public static final SystemRegister DCZID_EL0 = new SystemRegister("DCZID_EL0", 3, 3, 0, 0, 7, false);
        public static final SystemRegister CNTFRQ_EL0 = new SystemRegister("CNTFRQ_EL0", 3, 3, 14, 0, 0, true);
        public static final SystemRegister CNTPCT_EL0 = new SystemRegister("CNTPCT_EL0", 3, 3, 14, 0, 1, false);
        public static final SystemRegister CNTVCT_EL0 = new SystemRegister("CNTVCT_EL0", 3, 3, 14, 0, 2, false);
        public static final SystemRegister CNTV_TVAL_EL0 = new SystemRegister("CNTV_TVAL_EL0", 3, 3, 14, 3, 0, true);
        public static final SystemRegister CNTV_CTL_EL0 = new SystemRegister("CNTV_CTL_EL0", 3, 3, 14, 3, 1, true);
        public static final SystemRegister CNTV_CVAL_EL0 = new SystemRegister("CNTV_CVAL_EL0", 3, 3, 14, 3, 2, true);
        public static final SystemRegister PMCCNTR_EL0 = new SystemRegister("PMCCNTR_EL0", 3, 3, 9, 13, 0, true);
        // The identification registers, which Linux lets EL0 read (by emulating the trap).
        public static final SystemRegister MIDR_EL1 = new SystemRegister("MIDR_EL1", 3, 0, 0, 0, 0, false);
        public static final SystemRegister MPIDR_EL1 = new SystemRegister("MPIDR_EL1", 3, 0, 0, 0, 5, false);
        public static final SystemRegister REVIDR_EL1 = new SystemRegister("REVIDR_EL1", 3, 0, 0, 0, 6, false);
        public static final SystemRegister ID_AA64PFR0_EL1 = new SystemRegister("ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, false);
        public static final SystemRegister ID_AA64PFR1_EL1 = new SystemRegister("ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, false);
        public static final SystemRegister ID_AA64DFR0_EL1 = new SystemRegister("ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, false);
        public static final SystemRegister ID_AA64ISAR0_EL1 = new SystemRegister("ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, false);
        public static final SystemRegister ID_AA64ISAR1_EL1 = new SystemRegister("ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, false);
        public static final SystemRegister ID_AA64MMFR0_EL1 = new SystemRegister("ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, false);
        public static final SystemRegister ID_AA64MMFR1_EL1 = new SystemRegister("ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, false);
        public static final SystemRegister ID_AA64MMFR2_EL1 = new SystemRegister("ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, false);

        /** Every named register. */
        public static final List<SystemRegister> NAMED = List.of(NZCV, DAIF, FPCR, FPSR, TPIDR_EL0, TPIDRRO_EL0,
                CTR_EL0, DCZID_EL0, CNTFRQ_EL0, CNTPCT_EL0, CNTVCT_EL0, CNTV_TVAL_EL0, CNTV_CTL_EL0, CNTV_CVAL_EL0,
                PMCCNTR_EL0, MIDR_EL1, MPIDR_EL1, REVIDR_EL1, ID_AA64PFR0_EL1, ID_AA64PFR1_EL1, ID_AA64DFR0_EL1,
                ID_AA64ISAR0_EL1, ID_AA64ISAR1_EL1, ID_AA64MMFR0_EL1, ID_AA64MMFR1_EL1, ID_AA64MMFR2_EL1);

        public SystemRegister {
            Check.range("system register", "op0", op0, 2, 3);
            Check.range("system register", "op1", op1, 0, 7);
            Check.range("system register", "CRn", crn, 0, 15);
            Check.range("system register", "CRm", crm, 0, 15);
            Check.range("system register", "op2", op2, 0, 7);
        }

        /**
         * The register {@code s<op0>_<op1>_c<crn>_c<crm>_<op2>}: a named one if the fields match
         * it (so read-only registers stay read-only), else a generic one.
         */
        public static SystemRegister of(int op0, int op1, int crn, int crm, int op2) {
            for (SystemRegister r : NAMED) {
                if (r.op0 == op0 && r.op1 == op1 && r.crn == crn && r.crm == crm && r.op2 == op2) {
                    return r;
                }
            }
            return new SystemRegister(String.format("S%d_%d_C%d_C%d_%d", op0, op1, crn, crm, op2), op0, op1, crn, crm,
                    op2, true);
        }

        /**
         * The register named {@code name} (any case): one of {@link #NAMED} or the generic
         * {@code s<op0>_<op1>_c<n>_c<m>_<op2>} spelling; null if it is neither. A generic spelling
         * is writable whatever register it encodes, as in LLVM, which prints a write to a read-only
         * register that way ({@code msr S3_3_C0_C0_7, x11}) and assembles it back.
         */
        public static SystemRegister named(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            for (SystemRegister r : NAMED) {
                if (r.name.equals(upper)) {
                    return r;
                }
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("S([0-9]+)_([0-9]+)_C([0-9]+)_C([0-9]+)_([0-9]+)")
                    .matcher(upper);
            if (!m.matches()) {
                return null;
            }
            int[] f = new int[5];
            for (int i = 0; i < 5; i++) {
                String digits = m.group(i + 1);
                f[i] = digits.length() > 2 ? 99 : Integer.parseInt(digits);
            }
            SystemRegister register = of(f[0], f[1], f[2], f[3], f[4]);
            return register.writable() ? register : new SystemRegister(String.format("S%d_%d_C%d_C%d_%d", f[0], f[1],
                    f[2], f[3], f[4]), f[0], f[1], f[2], f[3], f[4], true);
        }
    }

    /** The PSTATE fields {@code msr <field>, #imm} writes (Arm ARM C5.2, MSR (immediate)). */
    enum PstateField {
        /** Sets the DAIF interrupt masks given by the immediate. */
        DAIFSET(3, 6, "DAIFSet"),
        /** Clears the DAIF interrupt masks given by the immediate. */
        DAIFCLR(3, 7, "DAIFClr"),
        /** Selects the stack pointer (EL1 and up). */
        SPSEL(0, 5, "SPSel");

        private final int op1;
        private final int op2;
        private final String text;

        PstateField(int op1, int op2, String text) {
            this.op1 = op1;
            this.op2 = op2;
            this.text = text;
        }

        int op1() {
            return op1;
        }

        int op2() {
            return op2;
        }

        /** The name LLVM prints, such as {@code DAIFSet}. */
        public String text() {
            return text;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Unconditional branch (immediate): b, bl

    /** {@code b label}: Unconditional branch (immediate), ±128 MiB. */
    default A64Assembler b(Label target) {
        return emitLabelUse(ControlEncoders.unconditionalBranchImmediate(0), target, LabelUse.BRANCH26);
    }

    /** {@code b #offset}: Unconditional branch (immediate) by a byte offset from this instruction (multiple of 4, ±128 MiB). */
    default A64Assembler b(long offset) {
        return emit(patched(LabelUse.BRANCH26, ControlEncoders.unconditionalBranchImmediate(0), offset, () -> "b #" + offset));
    }

    /** {@code bl label}: Unconditional branch (immediate) with link, ±128 MiB. */
    default A64Assembler bl(Label target) {
        return emitLabelUse(ControlEncoders.unconditionalBranchImmediate(1), target, LabelUse.BRANCH26);
    }

    /** {@code bl #offset}: Unconditional branch (immediate) with link by a byte offset (multiple of 4, ±128 MiB). */
    default A64Assembler bl(long offset) {
        return emit(patched(LabelUse.BRANCH26, ControlEncoders.unconditionalBranchImmediate(1), offset, () -> "bl #" + offset));
    }

    // ---------------------------------------------------------------------------------------
    // Conditional branch (immediate): b.cond

    /** {@code b.cond label}: Conditional branch (immediate), ±1 MiB. */
    default A64Assembler b(Condition cond, Label target) {
        return emitLabelUse(ControlEncoders.conditionalBranchImmediate(cond.code()), target, LabelUse.BRANCH19);
    }

    /** {@code b.cond #offset}: Conditional branch (immediate) by a byte offset (multiple of 4, ±1 MiB). */
    default A64Assembler b(Condition cond, long offset) {
        return emit(patched(LabelUse.BRANCH19, ControlEncoders.conditionalBranchImmediate(cond.code()), offset,
                () -> "b." + cond.text() + " #" + offset));
    }

    // ---------------------------------------------------------------------------------------
    // Compare and branch (immediate): cbz, cbnz

    /** {@code cbz rt, label}: Compare and branch (immediate), ±1 MiB; rt is w or x, not sp. */
    default A64Assembler cbz(GpRegister rt, Label target) {
        return compareAndBranch("cbz", 0, rt, target);
    }

    /** {@code cbz rt, #offset}: Compare and branch (immediate) by a byte offset (multiple of 4, ±1 MiB). */
    default A64Assembler cbz(GpRegister rt, long offset) {
        return compareAndBranch("cbz", 0, rt, offset);
    }

    /** {@code cbnz rt, label}: Compare and branch (immediate), ±1 MiB; rt is w or x, not sp. */
    default A64Assembler cbnz(GpRegister rt, Label target) {
        return compareAndBranch("cbnz", 1, rt, target);
    }

    /** {@code cbnz rt, #offset}: Compare and branch (immediate) by a byte offset (multiple of 4, ±1 MiB). */
    default A64Assembler cbnz(GpRegister rt, long offset) {
        return compareAndBranch("cbnz", 1, rt, offset);
    }

    private A64Assembler compareAndBranch(String insn, int op, GpRegister rt, Label target) {
        int t = Check.noSp(insn, "register", rt);
        return emitLabelUse(ControlEncoders.compareAndBranch(rt.sf(), op, t), target, LabelUse.BRANCH19);
    }

    private A64Assembler compareAndBranch(String insn, int op, GpRegister rt, long offset) {
        int t = Check.noSp(insn, "register", rt);
        return emit(patched(LabelUse.BRANCH19, ControlEncoders.compareAndBranch(rt.sf(), op, t), offset,
                () -> insn + " " + rt.name() + ", #" + offset));
    }

    // ---------------------------------------------------------------------------------------
    // Test and branch (immediate): tbz, tbnz

    /** {@code tbz rt, #bit, label}: Test and branch (immediate), ±32 KiB; bit 0..63 for x, 0..31 for w. */
    default A64Assembler tbz(GpRegister rt, int bit, Label target) {
        return testAndBranch("tbz", 0, rt, bit, target);
    }

    /** {@code tbz rt, #bit, #offset}: Test and branch (immediate) by a byte offset (multiple of 4, ±32 KiB). */
    default A64Assembler tbz(GpRegister rt, int bit, long offset) {
        return testAndBranch("tbz", 0, rt, bit, offset);
    }

    /** {@code tbnz rt, #bit, label}: Test and branch (immediate), ±32 KiB; bit 0..63 for x, 0..31 for w. */
    default A64Assembler tbnz(GpRegister rt, int bit, Label target) {
        return testAndBranch("tbnz", 1, rt, bit, target);
    }

    /** {@code tbnz rt, #bit, #offset}: Test and branch (immediate) by a byte offset (multiple of 4, ±32 KiB). */
    default A64Assembler tbnz(GpRegister rt, int bit, long offset) {
        return testAndBranch("tbnz", 1, rt, bit, offset);
    }

    private static int testAndBranchWord(String insn, int op, GpRegister rt, int bit) {
        int t = Check.noSp(insn, "register", rt);
        if (!rt.is64() && (bit < 0 || bit > 31)) {
            throw new A64EncodingException(insn + ": bit number " + bit + " is out of range for " + rt.name()
                    + "; allowed 0..31 for a w register, 0..63 for an x register");
        }
        Check.range(insn, "bit number", bit, 0, 63);
        return ControlEncoders.testAndBranch(bit >>> 5, op, bit & 0b11111, t);
    }

    private A64Assembler testAndBranch(String insn, int op, GpRegister rt, int bit, Label target) {
        int word = testAndBranchWord(insn, op, rt, bit);
        return emitLabelUse(word, target, LabelUse.BRANCH14);
    }

    private A64Assembler testAndBranch(String insn, int op, GpRegister rt, int bit, long offset) {
        int word = testAndBranchWord(insn, op, rt, bit);
        return emit(patched(LabelUse.BRANCH14, word, offset, () -> insn + " " + rt.name() + ", #" + bit + ", #" + offset));
    }

    /** The word branching {@code offset} bytes; the instruction's text is built only for an error message. */
    private static int patched(LabelUse use, int word, long offset, Supplier<String> text) {
        return use.patch(word, offset, use.fits(offset) ? "" : text.get());
    }

    // ---------------------------------------------------------------------------------------
    // Unconditional branch (register): br, blr, ret

    /** {@code br xn}: Unconditional branch (register), opc = 0000; xn is x0..x30 or xzr. */
    default A64Assembler br(GpRegister xn) {
        return emit(ControlEncoders.unconditionalBranchRegister(ControlEncoders.BR_OPC, branchTarget("br", xn)));
    }

    /** {@code blr xn}: Unconditional branch (register), opc = 0001; xn is x0..x30 or xzr. */
    default A64Assembler blr(GpRegister xn) {
        return emit(ControlEncoders.unconditionalBranchRegister(ControlEncoders.BLR_OPC, branchTarget("blr", xn)));
    }

    /** {@code ret}: Unconditional branch (register), opc = 0010, to x30. */
    default A64Assembler ret() {
        return ret(Registers.LR);
    }

    /** {@code ret xn}: Unconditional branch (register), opc = 0010; xn is x0..x30 or xzr. */
    default A64Assembler ret(GpRegister xn) {
        return emit(ControlEncoders.unconditionalBranchRegister(ControlEncoders.RET_OPC, branchTarget("ret", xn)));
    }

    private static int branchTarget(String insn, GpRegister xn) {
        Check.is64(insn, "register", xn);
        return Check.noSp(insn, "register", xn);
    }

    // ---------------------------------------------------------------------------------------
    // Hints

    /** {@code hint #n}: Hints, n = CRm:op2 in 0..127. */
    default A64Assembler hint(int number) {
        return emit(ControlEncoders.hint((int) Check.range("hint", "number", number, 0, 127)));
    }

    /** A named hint such as {@code yield}, {@code wfe} or {@code paciasp}: Hints. */
    default A64Assembler hint(Hint hint) {
        return emit(ControlEncoders.hint(hint.number()));
    }

    /** {@code nop}: Hints, #0. */
    default A64Assembler nop() {
        return emit(ControlEncoders.NOP);
    }

    /** {@code wfe}: Hints, #2. */
    default A64Assembler wfe() {
        return hint(Hint.WFE);
    }

    /** {@code wfi}: Hints, #3. */
    default A64Assembler wfi() {
        return hint(Hint.WFI);
    }

    /** {@code sev}: Hints, #4. */
    default A64Assembler sev() {
        return hint(Hint.SEV);
    }

    /** {@code sevl}: Hints, #5. */
    default A64Assembler sevl() {
        return hint(Hint.SEVL);
    }

    /** {@code csdb}: Hints, #20. */
    default A64Assembler csdb() {
        return hint(Hint.CSDB);
    }

    /** Bare {@code bti}: Hints, #32. */
    default A64Assembler bti() {
        return bti(BtiTarget.NONE);
    }

    /** {@code bti c|j|jc}: Hints, #34/#36/#38. */
    default A64Assembler bti(BtiTarget target) {
        return emit(ControlEncoders.hint(target.hint()));
    }

    // ---------------------------------------------------------------------------------------
    // Barriers: dmb, dsb, isb, clrex, ssbb, pssbb

    /** {@code dmb option}: Barriers, op2 = 101. */
    default A64Assembler dmb(BarrierOption option) {
        return emit(ControlEncoders.barrier(option.crm(), ControlEncoders.DMB_OP2));
    }

    /** {@code dmb #crm}: Barriers, op2 = 101, CRm 0..15. */
    default A64Assembler dmb(int crm) {
        return emit(ControlEncoders.barrier((int) Check.range("dmb", "option", crm, 0, 15), ControlEncoders.DMB_OP2));
    }

    /** {@code dsb option}: Barriers, op2 = 100. */
    default A64Assembler dsb(BarrierOption option) {
        return emit(ControlEncoders.barrier(option.crm(), ControlEncoders.DSB_OP2));
    }

    /** {@code dsb #crm}: Barriers, op2 = 100, CRm 0..15 (0 is {@code ssbb}, 4 is {@code pssbb}). */
    default A64Assembler dsb(int crm) {
        return emit(ControlEncoders.barrier((int) Check.range("dsb", "option", crm, 0, 15), ControlEncoders.DSB_OP2));
    }

    /** {@code ssbb}: Barriers, {@code dsb #0}. */
    default A64Assembler ssbb() {
        return dsb(0);
    }

    /** {@code pssbb}: Barriers, {@code dsb #4}. */
    default A64Assembler pssbb() {
        return dsb(4);
    }

    /** {@code isb} (= {@code isb sy}): Barriers, op2 = 110, CRm = 1111. */
    default A64Assembler isb() {
        return isb(15);
    }

    /** {@code isb #crm}: Barriers, op2 = 110, CRm 0..15. */
    default A64Assembler isb(int crm) {
        return emit(ControlEncoders.barrier((int) Check.range("isb", "option", crm, 0, 15), ControlEncoders.ISB_OP2));
    }

    /** {@code clrex}: Barriers, op2 = 010, CRm = 1111. */
    default A64Assembler clrex() {
        return clrex(15);
    }

    /** {@code clrex #crm}: Barriers, op2 = 010, CRm 0..15. */
    default A64Assembler clrex(int crm) {
        return emit(ControlEncoders.barrier((int) Check.range("clrex", "option", crm, 0, 15), ControlEncoders.CLREX_OP2));
    }

    // ---------------------------------------------------------------------------------------
    // System instructions: dc, ic (aliases of sys)

    /** {@code dc op, xt}: System instructions, {@code sys #op1, c7, cCRm, #op2, xt}; xt is x0..x30 or xzr. */
    default A64Assembler dc(DataCacheOperation op, GpRegister xt) {
        Check.is64("dc " + op.text(), "register", xt);
        int t = Check.noSp("dc " + op.text(), "register", xt);
        return emit(ControlEncoders.system(0, 0b01, op.op1(), 7, op.crm(), op.op2(), t));
    }

    /** {@code ic op, xt}: System instructions; only for {@link InstructionCacheOperation#IVAU}. */
    default A64Assembler ic(InstructionCacheOperation op, GpRegister xt) {
        String insn = "ic " + op.text();
        if (!op.takesRegister()) {
            throw new A64EncodingException(insn + ": takes no register, found " + xt.name() + "; allowed 'ic "
                    + op.text() + "' alone");
        }
        Check.is64(insn, "register", xt);
        int t = Check.noSp(insn, "register", xt);
        return emit(ControlEncoders.system(0, 0b01, op.op1(), 7, op.crm(), op.op2(), t));
    }

    /** {@code ic op}: System instructions, for the operations without a register (iallu, ialluis). */
    default A64Assembler ic(InstructionCacheOperation op) {
        if (op.takesRegister()) {
            throw new A64EncodingException("ic " + op.text() + ": needs an address register; allowed 'ic "
                    + op.text() + ", x0'..'x30'");
        }
        return emit(ControlEncoders.system(0, 0b01, op.op1(), 7, op.crm(), op.op2(), 31));
    }

    // ---------------------------------------------------------------------------------------
    // System register move: mrs, msr (register); PSTATE: msr (immediate)

    /** {@code mrs xt, sysreg}: System register move, L = 1; xt is x0..x30 or xzr. */
    default A64Assembler mrs(GpRegister xt, SystemRegister register) {
        Check.is64("mrs", "register", xt);
        int t = Check.noSp("mrs", "register", xt);
        return emit(ControlEncoders.system(1, register.op0(), register.op1(), register.crn(), register.crm(),
                register.op2(), t));
    }

    /** {@code msr sysreg, xt}: System register move, L = 0; xt is x0..x30 or xzr; the register must be writable. */
    default A64Assembler msr(SystemRegister register, GpRegister xt) {
        if (!register.writable()) {
            throw new A64EncodingException("msr: system register " + register.name().toLowerCase(Locale.ROOT)
                    + " is read-only; read it with mrs");
        }
        Check.is64("msr", "register", xt);
        int t = Check.noSp("msr", "register", xt);
        return emit(ControlEncoders.system(0, register.op0(), register.op1(), register.crn(), register.crm(),
                register.op2(), t));
    }

    /** {@code msr field, #imm}: PSTATE (MSR immediate), imm 0..15 in CRm. */
    default A64Assembler msr(PstateField field, int imm) {
        int crm = (int) Check.range("msr " + field.text().toLowerCase(Locale.ROOT), "immediate", imm, 0, 15);
        return emit(ControlEncoders.pstate(field.op1(), crm, field.op2()));
    }

    // ---------------------------------------------------------------------------------------
    // Exception generation: svc, hvc, brk, hlt, dcps1, dcps2; udf

    /** {@code svc #imm16}: Exception generation, opc = 000, LL = 01. */
    default A64Assembler svc(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b000, (int) Check.range("svc", "immediate", imm16, 0, 65535), 0b01));
    }

    /** {@code hvc #imm16}: Exception generation, opc = 000, LL = 10. */
    default A64Assembler hvc(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b000, (int) Check.range("hvc", "immediate", imm16, 0, 65535), 0b10));
    }

    /** {@code brk #imm16}: Exception generation, opc = 001, LL = 00. */
    default A64Assembler brk(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b001, (int) Check.range("brk", "immediate", imm16, 0, 65535), 0b00));
    }

    /** {@code hlt #imm16}: Exception generation, opc = 010, LL = 00. */
    default A64Assembler hlt(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b010, (int) Check.range("hlt", "immediate", imm16, 0, 65535), 0b00));
    }

    /** {@code dcps1 #imm16}: Exception generation, opc = 101, LL = 01. */
    default A64Assembler dcps1(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b101, (int) Check.range("dcps1", "immediate", imm16, 0, 65535), 0b01));
    }

    /** {@code dcps2 #imm16}: Exception generation, opc = 101, LL = 10. */
    default A64Assembler dcps2(int imm16) {
        return emit(ControlEncoders.exceptionGeneration(0b101, (int) Check.range("dcps2", "immediate", imm16, 0, 65535), 0b10));
    }

    /** {@code udf #imm16}: Reserved (permanently undefined), imm16 0..65535. */
    default A64Assembler udf(int imm16) {
        return emit(ControlEncoders.permanentlyUndefined((int) Check.range("udf", "immediate", imm16, 0, 65535)));
    }
}
