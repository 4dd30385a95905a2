package dev.stitch.tiny;

import java.util.List;

/** The statements of the syntax tree. */
sealed interface Stmt {
    Position position();

    /** {@code name = value}; the first assignment creates the variable. */
    record Assign(String name, Expr value, Position position) implements Stmt {}

    /** {@code array[index] = value}; evaluated in that order. */
    record AssignElement(Expr array, Expr index, Expr value, Position position) implements Stmt {}

    /** A call whose value is discarded. */
    record CallStatement(Expr.Call call, Position position) implements Stmt {}

    /** {@code if condition { then } else { otherwise }}; {@code otherwise} is empty without else. */
    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Position position) implements Stmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    record While(Expr condition, List<Stmt> body, Position position) implements Stmt {
        public While {
            body = List.copyOf(body);
        }
    }

    record Break(Position position) implements Stmt {}

    record Continue(Position position) implements Stmt {}

    /** {@code return} or {@code return value}; without a value the function returns 0. */
    record Return(Expr value, Position position) implements Stmt {
        boolean hasValue() {
            return value != null;
        }
    }
}
