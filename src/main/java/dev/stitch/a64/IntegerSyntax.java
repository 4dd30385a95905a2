package dev.stitch.a64;

/**
 * The text syntax of the integer data-processing instructions, as LLVM accepts it: every
 * mnemonic of {@link IntegerInstructions} with its operand forms, including the aliases
 * ({@code mov}, {@code cmp}, {@code cmn}, {@code neg}, {@code tst}, {@code mvn}, {@code lsl}
 * and friends in immediate and register forms, the bitfield aliases, {@code mul},
 * {@code cset}...) and LLVM's conveniences: a negative add/subtract immediate selects the
 * opposite operation ({@code add x0, x1, #-4} is {@code sub x0, x1, #4}), a multiple of 4096
 * selects {@code lsl #12}, {@code lsl #n} after a register next to {@code sp} selects the
 * extended-register form, and {@code bic}/{@code orn}/{@code eon}/{@code bics} take an
 * immediate, which is inverted.
 */
final class IntegerSyntax {
    private IntegerSyntax() {}

    static void register(SyntaxTable table) {
        for (String m : new String[] {"add", "adds", "sub", "subs"}) {
            table.add(m, IntegerSyntax::addSub);
        }
        table.add("cmp", IntegerSyntax::compare);
        table.add("cmn", IntegerSyntax::compare);
        table.add("neg", IntegerSyntax::negate);
        table.add("negs", IntegerSyntax::negate);
        for (String m : new String[] {"adc", "adcs", "sbc", "sbcs"}) {
            table.add(m, IntegerSyntax::carry);
        }
        table.add("ngc", IntegerSyntax::negateCarry);
        table.add("ngcs", IntegerSyntax::negateCarry);
        for (String m : new String[] {"and", "orr", "eor", "ands", "bic", "orn", "eon", "bics"}) {
            table.add(m, IntegerSyntax::logical);
        }
        table.add("tst", IntegerSyntax::test);
        table.add("mvn", IntegerSyntax::moveNot);
        table.add("mov", IntegerSyntax::move);
        for (String m : new String[] {"movz", "movn", "movk"}) {
            table.add(m, IntegerSyntax::moveWide);
        }
        table.add("adr", IntegerSyntax::address);
        table.add("adrp", IntegerSyntax::address);
        for (String m : new String[] {"sbfm", "bfm", "ubfm"}) {
            table.add(m, IntegerSyntax::bitfield);
        }
        for (String m : new String[] {"lsl", "lsr", "asr", "ror"}) {
            table.add(m, IntegerSyntax::shift);
        }
        for (String m : new String[] {"ubfx", "sbfx", "bfxil", "ubfiz", "sbfiz", "bfi"}) {
            table.add(m, IntegerSyntax::field);
        }
        table.add("bfc", IntegerSyntax::bitfieldClear);
        for (String m : new String[] {"uxtb", "uxth", "uxtw", "sxtb", "sxth", "sxtw"}) {
            table.add(m, IntegerSyntax::extend);
        }
        table.add("extr", IntegerSyntax::extract);
        for (String m : new String[] {"madd", "msub", "smaddl", "smsubl", "umaddl", "umsubl"}) {
            table.add(m, IntegerSyntax::multiplyAdd);
        }
        for (String m : new String[] {"mul", "mneg", "smull", "smnegl", "umull", "umnegl", "smulh", "umulh",
                "sdiv", "udiv", "lslv", "lsrv", "asrv", "rorv"}) {
            table.add(m, IntegerSyntax::threeRegisters);
        }
        for (String m : new String[] {"rbit", "rev16", "rev32", "rev", "rev64", "clz", "cls"}) {
            table.add(m, IntegerSyntax::twoRegisters);
        }
        for (String m : new String[] {"csel", "csinc", "csinv", "csneg"}) {
            table.add(m, IntegerSyntax::select);
        }
        for (String m : new String[] {"cset", "csetm"}) {
            table.add(m, IntegerSyntax::setCondition);
        }
        for (String m : new String[] {"cinc", "cinv", "cneg"}) {
            table.add(m, IntegerSyntax::conditionalUnary);
        }
        table.add("ccmp", IntegerSyntax::conditionalCompare);
        table.add("ccmn", IntegerSyntax::conditionalCompare);
    }

    /** The {@code lsl #0}/{@code lsl #12} after an add/subtract immediate. */
    private static int immediateShift(ParsedInstruction p, int index) {
        Operand.ShiftOp shift = p.shift(index);
        if (shift.shift() != Shift.LSL || (shift.amount() != 0 && shift.amount() != 12)) {
            throw p.error(index, p.mnemonic() + ": shift '" + shift.text() + "' is not allowed; allowed lsl #0 or lsl #12");
        }
        return shift.amount();
    }

    private static String opposite(String mnemonic) {
        return switch (mnemonic) {
            case "add" -> "sub";
            case "sub" -> "add";
            case "adds" -> "subs";
            case "subs" -> "adds";
            case "cmp" -> "cmn";
            default -> "cmp";
        };
    }

    /** add/adds/sub/subs and cmp/cmn (with {@code rd} = zr) on already-read registers. */
    private static void addSubOperands(ParsedInstruction p, A64Assembler asm, String mnemonic, GpRegister rd,
            GpRegister rn, int next) {
        if (p.isImm(next)) {
            long imm = p.imm(next);
            if (imm < 0) {
                // As LLVM does: a negative immediate turns add into sub and the other way round.
                if (imm == Long.MIN_VALUE) {
                    throw p.error(next, p.mnemonic() + ": immediate " + imm + " is out of range; allowed -4095..4095,"
                            + " or a multiple of 4096 whose magnitude is at most 16773120");
                }
                mnemonic = opposite(mnemonic);
                imm = -imm;
            }
            if (p.count() == next + 2) {
                int shift = immediateShift(p, next + 1);
                if (imm > 4095) {
                    throw p.error(next, p.mnemonic() + ": immediate " + p.imm(next) + " is out of range with an"
                            + " explicit shift; allowed -4095..4095");
                }
                int imm12 = (int) imm;
                switch (mnemonic) {
                    case "add" -> asm.add(rd, rn, imm12, shift);
                    case "adds", "cmn" -> asm.adds(rd, rn, imm12, shift);
                    case "sub" -> asm.sub(rd, rn, imm12, shift);
                    default -> asm.subs(rd, rn, imm12, shift);
                }
                return;
            }
            switch (mnemonic) {
                case "add" -> asm.add(rd, rn, imm);
                case "adds" -> asm.adds(rd, rn, imm);
                case "sub" -> asm.sub(rd, rn, imm);
                case "subs" -> asm.subs(rd, rn, imm);
                case "cmp" -> asm.cmp(rn, imm);
                default -> asm.cmn(rn, imm);
            }
            return;
        }
        GpRegister rm = p.gp(next);
        if (p.count() == next + 1) {
            switch (mnemonic) {
                case "add" -> asm.add(rd, rn, rm);
                case "adds" -> asm.adds(rd, rn, rm);
                case "sub" -> asm.sub(rd, rn, rm);
                case "subs" -> asm.subs(rd, rn, rm);
                case "cmp" -> asm.cmp(rn, rm);
                default -> asm.cmn(rn, rm);
            }
            return;
        }
        Operand modifier = p.operand(next + 1);
        if (modifier instanceof Operand.ExtendOp e) {
            int amount = e.amount() == null ? 0 : e.amount();
            switch (mnemonic) {
                case "add" -> asm.add(rd, rn, rm, e.extend(), amount);
                case "adds" -> asm.adds(rd, rn, rm, e.extend(), amount);
                case "sub" -> asm.sub(rd, rn, rm, e.extend(), amount);
                case "subs" -> asm.subs(rd, rn, rm, e.extend(), amount);
                case "cmp" -> asm.cmp(rn, rm, e.extend(), amount);
                default -> asm.cmn(rn, rm, e.extend(), amount);
            }
            return;
        }
        if (!(modifier instanceof Operand.ShiftOp s)) {
            throw p.expected(next + 1, "a shift such as 'lsl #2' or an extend such as 'uxtw #2'");
        }
        switch (mnemonic) {
            case "add" -> asm.add(rd, rn, rm, s.shift(), s.amount());
            case "adds" -> asm.adds(rd, rn, rm, s.shift(), s.amount());
            case "sub" -> asm.sub(rd, rn, rm, s.shift(), s.amount());
            case "subs" -> asm.subs(rd, rn, rm, s.shift(), s.amount());
            case "cmp" -> asm.cmp(rn, rm, s.shift(), s.amount());
            default -> asm.cmn(rn, rm, s.shift(), s.amount());
        }
    }

    private static void addSub(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3, 4);
        addSubOperands(p, asm, p.mnemonic(), p.gp(0), p.gp(1), 2);
    }

    private static void compare(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rn = p.gp(0);
        GpRegister zr = GpRegister.zeroRegister(rn.is64());
        addSubOperands(p, asm, p.mnemonic(), zr, rn, 1);
    }

    private static Operand.ShiftOp optionalShift(ParsedInstruction p, int index) {
        return p.count() > index ? p.shift(index) : null;
    }

    private static void negate(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rd = p.gp(0);
        GpRegister rm = p.gp(1);
        Operand.ShiftOp s = optionalShift(p, 2);
        Shift shift = s == null ? Shift.LSL : s.shift();
        int amount = s == null ? 0 : s.amount();
        if (p.mnemonic().equals("neg")) {
            asm.neg(rd, rm, shift, amount);
        } else {
            asm.negs(rd, rm, shift, amount);
        }
    }

    private static void carry(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        GpRegister rm = p.gp(2);
        switch (p.mnemonic()) {
            case "adc" -> asm.adc(rd, rn, rm);
            case "adcs" -> asm.adcs(rd, rn, rm);
            case "sbc" -> asm.sbc(rd, rn, rm);
            default -> asm.sbcs(rd, rn, rm);
        }
    }

    private static void negateCarry(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        if (p.mnemonic().equals("ngc")) {
            asm.ngc(p.gp(0), p.gp(1));
        } else {
            asm.ngcs(p.gp(0), p.gp(1));
        }
    }

    private static void logical(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3, 4);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        if (p.isImm(2)) {
            p.expectCount(3);
            long imm = p.imm(2);
            switch (p.mnemonic()) {
                case "and" -> asm.and(rd, rn, imm);
                case "orr" -> asm.orr(rd, rn, imm);
                case "eor" -> asm.eor(rd, rn, imm);
                case "ands" -> asm.ands(rd, rn, imm);
                case "bic" -> asm.bic(rd, rn, imm);
                case "orn" -> asm.orn(rd, rn, imm);
                case "eon" -> asm.eon(rd, rn, imm);
                default -> asm.bics(rd, rn, imm);
            }
            return;
        }
        GpRegister rm = p.gp(2);
        Operand.ShiftOp s = optionalShift(p, 3);
        Shift shift = s == null ? Shift.LSL : s.shift();
        int amount = s == null ? 0 : s.amount();
        switch (p.mnemonic()) {
            case "and" -> asm.and(rd, rn, rm, shift, amount);
            case "orr" -> asm.orr(rd, rn, rm, shift, amount);
            case "eor" -> asm.eor(rd, rn, rm, shift, amount);
            case "ands" -> asm.ands(rd, rn, rm, shift, amount);
            case "bic" -> asm.bic(rd, rn, rm, shift, amount);
            case "orn" -> asm.orn(rd, rn, rm, shift, amount);
            case "eon" -> asm.eon(rd, rn, rm, shift, amount);
            default -> asm.bics(rd, rn, rm, shift, amount);
        }
    }

    private static void test(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rn = p.gp(0);
        if (p.isImm(1)) {
            p.expectCount(2);
            asm.tst(rn, p.imm(1));
            return;
        }
        GpRegister rm = p.gp(1);
        Operand.ShiftOp s = optionalShift(p, 2);
        asm.tst(rn, rm, s == null ? Shift.LSL : s.shift(), s == null ? 0 : s.amount());
    }

    private static void moveNot(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rd = p.gp(0);
        GpRegister rm = p.gp(1);
        Operand.ShiftOp s = optionalShift(p, 2);
        asm.mvn(rd, rm, s == null ? Shift.LSL : s.shift(), s == null ? 0 : s.amount());
    }

    private static void move(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        GpRegister rd = p.gp(0);
        if (p.isImm(1)) {
            asm.mov(rd, p.imm(1));
        } else {
            asm.mov(rd, p.gp(1));
        }
    }

    private static void moveWide(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rd = p.gp(0);
        int imm = p.intImm(1);
        int shift = 0;
        if (p.count() == 3) {
            Operand.ShiftOp s = p.shift(2);
            if (s.shift() != Shift.LSL) {
                throw p.error(2, p.mnemonic() + ": shift '" + s.text() + "' is not allowed; allowed lsl #0, #16, #32, #48");
            }
            shift = s.amount();
        }
        switch (p.mnemonic()) {
            case "movz" -> asm.movz(rd, imm, shift);
            case "movn" -> asm.movn(rd, imm, shift);
            default -> asm.movk(rd, imm, shift);
        }
    }

    private static void address(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        GpRegister rd = p.gp(0);
        boolean page = p.mnemonic().equals("adrp");
        if (p.isImm(1)) {
            if (page) {
                asm.adrp(rd, p.imm(1));
            } else {
                asm.adr(rd, p.imm(1));
            }
            return;
        }
        if (!p.isIdent(1)) {
            throw p.expected(1, "a label or an immediate offset such as #16");
        }
        Label label = p.label(1);
        if (page) {
            asm.adrp(rd, label);
        } else {
            asm.adr(rd, label);
        }
    }

    private static void bitfield(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        int immr = p.intImm(2);
        int imms = p.intImm(3);
        switch (p.mnemonic()) {
            case "sbfm" -> asm.sbfm(rd, rn, immr, imms);
            case "bfm" -> asm.bfm(rd, rn, immr, imms);
            default -> asm.ubfm(rd, rn, immr, imms);
        }
    }

    private static void shift(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        if (p.isImm(2)) {
            int amount = p.intImm(2);
            switch (p.mnemonic()) {
                case "lsl" -> asm.lsl(rd, rn, amount);
                case "lsr" -> asm.lsr(rd, rn, amount);
                case "asr" -> asm.asr(rd, rn, amount);
                default -> asm.ror(rd, rn, amount);
            }
            return;
        }
        if (!p.isGp(2)) {
            throw p.expected(2, "a register or an immediate shift amount such as #3");
        }
        GpRegister rm = p.gp(2);
        switch (p.mnemonic()) {
            case "lsl" -> asm.lsl(rd, rn, rm);
            case "lsr" -> asm.lsr(rd, rn, rm);
            case "asr" -> asm.asr(rd, rn, rm);
            default -> asm.ror(rd, rn, rm);
        }
    }

    private static void field(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        int lsb = p.intImm(2);
        int width = p.intImm(3);
        switch (p.mnemonic()) {
            case "ubfx" -> asm.ubfx(rd, rn, lsb, width);
            case "sbfx" -> asm.sbfx(rd, rn, lsb, width);
            case "bfxil" -> asm.bfxil(rd, rn, lsb, width);
            case "ubfiz" -> asm.ubfiz(rd, rn, lsb, width);
            case "sbfiz" -> asm.sbfiz(rd, rn, lsb, width);
            default -> asm.bfi(rd, rn, lsb, width);
        }
    }

    private static void bitfieldClear(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3);
        asm.bfc(p.gp(0), p.intImm(1), p.intImm(2));
    }

    private static void extend(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        switch (p.mnemonic()) {
            case "uxtb" -> asm.uxtb(rd, rn);
            case "uxth" -> asm.uxth(rd, rn);
            case "uxtw" -> asm.uxtw(rd, rn);
            case "sxtb" -> asm.sxtb(rd, rn);
            case "sxth" -> asm.sxth(rd, rn);
            default -> asm.sxtw(rd, rn);
        }
    }

    private static void extract(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        asm.extr(p.gp(0), p.gp(1), p.gp(2), p.intImm(3));
    }

    private static void multiplyAdd(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        GpRegister rm = p.gp(2);
        GpRegister ra = p.gp(3);
        switch (p.mnemonic()) {
            case "madd" -> asm.madd(rd, rn, rm, ra);
            case "msub" -> asm.msub(rd, rn, rm, ra);
            case "smaddl" -> asm.smaddl(rd, rn, rm, ra);
            case "smsubl" -> asm.smsubl(rd, rn, rm, ra);
            case "umaddl" -> asm.umaddl(rd, rn, rm, ra);
            default -> asm.umsubl(rd, rn, rm, ra);
        }
    }

    private static void threeRegisters(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        GpRegister rm = p.gp(2);
        switch (p.mnemonic()) {
            case "mul" -> asm.mul(rd, rn, rm);
            case "mneg" -> asm.mneg(rd, rn, rm);
            case "smull" -> asm.smull(rd, rn, rm);
            case "smnegl" -> asm.smnegl(rd, rn, rm);
            case "umull" -> asm.umull(rd, rn, rm);
            case "umnegl" -> asm.umnegl(rd, rn, rm);
            case "smulh" -> asm.smulh(rd, rn, rm);
            case "umulh" -> asm.umulh(rd, rn, rm);
            case "sdiv" -> asm.sdiv(rd, rn, rm);
            case "udiv" -> asm.udiv(rd, rn, rm);
            case "lslv" -> asm.lslv(rd, rn, rm);
            case "lsrv" -> asm.lsrv(rd, rn, rm);
            case "asrv" -> asm.asrv(rd, rn, rm);
            default -> asm.rorv(rd, rn, rm);
        }
    }

    private static void twoRegisters(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        switch (p.mnemonic()) {
            case "rbit" -> asm.rbit(rd, rn);
            case "rev16" -> asm.rev16(rd, rn);
            case "rev32" -> asm.rev32(rd, rn);
            case "rev" -> asm.rev(rd, rn);
            case "rev64" -> asm.rev64(rd, rn);
            case "clz" -> asm.clz(rd, rn);
            default -> asm.cls(rd, rn);
        }
    }

    private static void select(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        GpRegister rm = p.gp(2);
        Condition cond = p.condition(3);
        switch (p.mnemonic()) {
            case "csel" -> asm.csel(rd, rn, rm, cond);
            case "csinc" -> asm.csinc(rd, rn, rm, cond);
            case "csinv" -> asm.csinv(rd, rn, rm, cond);
            default -> asm.csneg(rd, rn, rm, cond);
        }
    }

    private static void setCondition(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2);
        GpRegister rd = p.gp(0);
        Condition cond = p.condition(1);
        if (p.mnemonic().equals("cset")) {
            asm.cset(rd, cond);
        } else {
            asm.csetm(rd, cond);
        }
    }

    private static void conditionalUnary(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(3);
        GpRegister rd = p.gp(0);
        GpRegister rn = p.gp(1);
        Condition cond = p.condition(2);
        switch (p.mnemonic()) {
            case "cinc" -> asm.cinc(rd, rn, cond);
            case "cinv" -> asm.cinv(rd, rn, cond);
            default -> asm.cneg(rd, rn, cond);
        }
    }

    private static void conditionalCompare(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(4);
        GpRegister rn = p.gp(0);
        int nzcv = p.intImm(2);
        Condition cond = p.condition(3);
        boolean compare = p.mnemonic().equals("ccmp");
        if (p.isImm(1)) {
            long imm = p.imm(1);
            if (compare) {
                asm.ccmp(rn, imm, nzcv, cond);
            } else {
                asm.ccmn(rn, imm, nzcv, cond);
            }
            return;
        }
        GpRegister rm = p.gp(1);
        if (compare) {
            asm.ccmp(rn, rm, nzcv, cond);
        } else {
            asm.ccmn(rn, rm, nzcv, cond);
        }
    }
}
