package dev.stitch.a64;

import static dev.stitch.a64.IntegerEncoders.*;

/**
 * The integer data-processing instructions of A64, grouped by the Arm ARM's encoding classes
 * (DDI 0487, C4.1 "A64 instruction set encoding": "Data Processing -- Immediate" and "Data
 * Processing -- Register"):
 * add/subtract (immediate, shifted register, extended register, with carry), logical (immediate,
 * shifted register), move wide, PC-relative addressing, bitfield, extract, data-processing with
 * one, two and three sources, conditional select and conditional compare, plus the aliases LLVM
 * knows them by ({@code mov}, {@code cmp}, {@code lsl}, {@code cset}...).
 *
 * <p>Every method checks its operands first: register widths must agree (all {@code x} or all
 * {@code w}, except where an instruction mixes them, such as {@code smull x0, w1, w2}), register
 * 31 must be the kind the encoding allows ({@code sp} where the field means the stack pointer,
 * {@code xzr} where it means zero) and immediates must be in range. Violations throw
 * {@link A64EncodingException} naming the instruction, the operand, the value and what is allowed.
 */
public interface IntegerInstructions {
    /** Writes one instruction word. */
    A64Assembler emit(int word);

    /** Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse}). */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction);

    /**
     * Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse(int, Label, LabelUse)});
     * messages show the instruction's disassembly with the label as its target.
     */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use);

    // ---------------------------------------------------------------- add/subtract (immediate)

    /**
     * {@code add rd, rn, #imm}: Arm ARM "Add/subtract (immediate)". {@code imm} is 0..4095, or a
     * multiple of 4096 up to 4095 << 12, which is encoded with {@code lsl #12}. {@code rd} and
     * {@code rn} may be {@code sp}, not {@code xzr}. A negative {@code imm} is refused here; the
     * text syntax turns {@code add x0, x1, #-4} into {@code sub x0, x1, #4} as LLVM does.
     */
    default A64Assembler add(GpRegister rd, GpRegister rn, long imm) {
        return addSubImmediateAuto("add", 0, 0, rd, rn, imm);
    }

    /** {@code add rd, rn, #imm12, lsl #shift} with {@code shift} 0 or 12: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler add(GpRegister rd, GpRegister rn, int imm12, int shift) {
        return addSubImmediateShifted("add", 0, 0, rd, rn, imm12, shift);
    }

    /** {@code adds rd, rn, #imm}: as {@link #add(GpRegister, GpRegister, long)}, setting flags; {@code rd} may be {@code xzr}, not {@code sp}. */
    default A64Assembler adds(GpRegister rd, GpRegister rn, long imm) {
        return addSubImmediateAuto("adds", 0, 1, rd, rn, imm);
    }

    /** {@code adds rd, rn, #imm12, lsl #shift}: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler adds(GpRegister rd, GpRegister rn, int imm12, int shift) {
        return addSubImmediateShifted("adds", 0, 1, rd, rn, imm12, shift);
    }

    /** {@code sub rd, rn, #imm}: Arm ARM "Add/subtract (immediate)"; ranges as {@link #add(GpRegister, GpRegister, long)}. */
    default A64Assembler sub(GpRegister rd, GpRegister rn, long imm) {
        return addSubImmediateAuto("sub", 1, 0, rd, rn, imm);
    }

    /** {@code sub rd, rn, #imm12, lsl #shift}: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler sub(GpRegister rd, GpRegister rn, int imm12, int shift) {
        return addSubImmediateShifted("sub", 1, 0, rd, rn, imm12, shift);
    }

    /** {@code subs rd, rn, #imm}: Arm ARM "Add/subtract (immediate)"; {@code rd} may be {@code xzr}, not {@code sp}. */
    default A64Assembler subs(GpRegister rd, GpRegister rn, long imm) {
        return addSubImmediateAuto("subs", 1, 1, rd, rn, imm);
    }

    /** {@code subs rd, rn, #imm12, lsl #shift}: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler subs(GpRegister rd, GpRegister rn, int imm12, int shift) {
        return addSubImmediateShifted("subs", 1, 1, rd, rn, imm12, shift);
    }

    /** {@code cmp rn, #imm} = {@code subs zr, rn, #imm}: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler cmp(GpRegister rn, long imm) {
        return addSubImmediateAuto("cmp", 1, 1, zr(rn), rn, imm);
    }

    /** {@code cmn rn, #imm} = {@code adds zr, rn, #imm}: Arm ARM "Add/subtract (immediate)". */
    default A64Assembler cmn(GpRegister rn, long imm) {
        return addSubImmediateAuto("cmn", 0, 1, zr(rn), rn, imm);
    }

    // ---------------------------------------------------- add/subtract (shifted/extended register)

    /**
     * {@code add rd, rn, rm}: Arm ARM "Add/subtract (shifted register)", or "Add/subtract
     * (extended register)" with {@code uxtx}/{@code uxtw} (written {@code lsl}) when {@code rd}
     * or {@code rn} is the stack pointer.
     */
    default A64Assembler add(GpRegister rd, GpRegister rn, GpRegister rm) {
        return addSubRegister("add", 0, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /**
     * {@code add rd, rn, rm, shift #amount}: Arm ARM "Add/subtract (shifted register)"; shifts
     * {@code lsl}, {@code lsr}, {@code asr}, amount 0..63 (0..31 for {@code w}). With {@code sp}
     * as {@code rd} or {@code rn}, {@code lsl #0..4} selects the extended-register form.
     */
    default A64Assembler add(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("add", 0, 0, rd, rn, rm, shift, amount);
    }

    /**
     * {@code add rd, rn, rm, extend #amount}: Arm ARM "Add/subtract (extended register)";
     * amount 0..4; {@code rm} is {@code x} for {@code uxtx}/{@code sxtx} in 64-bit forms, else {@code w}.
     */
    default A64Assembler add(GpRegister rd, GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("add", 0, 0, rd, rn, rm, extend, amount);
    }

    /** {@code adds rd, rn, rm}: see {@link #add(GpRegister, GpRegister, GpRegister)}. */
    default A64Assembler adds(GpRegister rd, GpRegister rn, GpRegister rm) {
        return addSubRegister("adds", 0, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code adds rd, rn, rm, shift #amount}: Arm ARM "Add/subtract (shifted register)". */
    default A64Assembler adds(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("adds", 0, 1, rd, rn, rm, shift, amount);
    }

    /** {@code adds rd, rn, rm, extend #amount}: Arm ARM "Add/subtract (extended register)". */
    default A64Assembler adds(GpRegister rd, GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("adds", 0, 1, rd, rn, rm, extend, amount);
    }

    /** {@code sub rd, rn, rm}: see {@link #add(GpRegister, GpRegister, GpRegister)}. */
    default A64Assembler sub(GpRegister rd, GpRegister rn, GpRegister rm) {
        return addSubRegister("sub", 1, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code sub rd, rn, rm, shift #amount}: Arm ARM "Add/subtract (shifted register)". */
    default A64Assembler sub(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("sub", 1, 0, rd, rn, rm, shift, amount);
    }

    /** {@code sub rd, rn, rm, extend #amount}: Arm ARM "Add/subtract (extended register)". */
    default A64Assembler sub(GpRegister rd, GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("sub", 1, 0, rd, rn, rm, extend, amount);
    }

    /** {@code subs rd, rn, rm}: see {@link #add(GpRegister, GpRegister, GpRegister)}. */
    default A64Assembler subs(GpRegister rd, GpRegister rn, GpRegister rm) {
        return addSubRegister("subs", 1, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code subs rd, rn, rm, shift #amount}: Arm ARM "Add/subtract (shifted register)". */
    default A64Assembler subs(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("subs", 1, 1, rd, rn, rm, shift, amount);
    }

    /** {@code subs rd, rn, rm, extend #amount}: Arm ARM "Add/subtract (extended register)". */
    default A64Assembler subs(GpRegister rd, GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("subs", 1, 1, rd, rn, rm, extend, amount);
    }

    /** {@code cmp rn, rm} = {@code subs zr, rn, rm}. */
    default A64Assembler cmp(GpRegister rn, GpRegister rm) {
        return addSubRegister("cmp", 1, 1, zr(rn), rn, rm, Shift.LSL, 0);
    }

    /** {@code cmp rn, rm, shift #amount} = {@code subs zr, rn, rm, shift #amount}. */
    default A64Assembler cmp(GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("cmp", 1, 1, zr(rn), rn, rm, shift, amount);
    }

    /** {@code cmp rn, rm, extend #amount} = {@code subs zr, rn, rm, extend #amount}. */
    default A64Assembler cmp(GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("cmp", 1, 1, zr(rn), rn, rm, extend, amount);
    }

    /** {@code cmn rn, rm} = {@code adds zr, rn, rm}. */
    default A64Assembler cmn(GpRegister rn, GpRegister rm) {
        return addSubRegister("cmn", 0, 1, zr(rn), rn, rm, Shift.LSL, 0);
    }

    /** {@code cmn rn, rm, shift #amount} = {@code adds zr, rn, rm, shift #amount}. */
    default A64Assembler cmn(GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return addSubRegister("cmn", 0, 1, zr(rn), rn, rm, shift, amount);
    }

    /** {@code cmn rn, rm, extend #amount} = {@code adds zr, rn, rm, extend #amount}. */
    default A64Assembler cmn(GpRegister rn, GpRegister rm, Extend extend, int amount) {
        return addSubExtendedChecked("cmn", 0, 1, zr(rn), rn, rm, extend, amount);
    }

    /** {@code neg rd, rm} = {@code sub rd, zr, rm}: Arm ARM "Add/subtract (shifted register)". */
    default A64Assembler neg(GpRegister rd, GpRegister rm) {
        return neg(rd, rm, Shift.LSL, 0);
    }

    /** {@code neg rd, rm, shift #amount} = {@code sub rd, zr, rm, shift #amount}. */
    default A64Assembler neg(GpRegister rd, GpRegister rm, Shift shift, int amount) {
        return addSubShiftedChecked("neg", 1, 0, rd, zr(rd), rm, shift, amount);
    }

    /** {@code negs rd, rm} = {@code subs rd, zr, rm}. */
    default A64Assembler negs(GpRegister rd, GpRegister rm) {
        return negs(rd, rm, Shift.LSL, 0);
    }

    /** {@code negs rd, rm, shift #amount} = {@code subs rd, zr, rm, shift #amount}. */
    default A64Assembler negs(GpRegister rd, GpRegister rm, Shift shift, int amount) {
        return addSubShiftedChecked("negs", 1, 1, rd, zr(rd), rm, shift, amount);
    }

    // ---------------------------------------------------------------- add/subtract (with carry)

    /** {@code adc rd, rn, rm}: Arm ARM "Add/subtract (with carry)". */
    default A64Assembler adc(GpRegister rd, GpRegister rn, GpRegister rm) {
        return carry("adc", 0, 0, rd, rn, rm);
    }

    /** {@code adcs rd, rn, rm}: Arm ARM "Add/subtract (with carry)". */
    default A64Assembler adcs(GpRegister rd, GpRegister rn, GpRegister rm) {
        return carry("adcs", 0, 1, rd, rn, rm);
    }

    /** {@code sbc rd, rn, rm}: Arm ARM "Add/subtract (with carry)". */
    default A64Assembler sbc(GpRegister rd, GpRegister rn, GpRegister rm) {
        return carry("sbc", 1, 0, rd, rn, rm);
    }

    /** {@code sbcs rd, rn, rm}: Arm ARM "Add/subtract (with carry)". */
    default A64Assembler sbcs(GpRegister rd, GpRegister rn, GpRegister rm) {
        return carry("sbcs", 1, 1, rd, rn, rm);
    }

    /** {@code ngc rd, rm} = {@code sbc rd, zr, rm}. */
    default A64Assembler ngc(GpRegister rd, GpRegister rm) {
        return carry("ngc", 1, 0, rd, zr(rd), rm);
    }

    /** {@code ngcs rd, rm} = {@code sbcs rd, zr, rm}. */
    default A64Assembler ngcs(GpRegister rd, GpRegister rm) {
        return carry("ngcs", 1, 1, rd, zr(rd), rm);
    }

    // ---------------------------------------------------------------------- logical (immediate)

    /**
     * {@code and rd, rn, #imm}: Arm ARM "Logical (immediate)". {@code imm} must be a bitmask
     * immediate ({@link BitmaskImmediate}); {@code rd} may be {@code sp}.
     */
    default A64Assembler and(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("and", 0b00, rd, rn, imm);
    }

    /** {@code orr rd, rn, #imm}: Arm ARM "Logical (immediate)". */
    default A64Assembler orr(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("orr", 0b01, rd, rn, imm);
    }

    /** {@code eor rd, rn, #imm}: Arm ARM "Logical (immediate)". */
    default A64Assembler eor(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("eor", 0b10, rd, rn, imm);
    }

    /** {@code ands rd, rn, #imm}: Arm ARM "Logical (immediate)"; {@code rd} may be {@code xzr}, not {@code sp}. */
    default A64Assembler ands(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("ands", 0b11, rd, rn, imm);
    }

    /** {@code tst rn, #imm} = {@code ands zr, rn, #imm}. */
    default A64Assembler tst(GpRegister rn, long imm) {
        return logicalImmediateChecked("tst", 0b11, zr(rn), rn, imm);
    }

    /** {@code bic rd, rn, #imm} = {@code and rd, rn, #~imm}. */
    default A64Assembler bic(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("bic", 0b00, rd, rn, invert(rd, imm));
    }

    /** {@code bics rd, rn, #imm} = {@code ands rd, rn, #~imm}. */
    default A64Assembler bics(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("bics", 0b11, rd, rn, invert(rd, imm));
    }

    /** {@code orn rd, rn, #imm} = {@code orr rd, rn, #~imm}. */
    default A64Assembler orn(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("orn", 0b01, rd, rn, invert(rd, imm));
    }

    /** {@code eon rd, rn, #imm} = {@code eor rd, rn, #~imm}. */
    default A64Assembler eon(GpRegister rd, GpRegister rn, long imm) {
        return logicalImmediateChecked("eon", 0b10, rd, rn, invert(rd, imm));
    }

    // --------------------------------------------------------------- logical (shifted register)

    /** {@code and rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler and(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("and", 0b00, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code and rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)"; any shift including {@code ror}. */
    default A64Assembler and(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("and", 0b00, 0, rd, rn, rm, shift, amount);
    }

    /** {@code bic rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler bic(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("bic", 0b00, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code bic rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler bic(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("bic", 0b00, 1, rd, rn, rm, shift, amount);
    }

    /** {@code orr rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler orr(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("orr", 0b01, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code orr rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler orr(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("orr", 0b01, 0, rd, rn, rm, shift, amount);
    }

    /** {@code orn rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler orn(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("orn", 0b01, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code orn rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler orn(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("orn", 0b01, 1, rd, rn, rm, shift, amount);
    }

    /** {@code eor rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler eor(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("eor", 0b10, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code eor rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler eor(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("eor", 0b10, 0, rd, rn, rm, shift, amount);
    }

    /** {@code eon rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler eon(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("eon", 0b10, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code eon rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler eon(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("eon", 0b10, 1, rd, rn, rm, shift, amount);
    }

    /** {@code ands rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler ands(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("ands", 0b11, 0, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code ands rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler ands(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("ands", 0b11, 0, rd, rn, rm, shift, amount);
    }

    /** {@code bics rd, rn, rm}: Arm ARM "Logical (shifted register)". */
    default A64Assembler bics(GpRegister rd, GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("bics", 0b11, 1, rd, rn, rm, Shift.LSL, 0);
    }

    /** {@code bics rd, rn, rm, shift #amount}: Arm ARM "Logical (shifted register)". */
    default A64Assembler bics(GpRegister rd, GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("bics", 0b11, 1, rd, rn, rm, shift, amount);
    }

    /** {@code tst rn, rm} = {@code ands zr, rn, rm}. */
    default A64Assembler tst(GpRegister rn, GpRegister rm) {
        return logicalShiftedChecked("tst", 0b11, 0, zr(rn), rn, rm, Shift.LSL, 0);
    }

    /** {@code tst rn, rm, shift #amount} = {@code ands zr, rn, rm, shift #amount}. */
    default A64Assembler tst(GpRegister rn, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("tst", 0b11, 0, zr(rn), rn, rm, shift, amount);
    }

    /** {@code mvn rd, rm} = {@code orn rd, zr, rm}. */
    default A64Assembler mvn(GpRegister rd, GpRegister rm) {
        return logicalShiftedChecked("mvn", 0b01, 1, rd, zr(rd), rm, Shift.LSL, 0);
    }

    /** {@code mvn rd, rm, shift #amount} = {@code orn rd, zr, rm, shift #amount}. */
    default A64Assembler mvn(GpRegister rd, GpRegister rm, Shift shift, int amount) {
        return logicalShiftedChecked("mvn", 0b01, 1, rd, zr(rd), rm, shift, amount);
    }

    /**
     * {@code mov rd, rm}: {@code add rd, rn, #0} (Arm ARM "Add/subtract (immediate)") when either
     * is the stack pointer, else {@code orr rd, zr, rm} (Arm ARM "Logical (shifted register)").
     */
    default A64Assembler mov(GpRegister rd, GpRegister rm) {
        Check.sameWidth("mov", rd, rm);
        if (rd.isStackPointer() || rm.isStackPointer()) {
            Check.noZr("mov", "rd", rd);
            Check.noZr("mov", "rm", rm);
            return emit(addSubImmediate(rd.sf(), 0, 0, 0, 0, rm.code(), rd.code()));
        }
        return emit(logicalShifted(rd.sf(), 0b01, 0, 0, rm.code(), 0, 31, rd.code()));
    }

    // ---------------------------------------------------------------------------- move wide

    /** {@code movz rd, #imm16}: Arm ARM "Move wide (immediate)". */
    default A64Assembler movz(GpRegister rd, int imm16) {
        return moveWideChecked("movz", 0b10, rd, imm16, 0);
    }

    /** {@code movz rd, #imm16, lsl #shift}: Arm ARM "Move wide (immediate)"; shift 0, 16 (and 32, 48 for {@code x}). */
    default A64Assembler movz(GpRegister rd, int imm16, int shift) {
        return moveWideChecked("movz", 0b10, rd, imm16, shift);
    }

    /** {@code movn rd, #imm16}: Arm ARM "Move wide (immediate)". */
    default A64Assembler movn(GpRegister rd, int imm16) {
        return moveWideChecked("movn", 0b00, rd, imm16, 0);
    }

    /** {@code movn rd, #imm16, lsl #shift}: Arm ARM "Move wide (immediate)". */
    default A64Assembler movn(GpRegister rd, int imm16, int shift) {
        return moveWideChecked("movn", 0b00, rd, imm16, shift);
    }

    /** {@code movk rd, #imm16}: Arm ARM "Move wide (immediate)". */
    default A64Assembler movk(GpRegister rd, int imm16) {
        return moveWideChecked("movk", 0b11, rd, imm16, 0);
    }

    /** {@code movk rd, #imm16, lsl #shift}: Arm ARM "Move wide (immediate)". */
    default A64Assembler movk(GpRegister rd, int imm16, int shift) {
        return moveWideChecked("movk", 0b11, rd, imm16, shift);
    }

    /**
     * {@code mov rd, #imm}: the one instruction that makes {@code imm}, chosen as LLVM does:
     * {@code movz}, else {@code movn} (Arm ARM "Move wide (immediate)"), else {@code orr rd, zr,
     * #imm} (Arm ARM "Logical (immediate)"; then {@code rd} may be {@code sp}). For {@code w}
     * registers {@code imm} must fit in 32 bits, signed or unsigned.
     *
     * @throws A64EncodingException if no single instruction makes the value (use {@link #mov64})
     */
    default A64Assembler mov(GpRegister rd, long imm) {
        long value = moveValue("mov", rd, imm);
        int word = singleMove(rd, value);
        if (word != 0) {
            return emit(word);
        }
        if (!rd.isZeroRegister()) {
            int bitmask = BitmaskImmediate.encode(value, rd.is64());
            if (bitmask >= 0) {
                return emit(logicalImmediate(rd.sf(), 0b01, bitmask, 31, rd.code()));
            }
        }
        throw new A64EncodingException("mov: immediate 0x" + Long.toHexString(value)
                + " cannot be made by one movz, movn or orr (bitmask) instruction; allowed values with one non-zero"
                + " 16-bit chunk, one non-0xffff chunk, or a bitmask immediate (use mov64 for any value)");
    }

    /**
     * Loads any 64-bit (or, for a {@code w} register, 32-bit) constant with the shortest of: one
     * {@code movz}, one {@code movn}, one {@code orr rd, zr, #bitmask}; else {@code movz} or
     * {@code movn} (whichever leaves fewer chunks to fix) followed by one {@code movk} per
     * remaining 16-bit chunk. Arm ARM "Move wide (immediate)" and "Logical (immediate)".
     */
    default A64Assembler mov64(GpRegister rd, long value) {
        Check.noSp("mov64", "rd", rd);
        value = moveValue("mov64", rd, value);
        int word = singleMove(rd, value);
        if (word != 0) {
            return emit(word);
        }
        int bitmask = BitmaskImmediate.encode(value, rd.is64());
        if (bitmask >= 0 && !rd.isZeroRegister()) {
            return emit(logicalImmediate(rd.sf(), 0b01, bitmask, 31, rd.code()));
        }
        int chunks = rd.is64() ? 4 : 2;
        int zeros = 0;
        int ones = 0;
        for (int i = 0; i < chunks; i++) {
            int chunk = (int) (value >>> (16 * i)) & 0xffff;
            zeros += chunk == 0 ? 1 : 0;
            ones += chunk == 0xffff ? 1 : 0;
        }
        boolean inverted = ones > zeros;
        int background = inverted ? 0xffff : 0;
        boolean first = true;
        A64Assembler asm = null;
        for (int i = 0; i < chunks; i++) {
            int chunk = (int) (value >>> (16 * i)) & 0xffff;
            if (chunk == background) {
                continue;
            }
            if (first) {
                asm = emit(inverted ? moveWide(rd.sf(), 0b00, i, ~chunk & 0xffff, rd.code())
                        : moveWide(rd.sf(), 0b10, i, chunk, rd.code()));
                first = false;
            } else {
                asm = emit(moveWide(rd.sf(), 0b11, i, chunk, rd.code()));
            }
        }
        return asm;
    }

    // ---------------------------------------------------------------- PC-relative addressing

    /** {@code adr xd, #offset}: Arm ARM "PC-rel. addressing"; offset -1048576..1048575 bytes from this instruction. */
    default A64Assembler adr(GpRegister rd, long offset) {
        Check.is64("adr", "rd", rd);
        Check.noSp("adr", "rd", rd);
        Check.range("adr", "offset", offset, -LabelUse.ADR21.maxBackward(), LabelUse.ADR21.maxForward());
        return emit(pcRelative(0, (int) offset, rd.code()));
    }

    /** {@code adr xd, label}: Arm ARM "PC-rel. addressing"; the label within ±1 MiB ({@link LabelUse#ADR21}). */
    default A64Assembler adr(GpRegister rd, Label label) {
        Check.is64("adr", "rd", rd);
        Check.noSp("adr", "rd", rd);
        return emitLabelUse(pcRelative(0, 0, rd.code()), label, LabelUse.ADR21);
    }

    /**
     * {@code adrp xd, #offset}: Arm ARM "PC-rel. addressing"; {@code offset} is the distance in bytes
     * between this instruction's 4 KiB page and the target page: a multiple of 4096 in -4 GiB..4 GiB-4096.
     */
    default A64Assembler adrp(GpRegister rd, long offset) {
        Check.is64("adrp", "rd", rd);
        Check.noSp("adrp", "rd", rd);
        Check.scaled("adrp", "offset", offset, -LabelUse.ADRP21.maxBackward(), LabelUse.ADRP21.maxForward(), 4096);
        return emit(pcRelative(1, (int) (offset >> 12), rd.code()));
    }

    /** {@code adrp xd, label}: the page of the label, within ±4 GiB ({@link LabelUse#ADRP21}). */
    default A64Assembler adrp(GpRegister rd, Label label) {
        Check.is64("adrp", "rd", rd);
        Check.noSp("adrp", "rd", rd);
        return emitLabelUse(pcRelative(1, 0, rd.code()), label, LabelUse.ADRP21);
    }

    // ---------------------------------------------------------------------------- bitfield

    /** {@code sbfm rd, rn, #immr, #imms}: Arm ARM "Bitfield"; immr and imms 0..63 (0..31 for {@code w}). */
    default A64Assembler sbfm(GpRegister rd, GpRegister rn, int immr, int imms) {
        return bitfieldChecked("sbfm", 0b00, rd, rn, immr, imms);
    }

    /** {@code bfm rd, rn, #immr, #imms}: Arm ARM "Bitfield". */
    default A64Assembler bfm(GpRegister rd, GpRegister rn, int immr, int imms) {
        return bitfieldChecked("bfm", 0b01, rd, rn, immr, imms);
    }

    /** {@code ubfm rd, rn, #immr, #imms}: Arm ARM "Bitfield". */
    default A64Assembler ubfm(GpRegister rd, GpRegister rn, int immr, int imms) {
        return bitfieldChecked("ubfm", 0b10, rd, rn, immr, imms);
    }

    /** {@code lsl rd, rn, #shift} = {@code ubfm rd, rn, #(-shift mod size), #(size-1-shift)}; shift 0..63 (0..31). */
    default A64Assembler lsl(GpRegister rd, GpRegister rn, int shift) {
        int size = size("lsl", rd, rn);
        Check.range("lsl", "shift", shift, 0, size - 1);
        return bitfieldChecked("lsl", 0b10, rd, rn, (size - shift) % size, size - 1 - shift);
    }

    /** {@code lsr rd, rn, #shift} = {@code ubfm rd, rn, #shift, #(size-1)}. */
    default A64Assembler lsr(GpRegister rd, GpRegister rn, int shift) {
        int size = size("lsr", rd, rn);
        Check.range("lsr", "shift", shift, 0, size - 1);
        return bitfieldChecked("lsr", 0b10, rd, rn, shift, size - 1);
    }

    /** {@code asr rd, rn, #shift} = {@code sbfm rd, rn, #shift, #(size-1)}. */
    default A64Assembler asr(GpRegister rd, GpRegister rn, int shift) {
        int size = size("asr", rd, rn);
        Check.range("asr", "shift", shift, 0, size - 1);
        return bitfieldChecked("asr", 0b00, rd, rn, shift, size - 1);
    }

    /** {@code ror rd, rn, #shift} = {@code extr rd, rn, rn, #shift}: Arm ARM "Extract". */
    default A64Assembler ror(GpRegister rd, GpRegister rn, int shift) {
        return extrChecked("ror", rd, rn, rn, shift);
    }

    /** {@code ubfx rd, rn, #lsb, #width} = {@code ubfm rd, rn, #lsb, #(lsb+width-1)}. */
    default A64Assembler ubfx(GpRegister rd, GpRegister rn, int lsb, int width) {
        return extractField("ubfx", 0b10, rd, rn, lsb, width);
    }

    /** {@code sbfx rd, rn, #lsb, #width} = {@code sbfm rd, rn, #lsb, #(lsb+width-1)}. */
    default A64Assembler sbfx(GpRegister rd, GpRegister rn, int lsb, int width) {
        return extractField("sbfx", 0b00, rd, rn, lsb, width);
    }

    /** {@code bfxil rd, rn, #lsb, #width} = {@code bfm rd, rn, #lsb, #(lsb+width-1)}. */
    default A64Assembler bfxil(GpRegister rd, GpRegister rn, int lsb, int width) {
        return extractField("bfxil", 0b01, rd, rn, lsb, width);
    }

    /** {@code ubfiz rd, rn, #lsb, #width} = {@code ubfm rd, rn, #(-lsb mod size), #(width-1)}. */
    default A64Assembler ubfiz(GpRegister rd, GpRegister rn, int lsb, int width) {
        return insertField("ubfiz", 0b10, rd, rn, lsb, width);
    }

    /** {@code sbfiz rd, rn, #lsb, #width} = {@code sbfm rd, rn, #(-lsb mod size), #(width-1)}. */
    default A64Assembler sbfiz(GpRegister rd, GpRegister rn, int lsb, int width) {
        return insertField("sbfiz", 0b00, rd, rn, lsb, width);
    }

    /** {@code bfi rd, rn, #lsb, #width} = {@code bfm rd, rn, #(-lsb mod size), #(width-1)}. */
    default A64Assembler bfi(GpRegister rd, GpRegister rn, int lsb, int width) {
        return insertField("bfi", 0b01, rd, rn, lsb, width);
    }

    /** {@code bfc rd, #lsb, #width} = {@code bfm rd, zr, #(-lsb mod size), #(width-1)}. */
    default A64Assembler bfc(GpRegister rd, int lsb, int width) {
        return insertField("bfc", 0b01, rd, zr(rd), lsb, width);
    }

    /** {@code uxtb wd, wn} = {@code ubfm wd, wn, #0, #7}; {@code rd} may be written as {@code x}, as LLVM allows. */
    default A64Assembler uxtb(GpRegister rd, GpRegister rn) {
        Check.is32("uxtb", "rn", rn);
        return bitfieldChecked("uxtb", 0b10, rd.withWidth(false), rn, 0, 7);
    }

    /** {@code uxth wd, wn} = {@code ubfm wd, wn, #0, #15}. */
    default A64Assembler uxth(GpRegister rd, GpRegister rn) {
        Check.is32("uxth", "rn", rn);
        return bitfieldChecked("uxth", 0b10, rd.withWidth(false), rn, 0, 15);
    }

    /** {@code sxtb rd, wn} = {@code sbfm rd, rn, #0, #7}; {@code rd} is {@code x} or {@code w}. */
    default A64Assembler sxtb(GpRegister rd, GpRegister rn) {
        Check.is32("sxtb", "rn", rn);
        return bitfieldChecked("sxtb", 0b00, rd, rn.withWidth(rd.is64()), 0, 7);
    }

    /** {@code sxth rd, wn} = {@code sbfm rd, rn, #0, #15}. */
    default A64Assembler sxth(GpRegister rd, GpRegister rn) {
        Check.is32("sxth", "rn", rn);
        return bitfieldChecked("sxth", 0b00, rd, rn.withWidth(rd.is64()), 0, 15);
    }

    /** {@code sxtw xd, wn} = {@code sbfm xd, xn, #0, #31}. */
    default A64Assembler sxtw(GpRegister rd, GpRegister rn) {
        Check.is64("sxtw", "rd", rd);
        Check.is32("sxtw", "rn", rn);
        return bitfieldChecked("sxtw", 0b00, rd, rn.withWidth(true), 0, 31);
    }

    /** {@code uxtw xd, wn} = {@code ubfm xd, xn, #0, #31} (LLVM's alias; printed {@code ubfx xd, xn, #0, #32}). */
    default A64Assembler uxtw(GpRegister rd, GpRegister rn) {
        Check.is64("uxtw", "rd", rd);
        Check.is32("uxtw", "rn", rn);
        return bitfieldChecked("uxtw", 0b10, rd, rn.withWidth(true), 0, 31);
    }

    /** {@code extr rd, rn, rm, #lsb}: Arm ARM "Extract"; lsb 0..63 (0..31 for {@code w}). */
    default A64Assembler extr(GpRegister rd, GpRegister rn, GpRegister rm, int lsb) {
        return extrChecked("extr", rd, rn, rm, lsb);
    }

    // --------------------------------------------------------------- data-processing (3 source)

    /** {@code madd rd, rn, rm, ra}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler madd(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("madd", 0b000, 0, rd, rn, rm, ra, rd.is64());
    }

    /** {@code msub rd, rn, rm, ra}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler msub(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("msub", 0b000, 1, rd, rn, rm, ra, rd.is64());
    }

    /** {@code mul rd, rn, rm} = {@code madd rd, rn, rm, zr}. */
    default A64Assembler mul(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("mul", 0b000, 0, rd, rn, rm, zr(rd), rd.is64());
    }

    /** {@code mneg rd, rn, rm} = {@code msub rd, rn, rm, zr}. */
    default A64Assembler mneg(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("mneg", 0b000, 1, rd, rn, rm, zr(rd), rd.is64());
    }

    /** {@code smaddl xd, wn, wm, xa}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler smaddl(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("smaddl", 0b001, 0, rd, rn, rm, ra, false);
    }

    /** {@code smsubl xd, wn, wm, xa}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler smsubl(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("smsubl", 0b001, 1, rd, rn, rm, ra, false);
    }

    /** {@code umaddl xd, wn, wm, xa}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler umaddl(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("umaddl", 0b101, 0, rd, rn, rm, ra, false);
    }

    /** {@code umsubl xd, wn, wm, xa}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler umsubl(GpRegister rd, GpRegister rn, GpRegister rm, GpRegister ra) {
        return threeSource("umsubl", 0b101, 1, rd, rn, rm, ra, false);
    }

    /** {@code smull xd, wn, wm} = {@code smaddl xd, wn, wm, xzr}. */
    default A64Assembler smull(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("smull", 0b001, 0, rd, rn, rm, Registers.XZR, false);
    }

    /** {@code smnegl xd, wn, wm} = {@code smsubl xd, wn, wm, xzr}. */
    default A64Assembler smnegl(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("smnegl", 0b001, 1, rd, rn, rm, Registers.XZR, false);
    }

    /** {@code umull xd, wn, wm} = {@code umaddl xd, wn, wm, xzr}. */
    default A64Assembler umull(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("umull", 0b101, 0, rd, rn, rm, Registers.XZR, false);
    }

    /** {@code umnegl xd, wn, wm} = {@code umsubl xd, wn, wm, xzr}. */
    default A64Assembler umnegl(GpRegister rd, GpRegister rn, GpRegister rm) {
        return threeSource("umnegl", 0b101, 1, rd, rn, rm, Registers.XZR, false);
    }

    /** {@code smulh xd, xn, xm}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler smulh(GpRegister rd, GpRegister rn, GpRegister rm) {
        Check.is64("smulh", "rd", rd);
        return threeSource("smulh", 0b010, 0, rd, rn, rm, Registers.XZR, true);
    }

    /** {@code umulh xd, xn, xm}: Arm ARM "Data-processing (3 source)". */
    default A64Assembler umulh(GpRegister rd, GpRegister rn, GpRegister rm) {
        Check.is64("umulh", "rd", rd);
        return threeSource("umulh", 0b110, 0, rd, rn, rm, Registers.XZR, true);
    }

    // --------------------------------------------------------------- data-processing (2 source)

    /** {@code udiv rd, rn, rm}: Arm ARM "Data-processing (2 source)". */
    default A64Assembler udiv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("udiv", 0b000010, rd, rn, rm);
    }

    /** {@code sdiv rd, rn, rm}: Arm ARM "Data-processing (2 source)". */
    default A64Assembler sdiv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("sdiv", 0b000011, rd, rn, rm);
    }

    /** {@code lslv rd, rn, rm} (printed {@code lsl}): Arm ARM "Data-processing (2 source)". */
    default A64Assembler lslv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("lslv", 0b001000, rd, rn, rm);
    }

    /** {@code lsrv rd, rn, rm} (printed {@code lsr}): Arm ARM "Data-processing (2 source)". */
    default A64Assembler lsrv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("lsrv", 0b001001, rd, rn, rm);
    }

    /** {@code asrv rd, rn, rm} (printed {@code asr}): Arm ARM "Data-processing (2 source)". */
    default A64Assembler asrv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("asrv", 0b001010, rd, rn, rm);
    }

    /** {@code rorv rd, rn, rm} (printed {@code ror}): Arm ARM "Data-processing (2 source)". */
    default A64Assembler rorv(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("rorv", 0b001011, rd, rn, rm);
    }

    /** {@code lsl rd, rn, rm} = {@code lslv}. */
    default A64Assembler lsl(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("lsl", 0b001000, rd, rn, rm);
    }

    /** {@code lsr rd, rn, rm} = {@code lsrv}. */
    default A64Assembler lsr(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("lsr", 0b001001, rd, rn, rm);
    }

    /** {@code asr rd, rn, rm} = {@code asrv}. */
    default A64Assembler asr(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("asr", 0b001010, rd, rn, rm);
    }

    /** {@code ror rd, rn, rm} = {@code rorv}. */
    default A64Assembler ror(GpRegister rd, GpRegister rn, GpRegister rm) {
        return twoSource("ror", 0b001011, rd, rn, rm);
    }

    // --------------------------------------------------------------- data-processing (1 source)

    /** {@code rbit rd, rn}: Arm ARM "Data-processing (1 source)". */
    default A64Assembler rbit(GpRegister rd, GpRegister rn) {
        return oneSource("rbit", 0b000000, rd, rn);
    }

    /** {@code rev16 rd, rn}: Arm ARM "Data-processing (1 source)". */
    default A64Assembler rev16(GpRegister rd, GpRegister rn) {
        return oneSource("rev16", 0b000001, rd, rn);
    }

    /** {@code rev32 xd, xn}: Arm ARM "Data-processing (1 source)"; 64-bit only. */
    default A64Assembler rev32(GpRegister rd, GpRegister rn) {
        Check.is64("rev32", "rd", rd);
        return oneSource("rev32", 0b000010, rd, rn);
    }

    /** {@code rev rd, rn}: Arm ARM "Data-processing (1 source)" (opcode 000010 for {@code w}, 000011 for {@code x}). */
    default A64Assembler rev(GpRegister rd, GpRegister rn) {
        return oneSource("rev", rd.is64() ? 0b000011 : 0b000010, rd, rn);
    }

    /** {@code rev64 xd, xn}: the same as {@code rev} on {@code x} registers. */
    default A64Assembler rev64(GpRegister rd, GpRegister rn) {
        Check.is64("rev64", "rd", rd);
        return oneSource("rev64", 0b000011, rd, rn);
    }

    /** {@code clz rd, rn}: Arm ARM "Data-processing (1 source)". */
    default A64Assembler clz(GpRegister rd, GpRegister rn) {
        return oneSource("clz", 0b000100, rd, rn);
    }

    /** {@code cls rd, rn}: Arm ARM "Data-processing (1 source)". */
    default A64Assembler cls(GpRegister rd, GpRegister rn) {
        return oneSource("cls", 0b000101, rd, rn);
    }

    // ---------------------------------------------------------------------- conditional select

    /** {@code csel rd, rn, rm, cond}: Arm ARM "Conditional select". */
    default A64Assembler csel(GpRegister rd, GpRegister rn, GpRegister rm, Condition cond) {
        return select("csel", 0, 0b00, rd, rn, rm, cond);
    }

    /** {@code csinc rd, rn, rm, cond}: Arm ARM "Conditional select". */
    default A64Assembler csinc(GpRegister rd, GpRegister rn, GpRegister rm, Condition cond) {
        return select("csinc", 0, 0b01, rd, rn, rm, cond);
    }

    /** {@code csinv rd, rn, rm, cond}: Arm ARM "Conditional select". */
    default A64Assembler csinv(GpRegister rd, GpRegister rn, GpRegister rm, Condition cond) {
        return select("csinv", 1, 0b00, rd, rn, rm, cond);
    }

    /** {@code csneg rd, rn, rm, cond}: Arm ARM "Conditional select". */
    default A64Assembler csneg(GpRegister rd, GpRegister rn, GpRegister rm, Condition cond) {
        return select("csneg", 1, 0b01, rd, rn, rm, cond);
    }

    /** {@code cset rd, cond} = {@code csinc rd, zr, zr, !cond}; cond not {@code al}/{@code nv}. */
    default A64Assembler cset(GpRegister rd, Condition cond) {
        return select("cset", 0, 0b01, rd, zr(rd), zr(rd), notAlways("cset", cond).invert());
    }

    /** {@code csetm rd, cond} = {@code csinv rd, zr, zr, !cond}; cond not {@code al}/{@code nv}. */
    default A64Assembler csetm(GpRegister rd, Condition cond) {
        return select("csetm", 1, 0b00, rd, zr(rd), zr(rd), notAlways("csetm", cond).invert());
    }

    /** {@code cinc rd, rn, cond} = {@code csinc rd, rn, rn, !cond}; cond not {@code al}/{@code nv}. */
    default A64Assembler cinc(GpRegister rd, GpRegister rn, Condition cond) {
        return select("cinc", 0, 0b01, rd, rn, rn, notAlways("cinc", cond).invert());
    }

    /** {@code cinv rd, rn, cond} = {@code csinv rd, rn, rn, !cond}; cond not {@code al}/{@code nv}. */
    default A64Assembler cinv(GpRegister rd, GpRegister rn, Condition cond) {
        return select("cinv", 1, 0b00, rd, rn, rn, notAlways("cinv", cond).invert());
    }

    /** {@code cneg rd, rn, cond} = {@code csneg rd, rn, rn, !cond}; cond not {@code al}/{@code nv}. */
    default A64Assembler cneg(GpRegister rd, GpRegister rn, Condition cond) {
        return select("cneg", 1, 0b01, rd, rn, rn, notAlways("cneg", cond).invert());
    }

    // --------------------------------------------------------------------- conditional compare

    /** {@code ccmp rn, #imm5, #nzcv, cond}: Arm ARM "Conditional compare (immediate)"; imm5 0..31, nzcv 0..15. */
    default A64Assembler ccmp(GpRegister rn, long imm5, int nzcv, Condition cond) {
        return compareImmediate("ccmp", 1, rn, imm5, nzcv, cond);
    }

    /** {@code ccmn rn, #imm5, #nzcv, cond}: Arm ARM "Conditional compare (immediate)". */
    default A64Assembler ccmn(GpRegister rn, long imm5, int nzcv, Condition cond) {
        return compareImmediate("ccmn", 0, rn, imm5, nzcv, cond);
    }

    /** {@code ccmp rn, rm, #nzcv, cond}: Arm ARM "Conditional compare (register)". */
    default A64Assembler ccmp(GpRegister rn, GpRegister rm, int nzcv, Condition cond) {
        return compareRegister("ccmp", 1, rn, rm, nzcv, cond);
    }

    /** {@code ccmn rn, rm, #nzcv, cond}: Arm ARM "Conditional compare (register)". */
    default A64Assembler ccmn(GpRegister rn, GpRegister rm, int nzcv, Condition cond) {
        return compareRegister("ccmn", 0, rn, rm, nzcv, cond);
    }

    // ------------------------------------------------------------------------------ helpers

    private static GpRegister zr(GpRegister like) {
        return GpRegister.zeroRegister(like.is64());
    }

    private static int size(String insn, GpRegister... registers) {
        Check.sameWidth(insn, registers);
        return registers[0].is64() ? 64 : 32;
    }

    private A64Assembler addSubImmediateAuto(String insn, int op, int s, GpRegister rd, GpRegister rn, long imm) {
        if (imm >= 0 && imm <= 4095) {
            return addSubImmediateShifted(insn, op, s, rd, rn, (int) imm, 0);
        }
        if (imm > 0 && (imm & 0xfff) == 0 && (imm >> 12) <= 4095) {
            return addSubImmediateShifted(insn, op, s, rd, rn, (int) (imm >> 12), 12);
        }
        throw new A64EncodingException(insn + ": immediate " + imm + " is out of range; allowed 0..4095, or a"
                + " multiple of 4096 in 4096..16773120 (encoded as #imm>>12, lsl #12)");
    }

    private A64Assembler addSubImmediateShifted(String insn, int op, int s, GpRegister rd, GpRegister rn, int imm12,
            int shift) {
        Check.sameWidth(insn, rd, rn);
        if (s == 0) {
            Check.noZr(insn, "rd", rd);
        } else {
            Check.noSp(insn, "rd", rd);
        }
        Check.noZr(insn, "rn", rn);
        Check.range(insn, "immediate", imm12, 0, 4095);
        if (shift != 0 && shift != 12) {
            throw new A64EncodingException(insn + ": shift lsl #" + shift + " is not allowed; allowed lsl #0 or lsl #12");
        }
        return emit(addSubImmediate(rd.sf(), op, s, shift / 12, imm12, rn.code(), rd.code()));
    }

    private A64Assembler addSubRegister(String insn, int op, int s, GpRegister rd, GpRegister rn, GpRegister rm,
            Shift shift, int amount) {
        boolean stack = rd.isStackPointer() || rn.isStackPointer();
        if (stack && shift == Shift.LSL && amount >= 0 && amount <= 4) {
            return addSubExtendedChecked(insn, op, s, rd, rn, rm, rd.is64() ? Extend.UXTX : Extend.UXTW, amount);
        }
        if (stack && !(s == 1 && rd.isStackPointer())) {
            throw new A64EncodingException(insn + ": shift " + shift.text() + " #" + amount + " is not allowed with "
                    + (rn.isStackPointer() ? rn : rd).name() + "; allowed lsl #0..4 (the extended-register form)");
        }
        return addSubShiftedChecked(insn, op, s, rd, rn, rm, shift, amount);
    }

    private A64Assembler addSubShiftedChecked(String insn, int op, int s, GpRegister rd, GpRegister rn, GpRegister rm,
            Shift shift, int amount) {
        int size = size(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        if (shift == Shift.ROR) {
            throw new A64EncodingException(insn + ": shift ror is not allowed; allowed lsl, lsr, asr");
        }
        Check.range(insn, "shift amount", amount, 0, size - 1);
        return emit(addSubShifted(rd.sf(), op, s, shift.code(), rm.code(), amount, rn.code(), rd.code()));
    }

    private A64Assembler addSubExtendedChecked(String insn, int op, int s, GpRegister rd, GpRegister rn, GpRegister rm,
            Extend extend, int amount) {
        Check.sameWidth(insn, rd, rn);
        if (s == 0) {
            Check.noZr(insn, "rd", rd);
        } else {
            Check.noSp(insn, "rd", rd);
        }
        Check.noZr(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        if (rd.is64() && extend.takesX()) {
            Check.is64(insn, "rm", rm);
        } else {
            Check.is32(insn, "rm", rm);
        }
        Check.range(insn, "extend amount", amount, 0, 4);
        return emit(addSubExtended(rd.sf(), op, s, rm.code(), extend.code(), amount, rn.code(), rd.code()));
    }

    private A64Assembler carry(String insn, int op, int s, GpRegister rd, GpRegister rn, GpRegister rm) {
        Check.sameWidth(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        return emit(addSubCarry(rd.sf(), op, s, rm.code(), rn.code(), rd.code()));
    }

    private static long invert(GpRegister rd, long imm) {
        return rd.is64() ? ~imm : ~imm & 0xffff_ffffL;
    }

    private A64Assembler logicalImmediateChecked(String insn, int opc, GpRegister rd, GpRegister rn, long imm) {
        Check.sameWidth(insn, rd, rn);
        if (opc == 0b11) {
            Check.noSp(insn, "rd", rd);
        } else {
            Check.noZr(insn, "rd", rd);
        }
        Check.noSp(insn, "rn", rn);
        int bitmask = BitmaskImmediate.encode(imm, rd.is64());
        if (bitmask < 0) {
            throw new A64EncodingException(insn + ": immediate 0x" + Long.toHexString(imm)
                    + " is not a bitmask immediate: " + BitmaskImmediate.reasonNotEncodable(imm, rd.is64())
                    + "; allowed values are " + (rd.is64() ? "64" : "32")
                    + "-bit repetitions of a 2, 4, 8, 16, 32 or 64-bit element holding one rotated run of ones");
        }
        return emit(logicalImmediate(rd.sf(), opc, bitmask, rn.code(), rd.code()));
    }

    private A64Assembler logicalShiftedChecked(String insn, int opc, int n, GpRegister rd, GpRegister rn,
            GpRegister rm, Shift shift, int amount) {
        int size = size(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        Check.range(insn, "shift amount", amount, 0, size - 1);
        return emit(logicalShifted(rd.sf(), opc, shift.code(), n, rm.code(), amount, rn.code(), rd.code()));
    }

    private A64Assembler moveWideChecked(String insn, int opc, GpRegister rd, int imm16, int shift) {
        Check.noSp(insn, "rd", rd);
        Check.range(insn, "immediate", imm16, 0, 0xffff);
        int max = rd.is64() ? 48 : 16;
        if (shift < 0 || shift > max || shift % 16 != 0) {
            throw new A64EncodingException(insn + ": shift lsl #" + shift + " is not allowed; allowed "
                    + (rd.is64() ? "lsl #0, #16, #32 or #48" : "lsl #0 or #16"));
        }
        return emit(moveWide(rd.sf(), opc, shift / 16, imm16, rd.code()));
    }

    /** The value a move loads into {@code rd}: for {@code w} registers, the low 32 bits of a 32-bit value. */
    private static long moveValue(String insn, GpRegister rd, long imm) {
        if (rd.is64()) {
            return imm;
        }
        if (imm < Integer.MIN_VALUE || imm > 0xffff_ffffL) {
            throw new A64EncodingException(insn + ": immediate " + imm + " is out of range for " + rd.name()
                    + "; allowed -2147483648..4294967295 (32 bits)");
        }
        return imm & 0xffff_ffffL;
    }

    /** One {@code movz} or {@code movn} that loads {@code value}, or 0 if none does (0 is no such word). */
    private static int singleMove(GpRegister rd, long value) {
        if (rd.isStackPointer()) {
            return 0;
        }
        int chunks = rd.is64() ? 4 : 2;
        long inverse = rd.is64() ? ~value : ~value & 0xffff_ffffL;
        for (int i = 0; i < chunks; i++) {
            if ((value & ~(0xffffL << (16 * i))) == 0) {
                return moveWide(rd.sf(), 0b10, i, (int) (value >>> (16 * i)) & 0xffff, rd.code());
            }
        }
        for (int i = 0; i < chunks; i++) {
            if ((inverse & ~(0xffffL << (16 * i))) == 0) {
                return moveWide(rd.sf(), 0b00, i, (int) (inverse >>> (16 * i)) & 0xffff, rd.code());
            }
        }
        return 0;
    }

    private A64Assembler bitfieldChecked(String insn, int opc, GpRegister rd, GpRegister rn, int immr, int imms) {
        int size = size(insn, rd, rn);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.range(insn, "immr", immr, 0, size - 1);
        Check.range(insn, "imms", imms, 0, size - 1);
        return emit(bitfield(rd.sf(), opc, immr, imms, rn.code(), rd.code()));
    }

    private A64Assembler extractField(String insn, int opc, GpRegister rd, GpRegister rn, int lsb, int width) {
        int size = size(insn, rd, rn);
        Check.range(insn, "lsb", lsb, 0, size - 1);
        Check.range(insn, "width", width, 1, size - lsb);
        return bitfieldChecked(insn, opc, rd, rn, lsb, lsb + width - 1);
    }

    private A64Assembler insertField(String insn, int opc, GpRegister rd, GpRegister rn, int lsb, int width) {
        int size = size(insn, rd, rn);
        Check.range(insn, "lsb", lsb, 0, size - 1);
        Check.range(insn, "width", width, 1, size - lsb);
        return bitfieldChecked(insn, opc, rd, rn, (size - lsb) % size, width - 1);
    }

    private A64Assembler extrChecked(String insn, GpRegister rd, GpRegister rn, GpRegister rm, int lsb) {
        int size = size(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        Check.range(insn, insn.equals("ror") ? "shift" : "lsb", lsb, 0, size - 1);
        return emit(extract(rd.sf(), rm.code(), lsb, rn.code(), rd.code()));
    }

    /** {@code sourcesWide}: whether rn and rm have rd's width (else they are {@code w} and rd, ra are {@code x}). */
    private A64Assembler threeSource(String insn, int op31, int o0, GpRegister rd, GpRegister rn, GpRegister rm,
            GpRegister ra, boolean sourcesWide) {
        if (op31 == 0b000) {
            Check.sameWidth(insn, rd, rn, rm, ra);
        } else {
            Check.is64(insn, "rd", rd);
            Check.is64(insn, "ra", ra);
            if (sourcesWide) {
                Check.is64(insn, "rn", rn);
                Check.is64(insn, "rm", rm);
            } else {
                Check.is32(insn, "rn", rn);
                Check.is32(insn, "rm", rm);
            }
        }
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        Check.noSp(insn, "ra", ra);
        return emit(dataProcessing3Source(rd.sf(), op31, rm.code(), o0, ra.code(), rn.code(), rd.code()));
    }

    private A64Assembler twoSource(String insn, int opcode, GpRegister rd, GpRegister rn, GpRegister rm) {
        Check.sameWidth(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        return emit(dataProcessing2Source(rd.sf(), rm.code(), opcode, rn.code(), rd.code()));
    }

    private A64Assembler oneSource(String insn, int opcode, GpRegister rd, GpRegister rn) {
        Check.sameWidth(insn, rd, rn);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        return emit(dataProcessing1Source(rd.sf(), opcode, rn.code(), rd.code()));
    }

    private static Condition notAlways(String insn, Condition cond) {
        if (cond == Condition.AL || cond == Condition.NV) {
            throw new A64EncodingException(insn + ": condition " + cond.text()
                    + " is not allowed; allowed eq ne hs lo mi pl vs vc hi ls ge lt gt le");
        }
        return cond;
    }

    private A64Assembler select(String insn, int op, int op2, GpRegister rd, GpRegister rn, GpRegister rm,
            Condition cond) {
        Check.sameWidth(insn, rd, rn, rm);
        Check.noSp(insn, "rd", rd);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        return emit(conditionalSelect(rd.sf(), op, rm.code(), cond.code(), op2, rn.code(), rd.code()));
    }

    private A64Assembler compareImmediate(String insn, int op, GpRegister rn, long imm5, int nzcv, Condition cond) {
        Check.noSp(insn, "rn", rn);
        Check.range(insn, "immediate", imm5, 0, 31);
        Check.range(insn, "nzcv", nzcv, 0, 15);
        return emit(conditionalCompareImmediate(rn.sf(), op, (int) imm5, cond.code(), rn.code(), nzcv));
    }

    private A64Assembler compareRegister(String insn, int op, GpRegister rn, GpRegister rm, int nzcv, Condition cond) {
        Check.sameWidth(insn, rn, rm);
        Check.noSp(insn, "rn", rn);
        Check.noSp(insn, "rm", rm);
        Check.range(insn, "nzcv", nzcv, 0, 15);
        return emit(conditionalCompareRegister(rn.sf(), op, rm.code(), cond.code(), rn.code(), nzcv));
    }
}
