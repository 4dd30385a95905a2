package dev.stitch.tiny;

/** The kinds of tokens of tiny, each with the text error messages show for it. */
enum TokenKind {
    INTEGER("an integer"),
    IDENTIFIER("a name"),
    FN("'fn'"),
    IF("'if'"),
    ELSE("'else'"),
    WHILE("'while'"),
    BREAK("'break'"),
    CONTINUE("'continue'"),
    RETURN("'return'"),
    LEFT_PAREN("'('"),
    RIGHT_PAREN("')'"),
    LEFT_BRACE("'{'"),
    RIGHT_BRACE("'}'"),
    LEFT_BRACKET("'['"),
    RIGHT_BRACKET("']'"),
    COMMA("','"),
    SEMICOLON("';'"),
    ASSIGN("'='"),
    PLUS("'+'"),
    MINUS("'-'"),
    STAR("'*'"),
    SLASH("'/'"),
    PERCENT("'%'"),
    AMPERSAND("'&'"),
    PIPE("'|'"),
    CARET("'^'"),
    TILDE("'~'"),
    BANG("'!'"),
    SHIFT_LEFT("'<<'"),
    SHIFT_RIGHT("'>>'"),
    UNSIGNED_SHIFT_RIGHT("'>>>'"),
    LESS("'<'"),
    LESS_EQUAL("'<='"),
    GREATER("'>'"),
    GREATER_EQUAL("'>='"),
    EQUAL("'=='"),
    NOT_EQUAL("'!='"),
    AND_AND("'&&'"),
    OR_OR("'||'"),
    NEWLINE("newline"),
    END_OF_FILE("end of file");

    private final String description;

    TokenKind(String description) {
        this.description = description;
    }

    /** How error messages name a token of this kind when its own text is not shown. */
    String description() {
        return description;
    }
}
