package dev.stitch.tiny;

import dev.stitch.text.ErrorText;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits tiny source text into {@link Token}s. A line break becomes a {@link TokenKind#NEWLINE}
 * token (it ends a statement) except inside parentheses or brackets, so that a long call or index
 * may span lines. {@code #} starts a comment that runs to the end of the line. The last token is
 * always {@link TokenKind#END_OF_FILE}, placed just after the last character of the last
 * non-empty line so that "found end of file" points at something visible.
 */
final class Lexer {
    private static final Map<String, TokenKind> KEYWORDS = Map.of(
            "fn", TokenKind.FN, "if", TokenKind.IF, "else", TokenKind.ELSE, "while", TokenKind.WHILE,
            "break", TokenKind.BREAK, "continue", TokenKind.CONTINUE, "return", TokenKind.RETURN);
    /** What a decimal literal out of range is told. */
    static final String DECIMAL_RANGE = "integers are 64-bit, from -9223372036854775808 to 9223372036854775807";

    private final SourceText source;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int offset;
    private int line = 1;
    private int lineStart;
    /** Open parentheses and brackets: line breaks inside them do not end statements. */
    private int bracketDepth;
    private Position lastVisible = new Position(1, 1);

    private Lexer(SourceText source) {
        this.source = source;
        this.text = source.text();
    }

    /** The tokens of {@code source}, ending with {@link TokenKind#END_OF_FILE}. */
    static List<Token> tokenize(SourceText source) {
        return new Lexer(source).run();
    }

    private List<Token> run() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\n') {
                if (bracketDepth == 0) {
                    // A CRLF line break starts at its '\r': errors at it point just past the line's text.
                    boolean crlf = offset > lineStart && text.charAt(offset - 1) == '\r';
                    add(TokenKind.NEWLINE, "\n", new Position(line, offset - lineStart + (crlf ? 0 : 1)));
                }
                offset++;
                line++;
                lineStart = offset;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                offset++;
            } else if (c == '#') {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    offset++;
                }
            } else if (isDigit(c)) {
                number();
            } else if (isIdentifierStart(c)) {
                identifier();
            } else {
                operator(c);
            }
        }
        tokens.add(new Token(TokenKind.END_OF_FILE, "", endOfFile(), null));
        return tokens;
    }

    private Position endOfFile() {
        // Just after the last visible token, so that the caret lands where the program stops.
        return lastVisible;
    }

    private Position position() {
        return new Position(line, offset - lineStart + 1);
    }

    private void add(TokenKind kind, String tokenText, Position start) {
        add(kind, tokenText, start, null);
    }

    private void add(TokenKind kind, String tokenText, Position start, BigInteger value) {
        tokens.add(new Token(kind, tokenText, start, value));
        if (kind != TokenKind.NEWLINE) {
            lastVisible = new Position(start.line(), start.column() + tokenText.length());
        }
    }

    private void number() {
        Position start = position();
        int begin = offset;
        boolean hex = text.startsWith("0x", offset) || text.startsWith("0X", offset);
        if (hex) {
            offset += 2;
        }
        while (offset < text.length() && (isIdentifierPart(text.charAt(offset)))) {
            offset++;
        }
        String literal = text.substring(begin, offset);
        String digits = (hex ? literal.substring(2) : literal);
        if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
            throw source.error(start, "malformed integer literal " + ErrorText.excerpt(literal)
                    + (digits.isEmpty() ? ": no digits after 0x" : ": '_' may only separate digits"));
        }
        String plain = digits.replace("_", "");
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (hex ? Character.digit(c, 16) < 0 : !isDigit(c)) {
                int column = start.column() + literal.indexOf(c, hex ? 2 : 0);
                throw source.error(new Position(start.line(), column), "malformed integer literal " + ErrorText.excerpt(literal)
                        + ": '" + c + "' is not a " + (hex ? "hexadecimal " : "decimal ") + "digit");
            }
        }
        // 17 significant hex digits or 20 decimal ones are out of range whatever they are; refusing
        // them here keeps a literal of a million digits from becoming a BigInteger first.
        int significant = plain.length() - leadingZeros(plain);
        if (significant > (hex ? 16 : 19)) {
            throw source.error(start, "integer literal " + ErrorText.excerpt(literal) + " is out of range: "
                    + (hex ? "more than 64 bits" : DECIMAL_RANGE));
        }
        BigInteger value = new BigInteger(plain, hex ? 16 : 10);
        if (hex) {
            value = BigInteger.valueOf(value.longValue()); // the signed reading of the bit pattern
        }
        add(TokenKind.INTEGER, literal, start, value);
    }

    private static int leadingZeros(String digits) {
        int zeros = 0;
        while (zeros < digits.length() && digits.charAt(zeros) == '0') {
            zeros++;
        }
        return zeros;
    }

    private void identifier() {
        Position start = position();
        int begin = offset;
        while (offset < text.length() && isIdentifierPart(text.charAt(offset))) {
            offset++;
        }
        String name = text.substring(begin, offset);
        add(KEYWORDS.getOrDefault(name, TokenKind.IDENTIFIER), name, start);
    }

    /** Operators and punctuation, longest first so that {@code >>>} is not read as {@code >>} then {@code >}. */
    private static final List<Map.Entry<String, TokenKind>> OPERATORS = List.of(
            Map.entry(">>>", TokenKind.UNSIGNED_SHIFT_RIGHT),
            Map.entry("<<", TokenKind.SHIFT_LEFT), Map.entry(">>", TokenKind.SHIFT_RIGHT),
            Map.entry("<=", TokenKind.LESS_EQUAL), Map.entry(">=", TokenKind.GREATER_EQUAL),
            Map.entry("==", TokenKind.EQUAL), Map.entry("!=", TokenKind.NOT_EQUAL),
            Map.entry("&&", TokenKind.AND_AND), Map.entry("||", TokenKind.OR_OR),
            Map.entry("(", TokenKind.LEFT_PAREN), Map.entry(")", TokenKind.RIGHT_PAREN),
            Map.entry("{", TokenKind.LEFT_BRACE), Map.entry("}", TokenKind.RIGHT_BRACE),
            Map.entry("[", TokenKind.LEFT_BRACKET), Map.entry("]", TokenKind.RIGHT_BRACKET),
            Map.entry(",", TokenKind.COMMA), Map.entry(";", TokenKind.SEMICOLON), Map.entry("=", TokenKind.ASSIGN),
            Map.entry("+", TokenKind.PLUS), Map.entry("-", TokenKind.MINUS), Map.entry("*", TokenKind.STAR),
            Map.entry("/", TokenKind.SLASH), Map.entry("%", TokenKind.PERCENT), Map.entry("&", TokenKind.AMPERSAND),
            Map.entry("|", TokenKind.PIPE), Map.entry("^", TokenKind.CARET), Map.entry("~", TokenKind.TILDE),
            Map.entry("!", TokenKind.BANG), Map.entry("<", TokenKind.LESS), Map.entry(">", TokenKind.GREATER));

    private void operator(char c) {
        Position start = position();
        for (Map.Entry<String, TokenKind> operator : OPERATORS) {
            String spelling = operator.getKey();
            if (text.startsWith(spelling, offset)) {
                offset += spelling.length();
                TokenKind kind = operator.getValue();
                switch (kind) {
                    case LEFT_PAREN, LEFT_BRACKET -> bracketDepth++;
                    case RIGHT_PAREN, RIGHT_BRACKET -> bracketDepth = Math.max(0, bracketDepth - 1);
                    // A brace inside parentheses means they were not closed; let line breaks count
                    // again so that the parser reports the missing ')' near where it is missing.
                    case LEFT_BRACE, RIGHT_BRACE -> bracketDepth = 0;
                    default -> { }
                }
                add(kind, spelling, start);
                return;
            }
        }
        throw source.error(start, "unexpected character " + quoted(c));
    }

    private static String quoted(char c) {
        if (c < ' ' || c == 127) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
