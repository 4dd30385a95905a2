package dev.stitch.tiny;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser from {@link Token}s to a {@link SyntaxTree}. Binary operators are
 * parsed by precedence climbing, so nesting parentheses costs a handful of Java frames per level;
 * nesting is limited ({@link #MAX_NESTING}) and so is the length of one expression
 * ({@link #MAX_OPERATORS}), so that hostile input gets a syntax error rather than a
 * {@link StackOverflowError} here or in the compiler, which recurses over the tree.
 */
final class Parser {
    /** Deepest nesting of blocks, parentheses, brackets, calls and prefix operators. */
    static final int MAX_NESTING = 200;
    /** Most binary and logical operators in one statement's expressions (bounds the tree depth). */
    static final int MAX_OPERATORS = 1000;

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MINUS_LONG_MIN = LONG_MAX.add(BigInteger.ONE);

    private final SourceText source;
    private final List<Token> tokens;
    private int next;
    private int nesting;
    private int operators;
    private int loopDepth;

    private Parser(SourceText source) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
    }

    /** Parses the whole file. */
    static SyntaxTree parse(SourceText source) {
        return new Parser(source).program();
    }

    private SyntaxTree program() {
        List<FunctionDecl> functions = new ArrayList<>();
        Map<String, FunctionDecl> byName = new HashMap<>();
        List<Stmt> topLevel = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (at(TokenKind.END_OF_FILE)) {
                break;
            }
            if (at(TokenKind.FN)) {
                FunctionDecl function = function();
                FunctionDecl earlier = byName.putIfAbsent(function.name(), function);
                if (earlier != null) {
                    throw source.error(function.position(), "function " + function.name()
                            + " is already defined at line " + earlier.position().line());
                }
                functions.add(function);
                continue; // it ended with '}'
            }
            Stmt statement = statement();
            topLevel.add(statement);
            endOfStatement(statement);
        }
        return new SyntaxTree(functions, topLevel);
    }

    private FunctionDecl function() {
        advance(); // fn
        Token name = expect(TokenKind.IDENTIFIER, "a function name after 'fn'");
        if (Builtin.named(name.text()).isPresent()) {
            throw source.error(name.position(), "cannot define a function named " + name.text()
                    + ": it is a built-in function");
        }
        expect(TokenKind.LEFT_PAREN, "'(' after the function name");
        List<String> parameters = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (!at(TokenKind.RIGHT_PAREN)) {
            do {
                Token parameter = expect(TokenKind.IDENTIFIER, "a parameter name");
                if (!seen.add(parameter.text())) {
                    throw source.error(parameter.position(), "parameter " + parameter.text() + " appears twice");
                }
                parameters.add(parameter.text());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RIGHT_PAREN, "',' or ')' after the parameters");
        int outerLoops = loopDepth;
        loopDepth = 0; // break and continue do not reach out of a function
        List<Stmt> body = block("function " + name.text());
        loopDepth = outerLoops;
        return new FunctionDecl(name.text(), parameters, body, name.position());
    }

    /** {@code { statements }}; line breaks before the brace are allowed. */
    private List<Stmt> block(String owner) {
        skipNewlines();
        Token open = expect(TokenKind.LEFT_BRACE, "'{' to start the body of " + owner);
        enter(open);
        List<Stmt> statements = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (at(TokenKind.RIGHT_BRACE)) {
                advance();
                break;
            }
            if (at(TokenKind.END_OF_FILE)) {
                throw source.error(peek().position(), "expected '}' to close the block opened at line "
                        + open.position().line() + ", found end of file");
            }
            if (at(TokenKind.FN)) {
                throw source.error(peek().position(), "functions can only be defined at top level, not inside "
                        + owner);
            }
            Stmt statement = statement();
            statements.add(statement);
            endOfStatement(statement);
        }
        leave();
        return statements;
    }

    /**
     * After a statement comes a newline, ';', the '}' of the block, or the end of the file; after
     * a statement that ends with a block ({@code if}, {@code while}) the next one may follow
     * directly, as in C: {@code if n < 2 { return n } return fib(n - 1) + fib(n - 2)}.
     */
    private void endOfStatement(Stmt statement) {
        if (statement instanceof Stmt.If || statement instanceof Stmt.While) {
            return;
        }
        switch (peek().kind()) {
            case NEWLINE, SEMICOLON -> advance();
            case RIGHT_BRACE, END_OF_FILE -> { }
            default -> throw source.error(peek().position(), "expected a newline or ';' after the statement, found "
                    + peek().describe());
        }
    }

    private Stmt statement() {
        operators = 0;
        Token first = peek();
        return switch (first.kind()) {
            case IF -> ifStatement();
            case WHILE -> whileStatement();
            case BREAK, CONTINUE -> {
                advance();
                if (loopDepth == 0) {
                    throw source.error(first.position(), "'" + first.text() + "' outside a loop");
                }
                yield first.kind() == TokenKind.BREAK ? new Stmt.Break(first.position())
                        : new Stmt.Continue(first.position());
            }
            case RETURN -> {
                advance();
                Expr value = switch (peek().kind()) {
                    case NEWLINE, SEMICOLON, RIGHT_BRACE, END_OF_FILE -> null;
                    default -> expression();
                };
                yield new Stmt.Return(value, first.position());
            }
            case ELSE -> throw source.error(first.position(), "'else' without 'if'");
            default -> simpleStatement();
        };
    }

    private Stmt ifStatement() {
        Token keyword = advance();
        Expr condition = expression();
        List<Stmt> then = block("'if'");
        List<Stmt> otherwise = List.of();
        int afterThen = next;
        skipNewlines();
        if (accept(TokenKind.ELSE)) {
            if (at(TokenKind.IF)) {
                enter(peek());
                otherwise = List.of(ifStatement());
                leave();
            } else {
                otherwise = block("'else'");
            }
        } else {
            next = afterThen; // the line break ends the if statement
        }
        return new Stmt.If(condition, then, otherwise, keyword.position());
    }

    private Stmt whileStatement() {
        Token keyword = advance();
        Expr condition = expression();
        loopDepth++;
        List<Stmt> body = block("'while'");
        loopDepth--;
        return new Stmt.While(condition, body, keyword.position());
    }

    /** An assignment or a call. */
    private Stmt simpleStatement() {
        Token first = peek();
        if (!startsExpression(first.kind())) {
            throw source.error(first.position(), "expected a statement, found " + first.describe());
        }
        Expr target = expression();
        if (at(TokenKind.ASSIGN)) {
            Token assign = advance();
            skipNewlines();
            Expr value = expression();
            return switch (target) {
                case Expr.Variable variable -> new Stmt.Assign(variable.name(), value, assign.position());
                case Expr.Index element -> new Stmt.AssignElement(element.array(), element.index(), value,
                        assign.position());
                default -> throw source.error(first.position(),
                        "cannot assign to this: expected a variable or an array element before '='");
            };
        }
        if (target instanceof Expr.Call call) {
            return new Stmt.CallStatement(call, call.position());
        }
        if (target instanceof Expr.Variable variable) {
            throw source.error(peek().position(), "expected '=' after " + variable.name() + ", found "
                    + peek().describe());
        }
        throw source.error(first.position(),
                "this expression is not a statement: expected an assignment or a call");
    }

    private static boolean startsExpression(TokenKind kind) {
        return switch (kind) {
            case INTEGER, IDENTIFIER, LEFT_PAREN, MINUS, TILDE, BANG -> true;
            default -> false;
        };
    }

    Expr expression() {
        return binary(1);
    }

    /** Precedence climbing: operands bind to the operator of higher precedence; equal precedence associates left. */
    private Expr binary(int minimumPrecedence) {
        Expr left = unary();
        while (true) {
            Token operator = peek();
            BinaryOperator binary = BinaryOperator.of(operator.kind());
            LogicalOperator logical = LogicalOperator.of(operator.kind());
            int precedence = binary != null ? binary.precedence() : logical != null ? logical.precedence() : -1;
            if (precedence < minimumPrecedence) {
                return left;
            }
            advance();
            skipNewlines(); // an operator at the end of a line continues the expression on the next
            if (++operators > MAX_OPERATORS) {
                throw source.error(operator.position(), "expression too long: more than " + MAX_OPERATORS
                        + " operators in one statement");
            }
            Expr right = binary(precedence + 1);
            left = binary != null ? new Expr.Binary(binary, left, right, operator.position())
                    : new Expr.Logical(logical, left, right, operator.position());
        }
    }

    private Expr unary() {
        Token operator = peek();
        UnaryOperator unary = UnaryOperator.of(operator.kind());
        if (unary == null) {
            return postfix(primary());
        }
        advance();
        if (unary == UnaryOperator.NEGATE && at(TokenKind.INTEGER) && !postfixFollows(1)) {
            // Folded so that -9223372036854775808, whose magnitude is no long, can be written.
            Token literal = advance();
            return new Expr.Literal(integer(literal, true), operator.position());
        }
        enter(operator);
        Expr operand = unary();
        leave();
        return new Expr.Unary(unary, operand, operator.position());
    }

    private boolean postfixFollows(int ahead) {
        TokenKind kind = tokens.get(Math.min(next + ahead, tokens.size() - 1)).kind();
        return kind == TokenKind.LEFT_BRACKET;
    }

    private Expr postfix(Expr expr) {
        while (at(TokenKind.LEFT_BRACKET)) {
            Token open = advance();
            enter(open);
            Expr index = expression();
            expect(TokenKind.RIGHT_BRACKET, "']' after the index");
            leave();
            expr = new Expr.Index(expr, index, open.position());
        }
        return expr;
    }

    private Expr primary() {
        Token token = peek();
        switch (token.kind()) {
            case INTEGER -> {
                advance();
                return new Expr.Literal(integer(token, false), token.position());
            }
            case IDENTIFIER -> {
                advance();
                if (at(TokenKind.LEFT_PAREN)) {
                    return call(token);
                }
                return new Expr.Variable(token.text(), token.position());
            }
            case LEFT_PAREN -> {
                advance();
                enter(token);
                Expr inner = expression();
                expect(TokenKind.RIGHT_PAREN, "')'");
                leave();
                return inner;
            }
            default -> throw source.error(token.position(), "expected an expression, found " + token.describe());
        }
    }

    private Expr call(Token name) {
        Token open = advance();
        enter(open);
        List<Expr> arguments = new ArrayList<>();
        if (!at(TokenKind.RIGHT_PAREN)) {
            do {
                arguments.add(expression());
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RIGHT_PAREN, "',' or ')' after the arguments of " + name.text());
        leave();
        return new Expr.Call(name.text(), arguments, name.position());
    }

    private long integer(Token literal, boolean negated) {
        BigInteger value = literal.integerValue();
        boolean hex = literal.text().startsWith("0x") || literal.text().startsWith("0X");
        if (hex) {
            // A hex literal is a 64-bit pattern; negating it wraps, so -0x8000000000000000 is Long.MIN_VALUE.
            return negated ? -value.longValue() : value.longValue();
        }
        if (negated) {
            value = value.negate();
        }
        if (value.compareTo(LONG_MAX) > 0 || value.negate().compareTo(MINUS_LONG_MIN) > 0) {
            throw source.error(literal.position(), "integer literal " + literal.text()
                    + " is out of range: " + Lexer.DECIMAL_RANGE);
        }
        return value.longValue();
    }

    private void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw source.error(token.position(), "nested too deeply: more than " + MAX_NESTING + " levels");
        }
    }

    private void leave() {
        nesting--;
    }

    private void skipSeparators() {
        while (at(TokenKind.NEWLINE) || at(TokenKind.SEMICOLON)) {
            advance();
        }
    }

    private void skipNewlines() {
        while (at(TokenKind.NEWLINE)) {
            advance();
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != TokenKind.END_OF_FILE) {
            next++;
        }
        return token;
    }

    private boolean accept(TokenKind kind) {
        if (at(kind)) {
            advance();
            return true;
        }
        return false;
    }

    private Token expect(TokenKind kind, String what) {
        if (!at(kind)) {
            throw source.error(peek().position(), "expected " + what + ", found " + peek().describe());
        }
        return advance();
    }
}
