package dev.stitch.a64;

/**
 * Decodes the scalar floating-point words of the Arm ARM's "Data Processing -- Scalar
 * Floating-Point and Advanced SIMD" group (single and double precision, and {@code fcvt} to and
 * from half precision) to the text LLVM prints: {@code fmov d0, #1.50000000},
 * {@code fcmp d0, #0.0}, {@code fccmp s0, s1, #15, nv}, {@code scvtf d0, x1, #64},
 * {@code fmov d0, xzr}, {@code fmov x0, v1.d[1]}. Anything else, including half-precision arithmetic (which needs FullFP16)
 * and unallocated field values, gives null.
 */
final class FloatingPointDecoder {
    private FloatingPointDecoder() {}

    private static final String[] ONE_SOURCE = {
        "fmov", "fabs", "fneg", "fsqrt", null, null, null, null,
        "frintn", "frintp", "frintm", "frintz", "frinta", null, "frintx", "frinti"};

    private static final String[] TWO_SOURCE = {
        "fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"};

    private static final String[] THREE_SOURCE = {"fmadd", "fmsub", "fnmadd", "fnmsub"};

    /** By rmode:opcode (bits 20:16) of "Conversion between floating-point and integer"; fmov is separate. */
    private static final String[] INTEGER_CONVERSION = {
        "fcvtns", "fcvtnu", "scvtf", "ucvtf", "fcvtas", "fcvtau", null, null,
        "fcvtps", "fcvtpu", null, null, null, null, null, null,
        "fcvtms", "fcvtmu", null, null, null, null, null, null,
        "fcvtzs", "fcvtzu", null, null, null, null, null, null};

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        int sf = word >>> 31;
        int rd = word & 31;
        int rn = (word >>> 5) & 31;
        int rm = (word >>> 16) & 31;
        int ftype = (word >>> 22) & 3;
        if ((word & 0x7f00_0000) == 0x1f00_0000) {
            if (sf != 0 || !singleOrDouble(ftype)) {
                return null;
            }
            int ra = (word >>> 10) & 31;
            String name = THREE_SOURCE[((word >>> 20) & 2) | ((word >>> 15) & 1)];
            return name + " " + fp(ftype, rd) + ", " + fp(ftype, rn) + ", " + fp(ftype, rm) + ", " + fp(ftype, ra);
        }
        if ((word & 0x7f00_0000) != 0x1e00_0000) {
            return null;
        }
        if ((word & (1 << 21)) == 0) {
            return fixedPointConversion(word, sf, ftype, rn, rd);
        }
        int cond = (word >>> 12) & 15;
        switch ((word >>> 10) & 3) {
            case 0b01: { // conditional compare
                if (sf != 0 || !singleOrDouble(ftype)) {
                    return null;
                }
                String name = (word & 0x10) == 0 ? "fccmp" : "fccmpe";
                return name + " " + fp(ftype, rn) + ", " + fp(ftype, rm) + ", #" + (word & 15) + ", "
                        + Condition.fromCode(cond).text();
            }
            case 0b10: { // data-processing (2 source)
                int opcode = (word >>> 12) & 15;
                if (sf != 0 || !singleOrDouble(ftype) || opcode >= TWO_SOURCE.length) {
                    return null;
                }
                return TWO_SOURCE[opcode] + " " + fp(ftype, rd) + ", " + fp(ftype, rn) + ", " + fp(ftype, rm);
            }
            case 0b11: { // conditional select
                if (sf != 0 || !singleOrDouble(ftype)) {
                    return null;
                }
                return "fcsel " + fp(ftype, rd) + ", " + fp(ftype, rn) + ", " + fp(ftype, rm) + ", "
                        + Condition.fromCode(cond).text();
            }
            default:
                break;
        }
        if ((word & 0x1000) != 0) { // immediate: bits 12:10 = 100
            if (sf != 0 || !singleOrDouble(ftype) || rn != 0) {
                return null;
            }
            return "fmov " + fp(ftype, rd) + ", " + FpImmediate.text((word >>> 13) & 0xff);
        }
        if ((word & 0x2000) != 0) { // compare: bits 13:10 = 1000
            int opcode2 = word & 31;
            if (sf != 0 || !singleOrDouble(ftype) || (word & 0xc000) != 0 || (opcode2 & 0b00111) != 0) {
                return null;
            }
            String name = (opcode2 & 0b10000) == 0 ? "fcmp" : "fcmpe";
            String second = (opcode2 & 0b01000) == 0 ? fp(ftype, rm) : "#0.0";
            return name + " " + fp(ftype, rn) + ", " + second;
        }
        if ((word & 0x4000) != 0) { // data-processing (1 source): bits 14:10 = 10000
            return oneSource(word, sf, ftype, rn, rd);
        }
        if ((word & 0x8000) != 0) {
            return null;
        }
        return integerConversion(word, sf, ftype, rn, rd);
    }

    private static String oneSource(int word, int sf, int ftype, int rn, int rd) {
        int opcode = (word >>> 15) & 63;
        if (sf != 0) {
            return null;
        }
        if ((opcode & 0b111100) == 0b000100) { // fcvt: 0001:opc, opc the destination type
            int to = opcode & 3;
            if (!fcvtType(ftype) || !fcvtType(to) || to == ftype) {
                return null;
            }
            return "fcvt " + fp(to, rd) + ", " + fp(ftype, rn);
        }
        if (opcode >= ONE_SOURCE.length || ONE_SOURCE[opcode] == null || !singleOrDouble(ftype)) {
            return null;
        }
        return ONE_SOURCE[opcode] + " " + fp(ftype, rd) + ", " + fp(ftype, rn);
    }

    private static String integerConversion(int word, int sf, int ftype, int rn, int rd) {
        int rmodeOpcode = (word >>> 16) & 31;
        if (sf == 1 && ftype == 0b10) {
            return switch (rmodeOpcode) {
                case FloatingPointEncoders.FMOV_TO_TOP_HALF -> "fmov " + gp(1, rd) + ", v" + rn + ".d[1]";
                case FloatingPointEncoders.FMOV_FROM_TOP_HALF_GENERAL -> "fmov v" + rd + ".d[1], " + gp(1, rn);
                default -> null;
            };
        }
        if (!singleOrDouble(ftype)) {
            return null;
        }
        if (rmodeOpcode == FloatingPointEncoders.FMOV_TO_GENERAL || rmodeOpcode == FloatingPointEncoders.FMOV_FROM_GENERAL) {
            if (sf != ftype) { // w with s, x with d
                return null;
            }
            return rmodeOpcode == FloatingPointEncoders.FMOV_TO_GENERAL
                    ? "fmov " + gp(sf, rd) + ", " + fp(ftype, rn)
                    : "fmov " + fp(ftype, rd) + ", " + gp(sf, rn);
        }
        String name = INTEGER_CONVERSION[rmodeOpcode];
        if (name == null) {
            return null;
        }
        if (name.equals("scvtf") || name.equals("ucvtf")) {
            return name + " " + fp(ftype, rd) + ", " + gp(sf, rn);
        }
        return name + " " + gp(sf, rd) + ", " + fp(ftype, rn);
    }

    private static String fixedPointConversion(int word, int sf, int ftype, int rn, int rd) {
        int rmodeOpcode = (word >>> 16) & 31;
        int scale = (word >>> 10) & 63;
        if (!singleOrDouble(ftype) || (sf == 0 && scale < 32)) {
            return null;
        }
        int fbits = 64 - scale;
        return switch (rmodeOpcode) {
            case FloatingPointEncoders.SCVTF -> "scvtf " + fp(ftype, rd) + ", " + gp(sf, rn) + ", #" + fbits;
            case FloatingPointEncoders.UCVTF -> "ucvtf " + fp(ftype, rd) + ", " + gp(sf, rn) + ", #" + fbits;
            case FloatingPointEncoders.FCVTZS -> "fcvtzs " + gp(sf, rd) + ", " + fp(ftype, rn) + ", #" + fbits;
            case FloatingPointEncoders.FCVTZU -> "fcvtzu " + gp(sf, rd) + ", " + fp(ftype, rn) + ", #" + fbits;
            default -> null;
        };
    }

    private static boolean singleOrDouble(int ftype) {
        return ftype == FloatingPointEncoders.FTYPE_SINGLE || ftype == FloatingPointEncoders.FTYPE_DOUBLE;
    }

    private static boolean fcvtType(int ftype) {
        return ftype != 0b10;
    }

    private static String fp(int ftype, int code) {
        return switch (ftype) {
            case FloatingPointEncoders.FTYPE_SINGLE -> "s" + code;
            case FloatingPointEncoders.FTYPE_DOUBLE -> "d" + code;
            default -> "h" + code;
        };
    }

    private static String gp(int sf, int code) {
        return GpRegister.name(code, sf == 1, false);
    }
}
