package dev.stitch.a64;

import dev.stitch.text.ErrorText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the operand text of one instruction into {@link Operand}s. */
final class OperandParser {
    private static final Map<String, Register> REGISTERS = registers();
    private static final Pattern VECTOR_ELEMENT =
            Pattern.compile("[vV]([0-9]{1,2})\\.([bhsdBHSD])\\[([0-9]{1,2})\\]");

    /** Thrown for text that is no operand at all; the parser adds the location. */
    static final class BadOperand extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int column;

        BadOperand(int column, String message) {
            super(message);
            this.column = column;
        }
    }

    private OperandParser() {}

    private static Map<String, Register> registers() {
        Map<String, Register> map = new HashMap<>();
        for (int i = 0; i < 31; i++) {
            map.put("x" + i, Registers.x(i));
            map.put("w" + i, Registers.w(i));
        }
        map.put("xzr", Registers.XZR);
        map.put("wzr", Registers.WZR);
        map.put("sp", Registers.SP);
        map.put("wsp", Registers.WSP);
        map.put("fp", Registers.FP);
        map.put("lr", Registers.LR);
        for (FpWidth width : FpWidth.values()) {
            for (int i = 0; i < 32; i++) {
                map.put(width.prefix() + i, Registers.v(i, width));
            }
        }
        return Map.copyOf(map);
    }

    /** The register named {@code name} (any case), or null. */
    static Register register(String name) {
        return REGISTERS.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses the operands in {@code text}, which starts at 1-based column {@code column} of its line.
     */
    static List<Operand> parse(String text, int column) {
        List<Operand> operands = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String piece = text.substring(start, i);
                int lead = piece.length() - piece.stripLeading().length();
                String trimmed = piece.strip();
                int at = column + start + lead;
                if (trimmed.isEmpty()) {
                    if (i < text.length() || !operands.isEmpty() || start > 0) {
                        throw new BadOperand(at, "expected an operand");
                    }
                } else {
                    operands.add(operand(trimmed, at));
                }
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new BadOperand(column, "unbalanced brackets in '" + ErrorText.excerpt(text.strip()) + "'");
        }
        return operands;
    }

    static Operand operand(String text, int column) {
        char first = text.charAt(0);
        if (first == '[') {
            return memory(text, column);
        }
        if (first == '=') {
            return new Operand.PoolConstant(integer(text.substring(1).strip(), text, column), text, column);
        }
        if (first == '#') {
            return immediate(text.substring(1).strip(), text, column);
        }
        if (first == '-' || first == '+' || Character.isDigit(first)) {
            return immediate(text, text, column);
        }
        Matcher element = VECTOR_ELEMENT.matcher(text);
        if (element.matches()) {
            int n = Integer.parseInt(element.group(1));
            if (n > 31) {
                throw new BadOperand(column, "vector register v" + n + " does not exist; allowed v0..v31");
            }
            return new Operand.VectorElement(Registers.v(n, FpWidth.Q), Character.toLowerCase(element.group(2).charAt(0)),
                    Integer.parseInt(element.group(3)), text, column);
        }
        String[] words = text.split("\\s+", 2);
        String head = words[0].toLowerCase(Locale.ROOT);
        Shift shift = shift(head);
        if (shift != null) {
            if (words.length < 2) {
                throw new BadOperand(column, "expected an amount after '" + words[0] + "', such as '" + head + " #2'");
            }
            return new Operand.ShiftOp(shift, amountOf(words[1], text, column), text, column);
        }
        Extend extend = extend(head);
        if (extend != null) {
            Integer amount = words.length < 2 ? null : amountOf(words[1], text, column);
            return new Operand.ExtendOp(extend, amount, text, column);
        }
        if (words.length > 1) {
            throw new BadOperand(column, "unexpected text '" + ErrorText.excerpt(text) + "'");
        }
        Register register = register(text);
        if (register != null) {
            return new Operand.Reg(register, text, column);
        }
        if (!isIdentifier(text)) {
            throw new BadOperand(column, "expected a register, an immediate, a label or a modifier, found '"
                    + ErrorText.excerpt(text) + "'");
        }
        return new Operand.Ident(text, text, column);
    }

    /**
     * A shift or extend amount. Only what could not fit the instruction's field without being cut
     * is refused here (so nothing is silently truncated); each instruction checks its own range.
     */
    private static int amountOf(String amount, String text, int column) {
        String value = amount.strip();
        if (value.startsWith("#")) {
            value = value.substring(1).strip();
        }
        long parsed = integer(value, text, column);
        if (parsed < 0 || parsed > 0xffff) {
            throw new BadOperand(column, "amount " + parsed + " in '" + text + "' is out of range; allowed 0..63");
        }
        return (int) parsed;
    }

    private static boolean isIdentifier(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$')) {
                return false;
            }
        }
        return !Character.isDigit(text.charAt(0));
    }

    private static Shift shift(String word) {
        return switch (word) {
            case "lsl" -> Shift.LSL;
            case "lsr" -> Shift.LSR;
            case "asr" -> Shift.ASR;
            case "ror" -> Shift.ROR;
            default -> null;
        };
    }

    private static Extend extend(String word) {
        for (Extend e : Extend.values()) {
            if (e.text().equals(word)) {
                return e;
            }
        }
        return null;
    }

    private static Operand immediate(String value, String text, int column) {
        String lower = value.toLowerCase(Locale.ROOT);
        boolean hex = lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
        if (!hex && (lower.contains(".") || lower.contains("e") || lower.equals("inf") || lower.equals("nan"))) {
            try {
                return new Operand.FpImm(Double.parseDouble(value), text, column);
            } catch (NumberFormatException e) {
                throw new BadOperand(column, "expected a number, found '" + ErrorText.excerpt(text) + "'");
            }
        }
        return new Operand.Imm(integer(value, text, column), text, column);
    }

    /** Decimal or {@code 0x} hexadecimal, with an optional sign; 64-bit two's complement wraps allowed. */
    static long integer(String value, String text, int column) {
        String digits = value.strip();
        boolean negative = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            negative = digits.charAt(0) == '-';
            digits = digits.substring(1).strip();
        }
        try {
            long magnitude;
            if (digits.toLowerCase(Locale.ROOT).startsWith("0x")) {
                magnitude = Long.parseUnsignedLong(digits.substring(2), 16);
            } else {
                magnitude = Long.parseUnsignedLong(digits);
            }
            return negative ? -magnitude : magnitude;
        } catch (NumberFormatException e) {
            throw new BadOperand(column, "expected an integer (decimal or 0x hexadecimal), found '"
                    + ErrorText.excerpt(text) + "'");
        }
    }

    private static int indexOfBracket(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == ']' || c == '{' || c == '}') {
                return i;
            }
        }
        return -1;
    }

    private static Operand memory(String text, int column) {
        int close = text.lastIndexOf(']');
        String after = text.substring(close + 1).strip();
        boolean writeBack = after.equals("!");
        if (!after.isEmpty() && !writeBack) {
            throw new BadOperand(column + close + 1, "expected '!' or nothing after ']', found '" + ErrorText.excerpt(after) + "'");
        }
        String between = text.substring(1, close);
        int nested = indexOfBracket(between);
        if (nested >= 0) {
            // Refused here, not by recursing once per '[' (2,000 of them overflowed the stack).
            throw new BadOperand(column + 1 + nested, "a memory operand cannot contain '" + between.charAt(nested)
                    + "': expected [xN], [xN, #imm] or [xN, xM{, modifier}]");
        }
        List<Operand> inside = parse(between, column + 1);
        if (inside.isEmpty() || !(inside.get(0) instanceof Operand.Reg base)
                || !(base.register() instanceof GpRegister gp) || !gp.is64()) {
            throw new BadOperand(column + 1, "expected a 64-bit base register (x0..x30 or sp) after '['");
        }
        if (inside.size() > 3) {
            throw new BadOperand(inside.get(3).column(), "too many parts in memory operand '" + text + "'");
        }
        Operand offset = inside.size() > 1 ? inside.get(1) : null;
        Operand modifier = inside.size() > 2 ? inside.get(2) : null;
        if (offset != null && !(offset instanceof Operand.Imm) && !(offset instanceof Operand.Reg)) {
            throw new BadOperand(offset.column(), "expected an immediate or a register as the offset, found '"
                    + offset.text() + "'");
        }
        if (modifier != null && !(modifier instanceof Operand.ShiftOp) && !(modifier instanceof Operand.ExtendOp)) {
            throw new BadOperand(modifier.column(), "expected 'lsl #n' or an extend such as 'sxtw #n', found '"
                    + modifier.text() + "'");
        }
        return new Operand.Mem(gp, offset, modifier, writeBack, text, column);
    }
}
