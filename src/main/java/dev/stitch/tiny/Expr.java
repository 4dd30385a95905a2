package dev.stitch.tiny;

import java.util.List;

/**
 * The expressions of the syntax tree. Each node keeps the position the interpreter reports a
 * runtime error at: the operator for operations, the name for calls and variables, the
 * {@code [} for indexing.
 */
sealed interface Expr {
    Position position();

    /** An integer literal (a unary minus directly before a literal is folded into it). */
    record Literal(long value, Position position) implements Expr {}

    /** Reading a variable of the current function. */
    record Variable(String name, Position position) implements Expr {}

    record Unary(UnaryOperator operator, Expr operand, Position position) implements Expr {}

    record Binary(BinaryOperator operator, Expr left, Expr right, Position position) implements Expr {}

    /** {@code left && right} or {@code left || right}. */
    record Logical(LogicalOperator operator, Expr left, Expr right, Position position) implements Expr {}

    /** {@code name(arguments)}: a function of the program or a built-in. */
    record Call(String name, List<Expr> arguments, Position position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code array[index]}. */
    record Index(Expr array, Expr index, Position position) implements Expr {}
}
