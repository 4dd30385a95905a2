package dev.stitch.text;

/**
 * The text of error messages that quote what the user wrote: compiler-style
 * {@code file:line:column: error: detail} messages with the source line and a caret under the
 * offending character, shared by the assemblers, tiny and the trace parser, and single quoted
 * values such as command-line arguments.
 *
 * <p>Quoted text never reaches a terminal raw: control characters (C0, DEL, C1), invisible
 * format characters (bidirectional overrides, zero-width spaces, the byte-order mark), line and
 * paragraph separators and unpaired surrogates are written as escapes: {@code \x0f} for those
 * below U+0100, a backslash, {@code u} and four hex digits for the others up to U+FFFF (a
 * backslash, {@code U} and eight hex digits above), and {@code \t}, {@code \n}, {@code \r} for tab,
 * line feed and carriage return. The one exception is a tab of a quoted source line, which stays
 * a tab, and the caret line repeats it, so that the caret lines up whatever the terminal's tab
 * stops; the caret line also makes room for every escape, so the caret stays under the character
 * the column names.
 */
public final class ErrorText {
    private ErrorText() {}

    /**
     * {@code file:line:column: error: detail}, then {@code sourceLine}, then a caret under its
     * {@code column}; the file name, the detail and the line escaped. Of a line longer than
     * {@link #MAX_LINE} chars only a window around the column is quoted.
     *
     * @param column 1-based, counting UTF-16 chars as the parsers do; a column past the end of
     *     the line puts the caret that many places after it
     */
    public static String located(String file, int line, int column, String sourceLine, String detail) {
        String shown = sourceLine;
        int caretColumn = column;
        if (sourceLine.length() > MAX_LINE) {
            // A window of the line around the column, each cut end marked with "...".
            int from = Math.max(0, Math.min(column - 1 - MAX_LINE / 2, sourceLine.length() - MAX_LINE));
            from = Character.isLowSurrogate(sourceLine.charAt(from)) ? from + 1 : from;
            int to = Math.min(sourceLine.length(), from + MAX_LINE);
            to = to < sourceLine.length() && Character.isLowSurrogate(sourceLine.charAt(to)) ? to - 1 : to;
            String lead = from > 0 ? "..." : "";
            shown = lead + sourceLine.substring(from, to) + (to < sourceLine.length() ? "..." : "");
            caretColumn = column - from + lead.length();
        }
        return escape(file) + ":" + line + ":" + column + ": error: " + escape(bounded(detail)) + "\n"
                + quotedLine(shown) + "\n" + caretLine(shown, caretColumn);
    }

    /** The most chars of a token a message quotes; a longer token is cut ({@link #excerpt}). */
    public static final int MAX_QUOTED = 40;
    /** The most chars of a source line a message quotes; of a longer one, a window around the caret. */
    public static final int MAX_LINE = 160;
    /**
     * The most chars of a detail; a longer one loses its middle. Parsers quote long tokens as
     * excerpts already; this catches any message that quotes one whole.
     */
    public static final int MAX_DETAIL = 400;

    /**
     * {@code token} as a message quotes it: whole if at most {@link #MAX_QUOTED} chars, else its
     * start, {@code ...} and its length, so that a hostile million-char token yields a short message.
     */
    public static String excerpt(String token) {
        if (token.length() <= MAX_QUOTED) {
            return token;
        }
        int cut = MAX_QUOTED - 16;
        if (Character.isHighSurrogate(token.charAt(cut - 1))) {
            cut--;
        }
        return token.substring(0, cut) + "... (" + token.length() + " chars)";
    }

    /** {@code detail}, or if longer than {@link #MAX_DETAIL} its start and its end joined by {@code ...}. */
    static String bounded(String detail) {
        if (detail.length() <= MAX_DETAIL) {
            return detail;
        }
        int head = MAX_DETAIL * 2 / 3;
        int tail = detail.length() - (MAX_DETAIL - head - 5);
        head = Character.isHighSurrogate(detail.charAt(head - 1)) ? head - 1 : head;
        tail = Character.isLowSurrogate(detail.charAt(tail)) ? tail + 1 : tail;
        return detail.substring(0, head) + " ... " + detail.substring(tail);
    }

    /** {@code text} with every character that is not plain visible text escaped, tabs included. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** A source line as a message quotes it: escaped, its tabs kept. */
    static String quotedLine(String sourceLine) {
        return escape(sourceLine, true);
    }

    /**
     * Blanks as wide as the first {@code column - 1} chars of {@code sourceLine} are once quoted
     * (tabs as tabs), then {@code ^}.
     */
    static String caretLine(String sourceLine, int column) {
        StringBuilder caret = new StringBuilder();
        int i = 0;
        while (i < column - 1) {
            if (i >= sourceLine.length()) {
                caret.append(' ');
                i++;
                continue;
            }
            int c = sourceLine.codePointAt(i);
            if (c == '\t') {
                caret.append('\t');
            } else if (needsEscape(c)) {
                caret.append(" ".repeat(escapeOf(c).length()));
            } else if (!isZeroWidth(c)) {
                caret.append(' ');
            }
            i += Character.charCount(c);
        }
        return caret.append('^').toString();
    }

    private static String escape(String text, boolean keepTabs) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            boolean escaped = needsEscape(c) && !(keepTabs && c == '\t');
            if (escaped && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped) {
                out.append(escapeOf(c));
            } else if (out != null) {
                out.appendCodePoint(c);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    private static boolean needsEscape(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }

    private static String escapeOf(int c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> c < 0x100 ? String.format("\\x%02x", c)
                    : c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c);
        };
    }

    /** Combining marks draw on the character before them: they take no column of their own. */
    private static boolean isZeroWidth(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }
}
