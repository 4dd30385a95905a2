package dev.stitch.a64;

import java.util.Locale;

/** A condition code, as used by {@code b.cond}, {@code csel}, {@code ccmp} and friends (Arm ARM C1.2.4). */
public enum Condition {
    EQ(0), NE(1), HS(2), LO(3), MI(4), PL(5), VS(6), VC(7), HI(8), LS(9), GE(10), LT(11), GT(12), LE(13), AL(14), NV(15);

    private final int code;
    private final String text = name().toLowerCase(Locale.ROOT);

    Condition(int code) {
        this.code = code;
    }

    /** The 4-bit encoding. */
    public int code() {
        return code;
    }

    /** The condition that holds exactly when this one does not ({@code AL} and {@code NV} swap, as the encoding does). */
    public Condition invert() {
        return fromCode(code ^ 1);
    }

    /** The name LLVM prints, lower case: {@code hs} and {@code lo} rather than {@code cs} and {@code cc}. */
    public String text() {
        return text;
    }

    public static Condition fromCode(int code) {
        if (code < 0 || code > 15) {
            throw new IllegalArgumentException("condition code must be 0..15, got " + code);
        }
        return values()[code];
    }

    /**
     * The condition named {@code name}, in any case, including the synonyms {@code cs} (= {@code hs})
     * and {@code cc} (= {@code lo}).
     *
     * @throws IllegalArgumentException naming the allowed names
     */
    public static Condition fromName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "cs": return HS;
            case "cc": return LO;
            default:
                for (Condition c : values()) {
                    if (c.text().equals(lower)) {
                        return c;
                    }
                }
        }
        throw new IllegalArgumentException("unknown condition '" + name
                + "'; expected one of eq ne hs cs lo cc mi pl vs vc hi ls ge lt gt le al nv");
    }
}
