package dev.stitch.a64;

import java.util.Locale;

/** The shift applied to a register operand (the {@code shift} field, Arm ARM C6.2). */
public enum Shift {
    LSL(0), LSR(1), ASR(2), ROR(3);

    private final int code;
    private final String text = name().toLowerCase(Locale.ROOT);

    Shift(int code) {
        this.code = code;
    }

    /** The 2-bit encoding. */
    public int code() {
        return code;
    }

    /** Lower-case name, as LLVM prints it. */
    public String text() {
        return text;
    }

    public static Shift fromCode(int code) {
        return values()[code & 3];
    }
}
