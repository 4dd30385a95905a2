package dev.stitch.asm;

import dev.stitch.text.ErrorText;

/**
 * Assembly text that cannot be assembled, for either architecture's text assembler. The message
 * reads like a compiler's: {@code file:line:column: error: what was wrong}, then the line and a
 * caret under the offending text, as {@link ErrorText#located} writes them (control characters
 * escaped, the caret lined up under tabs and escapes).
 */
public class AssemblySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String sourceLine;
    private final String detail;

    protected AssemblySyntaxException(String file, int line, int column, String sourceLine, String message,
                                      Throwable cause) {
        super(ErrorText.located(file, line, column, sourceLine, message), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
        this.detail = message;
    }

    /** The file name given to the parser. */
    public String file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    /** 1-based column number. */
    public int column() {
        return column;
    }

    /** The line as written, unescaped. */
    public String sourceLine() {
        return sourceLine;
    }

    /** What was wrong, without the location, the line and the caret. */
    public String detail() {
        return detail;
    }
}
