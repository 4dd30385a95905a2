package dev.stitch.tiny;

import java.util.stream.Collectors;

/** Prints expressions fully parenthesised, so that tests can state how the parser grouped them. */
final class SyntaxPrinter {
    private SyntaxPrinter() {}

    static String print(Expr expr) {
        return switch (expr) {
            case Expr.Literal literal -> Long.toString(literal.value());
            case Expr.Variable variable -> variable.name();
            case Expr.Unary unary -> "(" + unary.operator().symbol() + print(unary.operand()) + ")";
            case Expr.Binary binary -> "(" + print(binary.left()) + " " + binary.operator().symbol() + " "
                    + print(binary.right()) + ")";
            case Expr.Logical logical -> "(" + print(logical.left()) + " " + logical.operator().symbol() + " "
                    + print(logical.right()) + ")";
            case Expr.Call call -> call.name() + "(" + call.arguments().stream().map(SyntaxPrinter::print)
                    .collect(Collectors.joining(", ")) + ")";
            case Expr.Index index -> print(index.array()) + "[" + print(index.index()) + "]";
        };
    }

    /** Parses {@code x = expression} and prints the expression. */
    static String parseExpression(String expression) {
        SyntaxTree tree = Parser.parse(new SourceText("x = " + expression, "test.tiny"));
        return print(((Stmt.Assign) tree.topLevel().get(0)).value());
    }
}
