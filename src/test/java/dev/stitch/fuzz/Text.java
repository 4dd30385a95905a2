package dev.stitch.fuzz;

/** Inputs written so that a failure report shows every character, however odd. */
public final class Text {
    /** Longer inputs are shown by their two ends. */
    private static final int SHOWN = 1200;

    private Text() {}

    /** {@code s} as a Java string literal: non-ASCII and control characters as {@code \\uXXXX}; long inputs shortened in the middle. */
    public static String quote(String s) {
        if (s.length() > SHOWN) {
            return quote(s.substring(0, SHOWN / 2)) + " + ... " + (s.length() - SHOWN * 3 / 4) + " chars ... + "
                    + quote(s.substring(s.length() - SHOWN / 4));
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
