package dev.stitch.a64;

import static dev.stitch.a64.FloatingPointEncoders.*;

/**
 * The scalar floating-point instructions of the Arm ARM's "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD" encoding group, in single ({@code s}) and double ({@code d})
 * precision; {@link #fcvt} also converts to and from half precision ({@code h}). Half-precision
 * arithmetic needs the FullFP16 extension and is not offered.
 *
 * <p>Every method checks its operands first: FP registers must have an allowed width and agree in
 * width, general-purpose registers may be {@code xzr}/{@code wzr} but never the stack pointer,
 * and immediates must be in range. A violation throws an {@link A64EncodingException} naming the
 * instruction, the operand, the value and what is allowed.
 */
public interface FloatingPointInstructions {
    /** Writes one instruction word. */
    A64Assembler emit(int word);

    /** Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse}). */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction);

    /**
     * Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse(int, Label, LabelUse)});
     * messages show the instruction's disassembly with the label as its target.
     */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use);

    // ---- Floating-point data-processing (2 source) ----

    /** {@code fadd rd, rn, rm}: rd = rn + rm (Floating-point data-processing (2 source)). */
    default A64Assembler fadd(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fadd", FADD, rd, rn, rm);
    }

    /** {@code fsub rd, rn, rm}: rd = rn - rm (Floating-point data-processing (2 source)). */
    default A64Assembler fsub(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fsub", FSUB, rd, rn, rm);
    }

    /** {@code fmul rd, rn, rm}: rd = rn × rm (Floating-point data-processing (2 source)). */
    default A64Assembler fmul(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fmul", FMUL, rd, rn, rm);
    }

    /** {@code fdiv rd, rn, rm}: rd = rn / rm (Floating-point data-processing (2 source)). */
    default A64Assembler fdiv(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fdiv", FDIV, rd, rn, rm);
    }

    /** {@code fnmul rd, rn, rm}: rd = -(rn × rm) (Floating-point data-processing (2 source)). */
    default A64Assembler fnmul(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fnmul", FNMUL, rd, rn, rm);
    }

    /** {@code fmax rd, rn, rm}: the larger; NaN if either is NaN (Floating-point data-processing (2 source)). */
    default A64Assembler fmax(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fmax", FMAX, rd, rn, rm);
    }

    /** {@code fmin rd, rn, rm}: the smaller; NaN if either is NaN (Floating-point data-processing (2 source)). */
    default A64Assembler fmin(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fmin", FMIN, rd, rn, rm);
    }

    /** {@code fmaxnm rd, rn, rm}: the larger, a quiet NaN losing to a number (Floating-point data-processing (2 source)). */
    default A64Assembler fmaxnm(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fmaxnm", FMAXNM, rd, rn, rm);
    }

    /** {@code fminnm rd, rn, rm}: the smaller, a quiet NaN losing to a number (Floating-point data-processing (2 source)). */
    default A64Assembler fminnm(FpRegister rd, FpRegister rn, FpRegister rm) {
        return fpTwoSource("fminnm", FMINNM, rd, rn, rm);
    }

    // ---- Floating-point data-processing (3 source) ----

    /** {@code fmadd rd, rn, rm, ra}: rd = ra + rn × rm, fused (Floating-point data-processing (3 source)). */
    default A64Assembler fmadd(FpRegister rd, FpRegister rn, FpRegister rm, FpRegister ra) {
        return fpThreeSource("fmadd", 0, 0, rd, rn, rm, ra);
    }

    /** {@code fmsub rd, rn, rm, ra}: rd = ra - rn × rm, fused (Floating-point data-processing (3 source)). */
    default A64Assembler fmsub(FpRegister rd, FpRegister rn, FpRegister rm, FpRegister ra) {
        return fpThreeSource("fmsub", 0, 1, rd, rn, rm, ra);
    }

    /** {@code fnmadd rd, rn, rm, ra}: rd = -ra - rn × rm, fused (Floating-point data-processing (3 source)). */
    default A64Assembler fnmadd(FpRegister rd, FpRegister rn, FpRegister rm, FpRegister ra) {
        return fpThreeSource("fnmadd", 1, 0, rd, rn, rm, ra);
    }

    /** {@code fnmsub rd, rn, rm, ra}: rd = -ra + rn × rm, fused (Floating-point data-processing (3 source)). */
    default A64Assembler fnmsub(FpRegister rd, FpRegister rn, FpRegister rm, FpRegister ra) {
        return fpThreeSource("fnmsub", 1, 1, rd, rn, rm, ra);
    }

    // ---- Floating-point data-processing (1 source) ----

    /** {@code fmov rd, rn} between FP registers of one width (Floating-point data-processing (1 source)). */
    default A64Assembler fmov(FpRegister rd, FpRegister rn) {
        return fpOneSource("fmov", FMOV_REG, rd, rn);
    }

    /** {@code fabs rd, rn} (Floating-point data-processing (1 source)). */
    default A64Assembler fabs(FpRegister rd, FpRegister rn) {
        return fpOneSource("fabs", FABS, rd, rn);
    }

    /** {@code fneg rd, rn} (Floating-point data-processing (1 source)). */
    default A64Assembler fneg(FpRegister rd, FpRegister rn) {
        return fpOneSource("fneg", FNEG, rd, rn);
    }

    /** {@code fsqrt rd, rn} (Floating-point data-processing (1 source)). */
    default A64Assembler fsqrt(FpRegister rd, FpRegister rn) {
        return fpOneSource("fsqrt", FSQRT, rd, rn);
    }

    /** {@code frintn rd, rn}: round to nearest, ties to even (Floating-point data-processing (1 source)). */
    default A64Assembler frintn(FpRegister rd, FpRegister rn) {
        return fpOneSource("frintn", FRINTN, rd, rn);
    }

    /** {@code frintp rd, rn}: round toward +infinity (Floating-point data-processing (1 source)). */
    default A64Assembler frintp(FpRegister rd, FpRegister rn) {
        return fpOneSource("frintp", FRINTP, rd, rn);
    }

    /** {@code frintm rd, rn}: round toward -infinity (Floating-point data-processing (1 source)). */
    default A64Assembler frintm(FpRegister rd, FpRegister rn) {
        return fpOneSource("frintm", FRINTM, rd, rn);
    }

    /** {@code frintz rd, rn}: round toward zero (Floating-point data-processing (1 source)). */
    default A64Assembler frintz(FpRegister rd, FpRegister rn) {
        return fpOneSource("frintz", FRINTZ, rd, rn);
    }

    /** {@code frinta rd, rn}: round to nearest, ties away from zero (Floating-point data-processing (1 source)). */
    default A64Assembler frinta(FpRegister rd, FpRegister rn) {
        return fpOneSource("frinta", FRINTA, rd, rn);
    }

    /** {@code frintx rd, rn}: round in the FPCR mode, signalling inexact (Floating-point data-processing (1 source)). */
    default A64Assembler frintx(FpRegister rd, FpRegister rn) {
        return fpOneSource("frintx", FRINTX, rd, rn);
    }

    /** {@code frinti rd, rn}: round in the FPCR mode (Floating-point data-processing (1 source)). */
    default A64Assembler frinti(FpRegister rd, FpRegister rn) {
        return fpOneSource("frinti", FRINTI, rd, rn);
    }

    /**
     * {@code fcvt rd, rn}: converts between half ({@code h}), single ({@code s}) and double
     * ({@code d}) precision; the two widths must differ (Floating-point data-processing (1 source)).
     */
    default A64Assembler fcvt(FpRegister rd, FpRegister rn) {
        Check.width("fcvt", "destination", rd, FpWidth.H, FpWidth.S, FpWidth.D);
        Check.width("fcvt", "source", rn, FpWidth.H, FpWidth.S, FpWidth.D);
        if (rd.width() == rn.width()) {
            throw new A64EncodingException("fcvt: registers " + rd.name() + ", " + rn.name()
                    + " have the same width; allowed two different widths of h, s and d (use fmov to copy)");
        }
        return emit(dataProcessing1(ftype(rn.width()), FCVT | ftype(rd.width()), rn.code(), rd.code()));
    }

    // ---- Floating-point compare, conditional compare, conditional select ----

    /** {@code fcmp rn, rm}: sets NZCV from comparing rn with rm (Floating-point compare). */
    default A64Assembler fcmp(FpRegister rn, FpRegister rm) {
        return fpCompare("fcmp", FCMP_REG, rn, rm);
    }

    /** {@code fcmp rn, #0.0}: {@code zero} must be +0.0 (Floating-point compare). */
    default A64Assembler fcmp(FpRegister rn, double zero) {
        return fpCompareZero("fcmp", FCMP_ZERO, rn, zero);
    }

    /** {@code fcmpe rn, rm}: as {@code fcmp}, signalling on quiet NaNs too (Floating-point compare). */
    default A64Assembler fcmpe(FpRegister rn, FpRegister rm) {
        return fpCompare("fcmpe", FCMPE_REG, rn, rm);
    }

    /** {@code fcmpe rn, #0.0}: {@code zero} must be +0.0 (Floating-point compare). */
    default A64Assembler fcmpe(FpRegister rn, double zero) {
        return fpCompareZero("fcmpe", FCMPE_ZERO, rn, zero);
    }

    /**
     * {@code fccmp rn, rm, #nzcv, cond}: if {@code cond} holds, flags from comparing rn with rm,
     * else flags = {@code nzcv} (0..15) (Floating-point conditional compare).
     */
    default A64Assembler fccmp(FpRegister rn, FpRegister rm, int nzcv, Condition cond) {
        return fpConditionalCompare("fccmp", 0, rn, rm, nzcv, cond);
    }

    /** {@code fccmpe rn, rm, #nzcv, cond}: as {@code fccmp}, signalling (Floating-point conditional compare). */
    default A64Assembler fccmpe(FpRegister rn, FpRegister rm, int nzcv, Condition cond) {
        return fpConditionalCompare("fccmpe", 1, rn, rm, nzcv, cond);
    }

    /** {@code fcsel rd, rn, rm, cond}: rd = cond ? rn : rm (Floating-point conditional select). */
    default A64Assembler fcsel(FpRegister rd, FpRegister rn, FpRegister rm, Condition cond) {
        int ftype = arithmetic("fcsel", rd, rn, rm);
        java.util.Objects.requireNonNull(cond, "cond");
        return emit(conditionalSelect(ftype, rm.code(), cond.code(), rn.code(), rd.code()));
    }

    // ---- Floating-point immediate, and fmov to and from general registers ----

    /**
     * {@code fmov rd, #value}: {@code value} must be ±(16..31)/16 × 2^(-3..4) (see
     * {@link FpImmediate}) (Floating-point immediate). +0.0, which has no 8-bit encoding, is
     * written as {@code fmov rd, xzr} (or {@code wzr}), as LLVM does.
     */
    default A64Assembler fmov(FpRegister rd, double value) {
        Check.width("fmov", "destination", rd, FpWidth.S, FpWidth.D);
        if (Double.doubleToRawLongBits(value) == 0) {
            return fmov(rd, GpRegister.zeroRegister(rd.width() == FpWidth.D));
        }
        return emit(immediate(ftype(rd.width()), FpImmediate.encode("fmov", value), rd.code()));
    }

    /**
     * {@code fmov rd, rn}: copies the bits of an FP register to a general register, {@code s} to
     * {@code w} or {@code d} to {@code x} (Conversion between floating-point and integer).
     */
    default A64Assembler fmov(GpRegister rd, FpRegister rn) {
        int sf = generalPair("fmov", rd, "destination", rn, "source");
        return emit(integerConversion(sf, sf, FMOV_TO_GENERAL, rn.code(), rd.code()));
    }

    /**
     * {@code fmov rd, rn}: copies the bits of a general register to an FP register, {@code w} to
     * {@code s} or {@code x} to {@code d} (Conversion between floating-point and integer).
     */
    default A64Assembler fmov(FpRegister rd, GpRegister rn) {
        int sf = generalPair("fmov", rn, "source", rd, "destination");
        return emit(integerConversion(sf, sf, FMOV_FROM_GENERAL, rn.code(), rd.code()));
    }

    /**
     * {@code fmov xd, vn.d[1]}: copies the upper 64 bits of the 128-bit register {@code vn} (given
     * as {@code qN}) to {@code xd} (Conversion between floating-point and integer, top half).
     */
    default A64Assembler fmovFromTopHalf(GpRegister xd, FpRegister vn) {
        Check.width("fmov", "source", vn, FpWidth.Q);
        Check.is64("fmov", "destination", xd);
        int rd = Check.noSp("fmov", "destination", xd);
        return emit(integerConversion(1, 0b10, FMOV_TO_TOP_HALF, vn.code(), rd));
    }

    /**
     * {@code fmov vd.d[1], xn}: replaces the upper 64 bits of the 128-bit register {@code vd}
     * (given as {@code qN}) with {@code xn}, keeping the lower 64 (Conversion between
     * floating-point and integer, top half).
     */
    default A64Assembler fmovToTopHalf(FpRegister vd, GpRegister xn) {
        Check.width("fmov", "destination", vd, FpWidth.Q);
        Check.is64("fmov", "source", xn);
        int rn = Check.noSp("fmov", "source", xn);
        return emit(integerConversion(1, 0b10, FMOV_FROM_TOP_HALF_GENERAL, rn, vd.code()));
    }

    // ---- Conversion between floating-point and integer / fixed-point ----

    /** {@code scvtf rd, rn}: signed integer (w or x) to s or d (Conversion between floating-point and integer). */
    default A64Assembler scvtf(FpRegister rd, GpRegister rn) {
        return fromInteger("scvtf", SCVTF, rd, rn);
    }

    /**
     * {@code scvtf rd, rn, #fbits}: signed fixed-point with {@code fbits} fraction bits (1..32 from
     * w, 1..64 from x) to s or d (Conversion between floating-point and fixed-point).
     */
    default A64Assembler scvtf(FpRegister rd, GpRegister rn, int fbits) {
        return fromFixed("scvtf", SCVTF, rd, rn, fbits);
    }

    /** {@code ucvtf rd, rn}: unsigned integer to s or d (Conversion between floating-point and integer). */
    default A64Assembler ucvtf(FpRegister rd, GpRegister rn) {
        return fromInteger("ucvtf", UCVTF, rd, rn);
    }

    /** {@code ucvtf rd, rn, #fbits}: unsigned fixed-point to s or d (Conversion between floating-point and fixed-point). */
    default A64Assembler ucvtf(FpRegister rd, GpRegister rn, int fbits) {
        return fromFixed("ucvtf", UCVTF, rd, rn, fbits);
    }

    /** {@code fcvtzs rd, rn}: to signed integer, rounding toward zero (Conversion between floating-point and integer). */
    default A64Assembler fcvtzs(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtzs", FCVTZS, rd, rn);
    }

    /**
     * {@code fcvtzs rd, rn, #fbits}: to signed fixed-point with {@code fbits} fraction bits (1..32
     * into w, 1..64 into x), rounding toward zero (Conversion between floating-point and fixed-point).
     */
    default A64Assembler fcvtzs(GpRegister rd, FpRegister rn, int fbits) {
        return toFixed("fcvtzs", FCVTZS, rd, rn, fbits);
    }

    /** {@code fcvtzu rd, rn}: to unsigned integer, rounding toward zero (Conversion between floating-point and integer). */
    default A64Assembler fcvtzu(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtzu", FCVTZU, rd, rn);
    }

    /** {@code fcvtzu rd, rn, #fbits}: to unsigned fixed-point (Conversion between floating-point and fixed-point). */
    default A64Assembler fcvtzu(GpRegister rd, FpRegister rn, int fbits) {
        return toFixed("fcvtzu", FCVTZU, rd, rn, fbits);
    }

    /** {@code fcvtns rd, rn}: to signed integer, nearest with ties to even (Conversion between floating-point and integer). */
    default A64Assembler fcvtns(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtns", FCVTNS, rd, rn);
    }

    /** {@code fcvtnu rd, rn}: to unsigned integer, nearest with ties to even (Conversion between floating-point and integer). */
    default A64Assembler fcvtnu(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtnu", FCVTNU, rd, rn);
    }

    /** {@code fcvtas rd, rn}: to signed integer, nearest with ties away (Conversion between floating-point and integer). */
    default A64Assembler fcvtas(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtas", FCVTAS, rd, rn);
    }

    /** {@code fcvtau rd, rn}: to unsigned integer, nearest with ties away (Conversion between floating-point and integer). */
    default A64Assembler fcvtau(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtau", FCVTAU, rd, rn);
    }

    /** {@code fcvtps rd, rn}: to signed integer, toward +infinity (Conversion between floating-point and integer). */
    default A64Assembler fcvtps(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtps", FCVTPS, rd, rn);
    }

    /** {@code fcvtpu rd, rn}: to unsigned integer, toward +infinity (Conversion between floating-point and integer). */
    default A64Assembler fcvtpu(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtpu", FCVTPU, rd, rn);
    }

    /** {@code fcvtms rd, rn}: to signed integer, toward -infinity (Conversion between floating-point and integer). */
    default A64Assembler fcvtms(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtms", FCVTMS, rd, rn);
    }

    /** {@code fcvtmu rd, rn}: to unsigned integer, toward -infinity (Conversion between floating-point and integer). */
    default A64Assembler fcvtmu(GpRegister rd, FpRegister rn) {
        return toInteger("fcvtmu", FCVTMU, rd, rn);
    }

    // ---- shared bodies ----

    private A64Assembler fpOneSource(String insn, int opcode, FpRegister rd, FpRegister rn) {
        int ftype = arithmetic(insn, rd, rn);
        return emit(dataProcessing1(ftype, opcode, rn.code(), rd.code()));
    }

    private A64Assembler fpTwoSource(String insn, int opcode, FpRegister rd, FpRegister rn, FpRegister rm) {
        int ftype = arithmetic(insn, rd, rn, rm);
        return emit(dataProcessing2(ftype, rm.code(), opcode, rn.code(), rd.code()));
    }

    private A64Assembler fpThreeSource(String insn, int o1, int o0, FpRegister rd, FpRegister rn, FpRegister rm,
            FpRegister ra) {
        int ftype = arithmetic(insn, rd, rn, rm, ra);
        return emit(dataProcessing3(ftype, o1, rm.code(), o0, ra.code(), rn.code(), rd.code()));
    }

    private A64Assembler fpCompare(String insn, int opcode2, FpRegister rn, FpRegister rm) {
        int ftype = arithmetic(insn, rn, rm);
        return emit(compare(ftype, rm.code(), rn.code(), opcode2));
    }

    private A64Assembler fpCompareZero(String insn, int opcode2, FpRegister rn, double zero) {
        int ftype = arithmetic(insn, rn);
        if (Double.doubleToRawLongBits(zero) != 0) {
            throw new A64EncodingException(insn + ": immediate " + zero
                    + " cannot be compared with; allowed only #0.0 (or a register)");
        }
        return emit(compare(ftype, 0, rn.code(), opcode2));
    }

    private A64Assembler fpConditionalCompare(String insn, int op, FpRegister rn, FpRegister rm, int nzcv,
            Condition cond) {
        int ftype = arithmetic(insn, rn, rm);
        Check.range(insn, "nzcv", nzcv, 0, 15);
        java.util.Objects.requireNonNull(cond, "cond");
        return emit(conditionalCompare(ftype, rm.code(), cond.code(), rn.code(), op, nzcv));
    }

    private A64Assembler fromInteger(String insn, int rmodeOpcode, FpRegister rd, GpRegister rn) {
        Check.width(insn, "destination", rd, FpWidth.S, FpWidth.D);
        int rnCode = Check.noSp(insn, "source", rn);
        return emit(integerConversion(rn.sf(), ftype(rd.width()), rmodeOpcode, rnCode, rd.code()));
    }

    private A64Assembler toInteger(String insn, int rmodeOpcode, GpRegister rd, FpRegister rn) {
        Check.width(insn, "source", rn, FpWidth.S, FpWidth.D);
        int rdCode = Check.noSp(insn, "destination", rd);
        return emit(integerConversion(rd.sf(), ftype(rn.width()), rmodeOpcode, rn.code(), rdCode));
    }

    private A64Assembler fromFixed(String insn, int rmodeOpcode, FpRegister rd, GpRegister rn, int fbits) {
        Check.width(insn, "destination", rd, FpWidth.S, FpWidth.D);
        int rnCode = Check.noSp(insn, "source", rn);
        Check.range(insn, "fbits", fbits, 1, rn.is64() ? 64 : 32);
        return emit(fixedPointConversion(rn.sf(), ftype(rd.width()), rmodeOpcode, 64 - fbits, rnCode, rd.code()));
    }

    private A64Assembler toFixed(String insn, int rmodeOpcode, GpRegister rd, FpRegister rn, int fbits) {
        Check.width(insn, "source", rn, FpWidth.S, FpWidth.D);
        int rdCode = Check.noSp(insn, "destination", rd);
        Check.range(insn, "fbits", fbits, 1, rd.is64() ? 64 : 32);
        return emit(fixedPointConversion(rd.sf(), ftype(rn.width()), rmodeOpcode, 64 - fbits, rn.code(), rdCode));
    }

    /**
     * Checks that every register is {@code s} or {@code d} and all have one width; returns the
     * ftype field for it.
     */
    private static int arithmetic(String insn, FpRegister... registers) {
        for (int i = 0; i < registers.length; i++) {
            if (registers[i].width() != FpWidth.S && registers[i].width() != FpWidth.D) {
                throw new A64EncodingException(insn + ": " + "operand " + (i + 1) + " " + registers[i].name()
                        + " has the wrong width; allowed s0..s31 or d0..d31 (half precision needs FullFP16)");
            }
        }
        for (FpRegister r : registers) {
            if (r.width() != registers[0].width()) {
                StringBuilder names = new StringBuilder();
                for (FpRegister each : registers) {
                    names.append(names.isEmpty() ? "" : ", ").append(each.name());
                }
                throw new A64EncodingException(insn + ": registers " + names
                        + " mix widths; allowed all s (single precision) or all d (double precision)");
            }
        }
        return ftype(registers[0].width());
    }

    /**
     * Checks an fmov between a general register and an FP register: w with s, x with d, never
     * the stack pointer; returns sf (which equals ftype for these two pairs).
     */
    private static int generalPair(String insn, GpRegister gp, String gpRole, FpRegister fp, String fpRole) {
        Check.width(insn, fpRole, fp, FpWidth.S, FpWidth.D);
        Check.noSp(insn, gpRole, gp);
        if (gp.is64() != (fp.width() == FpWidth.D)) {
            throw new A64EncodingException(insn + ": " + gpRole + " " + gp.name() + " and " + fpRole + " " + fp.name()
                    + " differ in width; allowed w with s, or x with d");
        }
        return gp.sf();
    }
}
