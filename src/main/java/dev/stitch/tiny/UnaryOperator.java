package dev.stitch.tiny;

/** The prefix operators; they bind tighter than every binary operator. */
enum UnaryOperator {
    /** {@code -x}, wrapping: {@code -Long.MIN_VALUE} is {@code Long.MIN_VALUE}. */
    NEGATE("-"),
    /** {@code ~x}, the bitwise complement. */
    COMPLEMENT("~"),
    /** {@code !x}: 1 if x is 0, else 0. */
    NOT("!");

    private final String symbol;

    UnaryOperator(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    /** The operator a token stands for, or null. */
    static UnaryOperator of(TokenKind kind) {
        return switch (kind) {
            case MINUS -> NEGATE;
            case TILDE -> COMPLEMENT;
            case BANG -> NOT;
            default -> null;
        };
    }
}
