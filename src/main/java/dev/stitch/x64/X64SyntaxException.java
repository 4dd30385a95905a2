package dev.stitch.x64;

import dev.stitch.asm.AssemblySyntaxException;
import dev.stitch.asm.ForeignSyntax;

/** x86-64 assembly text that cannot be assembled: {@code file:line:column: error: ...}, the line and a caret. */
public final class X64SyntaxException extends AssemblySyntaxException {
    private static final long serialVersionUID = 1L;

    X64SyntaxException(String file, int line, int column, String sourceLine, String message, Throwable cause) {
        super(file, line, column, sourceLine, message, cause);
    }

    /** This error, its detail followed by a hint if its line looks like code in another syntax ({@link ForeignSyntax}). */
    X64SyntaxException withForeignSyntaxHint() {
        return ForeignSyntax.forX86(sourceLine())
                .map(hint -> new X64SyntaxException(file(), line(), column(), sourceLine(), detail() + "; " + hint, getCause()))
                .orElse(this);
    }
}
