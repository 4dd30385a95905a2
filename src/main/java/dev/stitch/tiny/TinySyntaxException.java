package dev.stitch.tiny;

import dev.stitch.text.ErrorText;

/**
 * A {@code .tiny} program that cannot be compiled. The message reads like a compiler's:
 * {@code file:line:column: error: what was expected and what was found}, then the source line and
 * a caret under the column, as {@link ErrorText#located} writes them (control characters escaped,
 * tabs of the line repeated in the caret line so that it lines up).
 */
public final class TinySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    TinySyntaxException(String file, int line, int column, String sourceLine, String detail) {
        super(ErrorText.located(file, line, column, sourceLine, detail));
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The file name given to {@link Tiny#compile}. */
    public String file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** 1-based column number, counting characters. */
    public int column() {
        return column;
    }

    /** What was wrong, without the position, the line and the caret; not escaped. */
    public String detail() {
        return detail;
    }
}
