package dev.stitch.a64;

import dev.stitch.asm.AssemblySyntaxException;
import dev.stitch.asm.ForeignSyntax;

/** AArch64 assembly text that cannot be assembled: {@code file:line:column: error: ...}, the line and a caret. */
public final class A64SyntaxException extends AssemblySyntaxException {
    private static final long serialVersionUID = 1L;

    A64SyntaxException(String file, int line, int column, String sourceLine, String message, Throwable cause) {
        super(file, line, column, sourceLine, message, cause);
    }

    /** This error, its detail followed by a hint if its line looks like code in another syntax ({@link ForeignSyntax}). */
    A64SyntaxException withForeignSyntaxHint() {
        return ForeignSyntax.forAArch64(sourceLine())
                .map(hint -> new A64SyntaxException(file(), line(), column(), sourceLine(), detail() + "; " + hint, getCause()))
                .orElse(this);
    }
}
