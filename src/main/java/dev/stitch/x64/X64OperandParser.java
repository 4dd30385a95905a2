package dev.stitch.x64;

import dev.stitch.text.ErrorText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the operands of one Intel-syntax statement as {@code llvm-mc} reads them after
 * {@code .intel_syntax noprefix}: registers, numbers (decimal, {@code 0x} hex, {@code 0b} binary,
 * {@code 0}-prefixed octal, with {@code +}/{@code -} between them), label names, and memory
 * operands {@code [base + index*scale + disp]}, {@code [rip + disp]}, {@code [rip + label]} with an
 * optional {@code byte/word/dword/qword ptr} size.
 */
final class X64OperandParser {
    /** A malformed operand: the 1-based column and what was wrong. */
    static final class BadOperand extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;

        BadOperand(int column, String message) {
            super(message);
            this.column = column;
        }
    }

    private final String text;
    private final int firstColumn;
    private int at;

    private X64OperandParser(String text, int firstColumn) {
        this.text = text;
        this.firstColumn = firstColumn;
    }

    /** The operands in {@code text} (comma-separated), whose first character is at column {@code firstColumn}. */
    static List<X64Operand> parse(String text, int firstColumn) {
        X64OperandParser p = new X64OperandParser(text, firstColumn);
        List<X64Operand> operands = new ArrayList<>();
        p.skipSpaces();
        if (p.at >= text.length()) {
            return operands;
        }
        while (true) {
            operands.add(p.operand());
            p.skipSpaces();
            if (p.at >= text.length()) {
                return operands;
            }
            if (text.charAt(p.at) != ',') {
                throw p.bad("expected ',' or the end of the statement, found '" + text.charAt(p.at) + "'");
            }
            p.at++;
            p.skipSpaces();
            if (p.at >= text.length()) {
                throw p.bad("expected an operand after ','");
            }
        }
    }

    private int column() {
        return firstColumn + at;
    }

    private BadOperand bad(String message) {
        return new BadOperand(column(), message);
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean identifierChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == '.' || c == '$' || (!first && Character.isDigit(c));
    }

    private String identifier() {
        int start = at;
        while (at < text.length() && identifierChar(text.charAt(at), at == start)) {
            at++;
        }
        return text.substring(start, at);
    }

    private X64Operand operand() {
        int column = column();
        char c = text.charAt(at);
        if (c == '[') {
            return memory(0, column);
        }
        if (identifierChar(c, true)) {
            int start = at;
            String word = identifier();
            int size = switch (word.toLowerCase(Locale.ROOT)) {
                case "byte" -> 1;
                case "word" -> 2;
                case "dword" -> 4;
                case "qword" -> 8;
                default -> 0;
            };
            if (size != 0) {
                skipSpaces();
                int ptrAt = at;
                String ptr = identifier();
                if (!ptr.equalsIgnoreCase("ptr")) {
                    at = ptrAt;
                    throw bad("expected 'ptr' after '" + word + "'");
                }
                skipSpaces();
                if (at >= text.length() || text.charAt(at) != '[') {
                    throw bad("expected a memory operand '[...]' after '" + word + " ptr'");
                }
                return memory(size, column);
            }
            Register r = Registers.byName(word);
            if (r != null) {
                return new X64Operand.Reg(r, column);
            }
            refuseHighByte(word, column);
            if (word.equalsIgnoreCase("rip")) {
                at = start;
                throw bad("rip can only be used in a memory operand: [rip + disp]");
            }
            return new X64Operand.Symbol(word, column);
        }
        return new X64Operand.Imm(expression(), column);
    }

    /** Numbers joined by + and -, each with an optional sign. */
    private long expression() {
        long value = signedNumber();
        while (true) {
            skipSpaces();
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                boolean minus = text.charAt(at) == '-';
                at++;
                long next = signedNumber();
                value = minus ? value - next : value + next;
            } else {
                return value;
            }
        }
    }

    private long signedNumber() {
        skipSpaces();
        boolean minus = false;
        while (at < text.length() && (text.charAt(at) == '-' || text.charAt(at) == '+')) {
            minus ^= text.charAt(at) == '-';
            at++;
            skipSpaces();
        }
        long n = number();
        return minus ? -n : n;
    }

    private long number() {
        int start = at;
        if (at >= text.length() || !Character.isDigit(text.charAt(at))) {
            throw bad(at >= text.length() ? "expected a number" : "expected a number, found '" + text.charAt(at) + "'");
        }
        while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
            at++;
        }
        String digits = text.substring(start, at).toLowerCase(Locale.ROOT);
        try {
            if (digits.startsWith("0x")) {
                return Long.parseUnsignedLong(digits.substring(2), 16);
            }
            if (digits.startsWith("0b")) {
                return Long.parseUnsignedLong(digits.substring(2), 2);
            }
            if (digits.length() > 1 && digits.startsWith("0")) {
                return Long.parseUnsignedLong(digits.substring(1), 8);
            }
            return Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            at = start;
            throw bad("'" + ErrorText.excerpt(digits) + "' is not a number that fits in 64 bits");
        }
    }

    /** {@code [ term (+|- term)* ]}: registers (optionally scaled), numbers, and with rip a label. */
    private X64Operand memory(int size, int column) {
        at++; // '['
        Register base = null;
        Register index = null;
        int scale = 1;
        long disp = 0;
        boolean rip = false;
        String label = null;
        boolean minus = false;
        boolean first = true;
        while (true) {
            skipSpaces();
            if (at >= text.length()) {
                throw bad("expected ']' to close the memory operand");
            }
            char c = text.charAt(at);
            if (!first || c == '-' || c == '+') {
                if (c == ']' && !first) {
                    at++;
                    break;
                }
                if (c != '+' && c != '-') {
                    throw bad("expected '+', '-' or ']' in a memory operand, found '" + c + "'");
                }
                char operator = c;
                minus = c == '-';
                at++;
                skipSpaces();
                if (!first && operator == '+' && at < text.length() && text.charAt(at) == '-') {
                    // [rdi + -86]: llvm-mc takes one minus after a plus (not after a minus, not two)
                    minus = true;
                    at++;
                    skipSpaces();
                }
                if (at >= text.length()) {
                    throw bad("expected a register or number after '" + operator + "'");
                }
                c = text.charAt(at);
            }
            first = false;
            int termColumn = column();
            if (Character.isDigit(c)) {
                long n = number();
                skipSpaces();
                if (at < text.length() && text.charAt(at) == '*') {
                    at++;
                    skipSpaces();
                    int regColumn = column();
                    Register r = Registers.byName(identifier());
                    if (r == null) {
                        throw new BadOperand(regColumn, "expected an index register after '" + n + "*'");
                    }
                    if (minus) {
                        throw new BadOperand(termColumn, "an index register cannot be subtracted");
                    }
                    if (index != null) {
                        throw new BadOperand(regColumn, "a memory operand has at most one index register");
                    }
                    index = r;
                    scale = scaleOf(n, termColumn);
                } else {
                    disp = minus ? disp - n : disp + n;
                }
                continue;
            }
            if (!identifierChar(c, true)) {
                throw bad("expected a register, number or label in a memory operand, found '" + c + "'");
            }
            String word = identifier();
            if (word.equalsIgnoreCase("rip")) {
                if (minus || rip || base != null || index != null) {
                    throw new BadOperand(termColumn, "rip must be the only register of a memory operand: [rip + disp]");
                }
                rip = true;
                continue;
            }
            Register r = Registers.byName(word);
            if (r == null) {
                refuseHighByte(word, termColumn);
                if (!rip) {
                    throw new BadOperand(termColumn, "a label in a memory operand must be RIP-relative: [rip + "
                            + ErrorText.excerpt(word) + "]");
                }
                if (label != null || minus) {
                    throw new BadOperand(termColumn, "a memory operand can add one label: [rip + label + disp]");
                }
                label = word;
                continue;
            }
            if (rip) {
                throw new BadOperand(termColumn, "rip must be the only register of a memory operand: [rip + disp]");
            }
            if (minus) {
                throw new BadOperand(termColumn, "a register cannot be subtracted in a memory operand");
            }
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '*') {
                at++;
                skipSpaces();
                int scaleColumn = column();
                long n = number();
                if (index != null) {
                    throw new BadOperand(termColumn, "a memory operand has at most one index register");
                }
                index = r;
                scale = scaleOf(n, scaleColumn);
            } else if (base == null) {
                base = r;
            } else if (index == null) {
                index = r;
            } else {
                throw new BadOperand(termColumn, "a memory operand has at most a base and an index register");
            }
        }
        skipSpaces();
        if (index != null && base != null && index.number() == 4 && scale == 1 && index.bits() == 64) {
            // [rbp + rsp]: rsp cannot be an index, so LLVM swaps the two.
            Register swap = base;
            base = index;
            index = swap;
        }
        if (disp < Integer.MIN_VALUE || disp > Integer.MAX_VALUE) {
            throw new BadOperand(column, "displacement " + disp + " does not fit in 32 bits; allowed -2147483648..2147483647");
        }
        return new X64Operand.Memory(base, index, scale, disp, size, rip, label, column);
    }

    /**
     * {@code ah}, {@code ch}, {@code dh} and {@code bh} are not modelled ({@link Register}); say so
     * rather than take one for a label.
     */
    private static void refuseHighByte(String word, int column) {
        String name = word.toLowerCase(Locale.ROOT);
        if (name.equals("ah") || name.equals("ch") || name.equals("dh") || name.equals("bh")) {
            throw new BadOperand(column, "high-byte register " + name + " is not supported; the byte registers are "
                    + "al, cl, dl, bl, spl, bpl, sil, dil and r8b..r15b (use shr to reach bits 8..15)");
        }
    }

    private static int scaleOf(long n, int column) {
        if (n != 1 && n != 2 && n != 4 && n != 8) {
            throw new BadOperand(column, "scale must be 1, 2, 4 or 8, got " + n);
        }
        return (int) n;
    }
}
