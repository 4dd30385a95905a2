package dev.stitch.x64;

import dev.stitch.asm.AssemblySyntaxException;

/** x86-64 assembly text that cannot be assembled: {@code file:line:column: error: ...}, the line and a caret. */
public final class X64SyntaxException extends AssemblySyntaxException {
    private static final long serialVersionUID = 1L;

    X64SyntaxException(String file, int line, int column, String sourceLine, String message, Throwable cause) {
        super(file, line, column, sourceLine, message, cause);
    }
}
