package dev.stitch.asm;

/**
 * Assembly text that cannot be assembled, for either architecture's text assembler. The message
 * reads like a compiler's: {@code file:line:column: error: what was wrong}, then the line and a
 * caret under the offending text.
 */
public class AssemblySyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    protected AssemblySyntaxException(String file, int line, int column, String sourceLine, String message,
                                      Throwable cause) {
        super(file + ":" + line + ":" + column + ": error: " + message + "\n" + sourceLine + "\n"
                + " ".repeat(Math.max(0, column - 1)) + "^", cause);
        this.file = file;
        this.line = line;
        this.column = column;
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
}
