package dev.stitch.tiny;

import dev.stitch.text.ErrorText;

import java.math.BigInteger;

/**
 * One token: its kind, its text as written, where it starts, and for {@link TokenKind#INTEGER}
 * its value. A decimal literal's value may exceed {@link Long#MAX_VALUE} (the parser accepts
 * 9223372036854775808 only right after a unary minus); a hexadecimal literal's value is already
 * the signed reading of its 64-bit pattern.
 */
record Token(TokenKind kind, String text, Position position, BigInteger integerValue) {
    /** How an error message names this token after "found": its text in quotes, or "newline", "end of file". */
    String describe() {
        return switch (kind) {
            case NEWLINE, END_OF_FILE -> kind.description();
            default -> "'" + ErrorText.excerpt(text) + "'";
        };
    }
}
