package dev.stitch.x64;

import java.util.Locale;

/**
 * The 16 condition codes of {@code jcc}, {@code setcc} and {@code cmovcc}, in encoding order (the
 * low nibble of the opcode, Intel SDM Vol. 2, Appendix B.1.4.7), named by the mnemonic suffix LLVM
 * prints: {@code jb} not {@code jc} or {@code jnae}, {@code je} not {@code jz}.
 */
public enum Condition {
    O, NO, B, AE, E, NE, BE, A, S, NS, P, NP, L, GE, LE, G;

    /** The 4-bit condition field. */
    public int code() {
        return ordinal();
    }

    /** The condition that holds exactly when this one does not (flips the low bit of the code). */
    public Condition negate() {
        return values()[ordinal() ^ 1];
    }

    /** The suffix as LLVM prints it, lower case: {@code e}, {@code ne}, {@code l}... */
    public String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The condition with encoding {@code code} (0..15). */
    public static Condition ofCode(int code) {
        if (code < 0 || code > 15) {
            throw new IllegalArgumentException("condition code must be 0..15, got " + code);
        }
        return values()[code];
    }
}
