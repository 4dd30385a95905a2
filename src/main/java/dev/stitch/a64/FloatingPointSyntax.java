package dev.stitch.a64;

import java.util.Locale;

/**
 * The text syntax of the scalar floating-point instructions, as LLVM accepts it:
 * <ul>
 *   <li>{@code fadd d0, d1, d2} and the other two-source operations; {@code fmadd d0, d1, d2, d3}
 *       and the other three-source ones; {@code fabs d0, d1}, {@code fsqrt}, {@code frint*};
 *       {@code fcvt d0, s1} between h, s and d;</li>
 *   <li>{@code fmov} between FP registers, between {@code w}/{@code s} and {@code x}/{@code d}, and
 *       from an immediate: {@code #1.5}, {@code #-2} (a decimal integer is the value),
 *       {@code #0x70} (a hexadecimal integer is the raw 8-bit encoding, as LLVM reads it), and
 *       {@code #0.0}, which becomes {@code fmov d0, xzr}; between {@code x} and the top half of a
 *       vector register: {@code fmov v1.d[1], x2}, {@code fmov x2, v1.d[1]};</li>
 *   <li>{@code fcmp d0, d1}, {@code fcmp d0, #0.0} (and {@code fcmpe}), {@code fccmp d0, d1, #nzcv, cond}
 *       (and {@code fccmpe}), {@code fcsel d0, d1, d2, cond};</li>
 *   <li>{@code scvtf d0, x1}, {@code scvtf d0, x1, #fbits} (and {@code ucvtf}), {@code fcvtzs x0, d1},
 *       {@code fcvtzs x0, d1, #fbits} (and {@code fcvtzu}), {@code fcvt[napm][su] x0, d1}.</li>
 * </ul>
 */
final class FloatingPointSyntax {
    private FloatingPointSyntax() {}

    @FunctionalInterface
    private interface OneSource {
        void emit(A64Assembler asm, FpRegister rd, FpRegister rn);
    }

    @FunctionalInterface
    private interface TwoSource {
        void emit(A64Assembler asm, FpRegister rd, FpRegister rn, FpRegister rm);
    }

    @FunctionalInterface
    private interface ThreeSource {
        void emit(A64Assembler asm, FpRegister rd, FpRegister rn, FpRegister rm, FpRegister ra);
    }

    @FunctionalInterface
    private interface ToGeneral {
        void emit(A64Assembler asm, GpRegister rd, FpRegister rn);
    }

    @FunctionalInterface
    private interface ToGeneralFixed {
        void emit(A64Assembler asm, GpRegister rd, FpRegister rn, int fbits);
    }

    @FunctionalInterface
    private interface FromGeneral {
        void emit(A64Assembler asm, FpRegister rd, GpRegister rn);
    }

    @FunctionalInterface
    private interface FromGeneralFixed {
        void emit(A64Assembler asm, FpRegister rd, GpRegister rn, int fbits);
    }

    @FunctionalInterface
    private interface CompareWithZero {
        void emit(A64Assembler asm, FpRegister rn, double zero);
    }

    @FunctionalInterface
    private interface ConditionalCompare {
        void emit(A64Assembler asm, FpRegister rn, FpRegister rm, int nzcv, Condition cond);
    }

    static void register(SyntaxTable table) {
        twoSource(table, "fadd", A64Assembler::fadd);
        twoSource(table, "fsub", A64Assembler::fsub);
        twoSource(table, "fmul", A64Assembler::fmul);
        twoSource(table, "fdiv", A64Assembler::fdiv);
        twoSource(table, "fnmul", A64Assembler::fnmul);
        twoSource(table, "fmax", A64Assembler::fmax);
        twoSource(table, "fmin", A64Assembler::fmin);
        twoSource(table, "fmaxnm", A64Assembler::fmaxnm);
        twoSource(table, "fminnm", A64Assembler::fminnm);

        threeSource(table, "fmadd", A64Assembler::fmadd);
        threeSource(table, "fmsub", A64Assembler::fmsub);
        threeSource(table, "fnmadd", A64Assembler::fnmadd);
        threeSource(table, "fnmsub", A64Assembler::fnmsub);

        oneSource(table, "fabs", A64Assembler::fabs);
        oneSource(table, "fneg", A64Assembler::fneg);
        oneSource(table, "fsqrt", A64Assembler::fsqrt);
        oneSource(table, "frintn", A64Assembler::frintn);
        oneSource(table, "frintp", A64Assembler::frintp);
        oneSource(table, "frintm", A64Assembler::frintm);
        oneSource(table, "frintz", A64Assembler::frintz);
        oneSource(table, "frinta", A64Assembler::frinta);
        oneSource(table, "frintx", A64Assembler::frintx);
        oneSource(table, "frinti", A64Assembler::frinti);
        oneSource(table, "fcvt", A64Assembler::fcvt);

        compare(table, "fcmp", A64Assembler::fcmp, A64Assembler::fcmp);
        compare(table, "fcmpe", A64Assembler::fcmpe, A64Assembler::fcmpe);
        conditionalCompare(table, "fccmp", A64Assembler::fccmp);
        conditionalCompare(table, "fccmpe", A64Assembler::fccmpe);
        table.add("fcsel", (in, asm) -> {
            in.expectCount(4);
            asm.fcsel(in.fp(0), in.fp(1), in.fp(2), in.condition(3));
        });

        table.add("fmov", FloatingPointSyntax::fmov);

        fromGeneral(table, "scvtf", A64Assembler::scvtf, A64Assembler::scvtf);
        fromGeneral(table, "ucvtf", A64Assembler::ucvtf, A64Assembler::ucvtf);
        toGeneral(table, "fcvtzs", A64Assembler::fcvtzs, A64Assembler::fcvtzs);
        toGeneral(table, "fcvtzu", A64Assembler::fcvtzu, A64Assembler::fcvtzu);
        toGeneral(table, "fcvtns", A64Assembler::fcvtns, null);
        toGeneral(table, "fcvtnu", A64Assembler::fcvtnu, null);
        toGeneral(table, "fcvtas", A64Assembler::fcvtas, null);
        toGeneral(table, "fcvtau", A64Assembler::fcvtau, null);
        toGeneral(table, "fcvtps", A64Assembler::fcvtps, null);
        toGeneral(table, "fcvtpu", A64Assembler::fcvtpu, null);
        toGeneral(table, "fcvtms", A64Assembler::fcvtms, null);
        toGeneral(table, "fcvtmu", A64Assembler::fcvtmu, null);
    }

    private static void oneSource(SyntaxTable table, String mnemonic, OneSource op) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(2);
            op.emit(asm, in.fp(0), in.fp(1));
        });
    }

    private static void twoSource(SyntaxTable table, String mnemonic, TwoSource op) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(3);
            op.emit(asm, in.fp(0), in.fp(1), in.fp(2));
        });
    }

    private static void threeSource(SyntaxTable table, String mnemonic, ThreeSource op) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(4);
            op.emit(asm, in.fp(0), in.fp(1), in.fp(2), in.fp(3));
        });
    }

    private static void compare(SyntaxTable table, String mnemonic, TwoRegisterCompare withRegister,
            CompareWithZero withZero) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(2);
            FpRegister rn = in.fp(0);
            if (in.isFp(1)) {
                withRegister.emit(asm, rn, in.fp(1));
            } else if (in.operand(1) instanceof Operand.FpImm zero) {
                withZero.emit(asm, rn, zero.value());
            } else {
                throw in.expected(1, "an FP register or #0.0");
            }
        });
    }

    @FunctionalInterface
    private interface TwoRegisterCompare {
        void emit(A64Assembler asm, FpRegister rn, FpRegister rm);
    }

    private static void conditionalCompare(SyntaxTable table, String mnemonic, ConditionalCompare op) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(4);
            FpRegister rn = in.fp(0);
            FpRegister rm = in.fp(1);
            long nzcv = Check.range(mnemonic, "nzcv", in.imm(2), 0, 15);
            op.emit(asm, rn, rm, (int) nzcv, in.condition(3));
        });
    }

    private static void fromGeneral(SyntaxTable table, String mnemonic, FromGeneral op, FromGeneralFixed fixed) {
        table.add(mnemonic, (in, asm) -> {
            in.expectCount(2, 3);
            FpRegister rd = in.fp(0);
            GpRegister rn = in.gp(1);
            if (in.count() == 2) {
                op.emit(asm, rd, rn);
            } else {
                long fbits = Check.range(mnemonic, "fbits", in.imm(2), 1, rn.is64() ? 64 : 32);
                fixed.emit(asm, rd, rn, (int) fbits);
            }
        });
    }

    private static void toGeneral(SyntaxTable table, String mnemonic, ToGeneral op, ToGeneralFixed fixed) {
        table.add(mnemonic, (in, asm) -> {
            if (fixed == null) {
                in.expectCount(2);
            } else {
                in.expectCount(2, 3);
            }
            GpRegister rd = in.gp(0);
            FpRegister rn = in.fp(1);
            if (in.count() == 2) {
                op.emit(asm, rd, rn);
            } else {
                long fbits = Check.range(mnemonic, "fbits", in.imm(2), 1, rd.is64() ? 64 : 32);
                fixed.emit(asm, rd, rn, (int) fbits);
            }
        });
    }

    /**
     * {@code fmov}: FP to FP, general to FP, FP to general, an immediate to FP, or between a general
     * register and the top half of a vector register ({@code vN.d[1]}).
     */
    private static void fmov(ParsedInstruction in, A64Assembler asm) {
        in.expectCount(2);
        if (in.operand(0) instanceof Operand.VectorElement element) {
            asm.fmovToTopHalf(topHalf(in, 0, element), in.gp(1));
            return;
        }
        if (in.operand(1) instanceof Operand.VectorElement element) {
            asm.fmovFromTopHalf(in.gp(0), topHalf(in, 1, element));
            return;
        }
        if (in.isGp(0)) {
            asm.fmov(in.gp(0), in.fp(1));
            return;
        }
        FpRegister rd = in.fp(0);
        if (in.isFp(1)) {
            asm.fmov(rd, in.fp(1));
        } else if (in.isGp(1)) {
            asm.fmov(rd, in.gp(1));
        } else if (in.operand(1) instanceof Operand.FpImm value) {
            asm.fmov(rd, value.value());
        } else if (in.operand(1) instanceof Operand.Imm value) {
            if (value.text().toLowerCase(Locale.ROOT).contains("0x")) {
                long imm8 = Check.range("fmov", "encoded immediate", value.value(), 0, 255);
                asm.fmov(rd, FpImmediate.decode((int) imm8));
            } else {
                if ((value.value() < 0) != value.text().replace("#", "").strip().startsWith("-")) {
                    throw in.error(1, "fmov: immediate " + value.text() + " is out of range; allowed values are"
                            + " those of the 8-bit FP immediate, such as #2 or #-0.5");
                }
                asm.fmov(rd, (double) value.value());
            }
        } else {
            throw in.expected(1, "an FP register, a general register or a floating-point immediate such as #1.5");
        }
    }

    /** The vector register of {@code element}, which fmov reaches only as {@code vN.d[1]}. */
    private static FpRegister topHalf(ParsedInstruction in, int index, Operand.VectorElement element) {
        if (element.size() != 'd' || element.index() != 1) {
            throw in.error(index, "fmov: element " + element.text() + " is not allowed; fmov moves only the top"
                    + " half of a vector register, written vN.d[1]");
        }
        return element.vector();
    }
}
