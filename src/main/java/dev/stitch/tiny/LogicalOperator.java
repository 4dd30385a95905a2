package dev.stitch.tiny;

/**
 * The short-circuit operators: the right operand is evaluated only when the left one does not
 * decide the result. Both yield 1 or 0. {@code ||} binds looser than {@code &&}, and both looser
 * than every {@link BinaryOperator}.
 */
enum LogicalOperator {
    AND("&&", 2),
    OR("||", 1);

    private final String symbol;
    private final int precedence;

    LogicalOperator(String symbol, int precedence) {
        this.symbol = symbol;
        this.precedence = precedence;
    }

    String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    /** The operator a token stands for, or null. */
    static LogicalOperator of(TokenKind kind) {
        return switch (kind) {
            case AND_AND -> AND;
            case OR_OR -> OR;
            default -> null;
        };
    }
}
