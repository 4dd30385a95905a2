package dev.stitch.a64;

/**
 * Operand checks shared by the encoders. Each throws an {@link A64EncodingException} whose
 * message reads {@code <instruction>: <operand> <value> <problem>; allowed <what is allowed>}.
 */
final class Check {
    private Check() {}

    /** {@code min <= value <= max}. */
    static long range(String insn, String operand, long value, long min, long max) {
        if (value < min || value > max) {
            throw new A64EncodingException(insn + ": " + operand + " " + value + " is out of range; allowed "
                    + min + ".." + max);
        }
        return value;
    }

    /** {@code value} is a multiple of {@code multiple} within {@code min..max}. */
    static long scaled(String insn, String operand, long value, long min, long max, long multiple) {
        if (value % multiple != 0) {
            throw new A64EncodingException(insn + ": " + operand + " " + value + " is not a multiple of " + multiple
                    + "; allowed multiples of " + multiple + " in " + min + ".." + max);
        }
        return range(insn, operand, value, min, max);
    }

    /** A register that may be {@code xzr}/{@code wzr} but not the stack pointer. */
    static int noSp(String insn, String operand, GpRegister r) {
        if (r.isStackPointer()) {
            throw new A64EncodingException(insn + ": " + operand + " " + r.name()
                    + " is not allowed here; allowed " + (r.is64() ? "x0..x30, xzr" : "w0..w30, wzr"));
        }
        return r.code();
    }

    /** A register that may be the stack pointer but not {@code xzr}/{@code wzr}. */
    static int noZr(String insn, String operand, GpRegister r) {
        if (r.isZeroRegister()) {
            throw new A64EncodingException(insn + ": " + operand + " " + r.name()
                    + " is not allowed here; allowed " + (r.is64() ? "x0..x30, sp" : "w0..w30, wsp"));
        }
        return r.code();
    }

    /** All registers have the width of the first. */
    static void sameWidth(String insn, GpRegister... registers) {
        for (GpRegister r : registers) {
            if (r.is64() != registers[0].is64()) {
                throw new A64EncodingException(insn + ": registers " + names(registers)
                        + " mix 32-bit and 64-bit views; allowed all x or all w");
            }
        }
    }

    /** The register is the 64-bit view. */
    static void is64(String insn, String operand, GpRegister r) {
        if (!r.is64()) {
            throw new A64EncodingException(insn + ": " + operand + " " + r.name() + " must be a 64-bit register (x)");
        }
    }

    /** The register is the 32-bit view. */
    static void is32(String insn, String operand, GpRegister r) {
        if (r.is64()) {
            throw new A64EncodingException(insn + ": " + operand + " " + r.name() + " must be a 32-bit register (w)");
        }
    }

    /** The FP register has one of the allowed widths. */
    static void width(String insn, String operand, FpRegister r, FpWidth... allowed) {
        for (FpWidth w : allowed) {
            if (r.width() == w) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (FpWidth w : allowed) {
            names.append(names.isEmpty() ? "" : ", ").append(w.prefix()).append("0..").append(w.prefix()).append("31");
        }
        throw new A64EncodingException(insn + ": " + operand + " " + r.name() + " has the wrong width; allowed " + names);
    }

    private static String names(Register... registers) {
        StringBuilder text = new StringBuilder();
        for (Register r : registers) {
            text.append(text.isEmpty() ? "" : ", ").append(r.name());
        }
        return text.toString();
    }
}
