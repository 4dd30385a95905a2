package dev.stitch.tiny;

/**
 * The binary operators that evaluate both operands, with their precedence (higher binds tighter,
 * as in C and Java) and the instruction that computes them. {@code &&} and {@code ||} are not
 * here: they may skip their right operand, see {@link LogicalOperator}.
 */
enum BinaryOperator {
    MULTIPLY("*", 10, Opcode.MUL),
    DIVIDE("/", 10, Opcode.DIV),
    REMAINDER("%", 10, Opcode.REM),
    ADD("+", 9, Opcode.ADD),
    SUBTRACT("-", 9, Opcode.SUB),
    SHIFT_LEFT("<<", 8, Opcode.SHL),
    SHIFT_RIGHT(">>", 8, Opcode.SHR),
    UNSIGNED_SHIFT_RIGHT(">>>", 8, Opcode.USHR),
    LESS("<", 7, Opcode.LT),
    LESS_EQUAL("<=", 7, Opcode.LE),
    GREATER(">", 7, Opcode.GT),
    GREATER_EQUAL(">=", 7, Opcode.GE),
    EQUAL("==", 6, Opcode.EQ),
    NOT_EQUAL("!=", 6, Opcode.NE),
    BIT_AND("&", 5, Opcode.AND),
    BIT_XOR("^", 4, Opcode.XOR),
    BIT_OR("|", 3, Opcode.OR);

    private final String symbol;
    private final int precedence;
    private final int opcode;

    BinaryOperator(String symbol, int precedence, int opcode) {
        this.symbol = symbol;
        this.precedence = precedence;
        this.opcode = opcode;
    }

    String symbol() {
        return symbol;
    }

    int precedence() {
        return precedence;
    }

    /** The {@link Opcode} that pops both operands (right first) and pushes the result. */
    int opcode() {
        return opcode;
    }

    /** The operator a token stands for, or null if the token is not a binary operator. */
    static BinaryOperator of(TokenKind kind) {
        return switch (kind) {
            case STAR -> MULTIPLY;
            case SLASH -> DIVIDE;
            case PERCENT -> REMAINDER;
            case PLUS -> ADD;
            case MINUS -> SUBTRACT;
            case SHIFT_LEFT -> SHIFT_LEFT;
            case SHIFT_RIGHT -> SHIFT_RIGHT;
            case UNSIGNED_SHIFT_RIGHT -> UNSIGNED_SHIFT_RIGHT;
            case LESS -> LESS;
            case LESS_EQUAL -> LESS_EQUAL;
            case GREATER -> GREATER;
            case GREATER_EQUAL -> GREATER_EQUAL;
            case EQUAL -> EQUAL;
            case NOT_EQUAL -> NOT_EQUAL;
            case AMPERSAND -> BIT_AND;
            case CARET -> BIT_XOR;
            case PIPE -> BIT_OR;
            default -> null;
        };
    }
}
