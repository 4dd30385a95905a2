package dev.stitch.a64;

import java.util.Locale;

/** The extension applied to a register operand (the {@code option} field, Arm ARM C6.2). */
public enum Extend {
    UXTB(0), UXTH(1), UXTW(2), UXTX(3), SXTB(4), SXTH(5), SXTW(6), SXTX(7);

    private final int code;
    private final String text = name().toLowerCase(Locale.ROOT);

    Extend(int code) {
        this.code = code;
    }

    /** The 3-bit {@code option} encoding. */
    public int code() {
        return code;
    }

    /** True if the source register is the 64-bit view ({@code uxtx}/{@code sxtx}). */
    public boolean takesX() {
        return (code & 3) == 3;
    }

    /** Lower-case name, as LLVM prints it. */
    public String text() {
        return text;
    }

    public static Extend fromCode(int code) {
        return values()[code & 7];
    }
}
