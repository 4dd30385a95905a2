package dev.stitch.a64;

import java.util.List;
import java.util.function.Function;

/**
 * One instruction of assembly text: its mnemonic, its operands, and accessors that check each
 * operand's shape and throw an {@link A64SyntaxException} at the operand's column otherwise.
 */
final class ParsedInstruction {
    private final String mnemonic;
    private final List<Operand> operands;
    private final SourcePosition position;
    private final Function<String, Label> labels;

    /** Where a statement stands, for messages. */
    record SourcePosition(String file, int line, int column, String sourceLine) {}

    ParsedInstruction(String mnemonic, List<Operand> operands, SourcePosition position, Function<String, Label> labels) {
        this.mnemonic = mnemonic;
        this.operands = operands;
        this.position = position;
        this.labels = labels;
    }

    /** The mnemonic in lower case, such as {@code add} or {@code b.eq}. */
    String mnemonic() {
        return mnemonic;
    }

    int count() {
        return operands.size();
    }

    Operand operand(int index) {
        return operands.get(index);
    }

    /** An error at the mnemonic. */
    A64SyntaxException error(String message) {
        return new A64SyntaxException(position.file(), position.line(), position.column(), position.sourceLine(),
                message, null);
    }

    /** An error at operand {@code index} (or at the end of the line if there is no such operand). */
    A64SyntaxException error(int index, String message) {
        int column = index < operands.size() ? operands.get(index).column() : position.sourceLine().length() + 1;
        return new A64SyntaxException(position.file(), position.line(), column, position.sourceLine(), message, null);
    }

    /** "expected X, found 'text'" at operand {@code index}. */
    A64SyntaxException expected(int index, String what) {
        String found = index < operands.size() ? "found '" + operands.get(index).text() + "'" : "found the end of the line";
        return error(index, mnemonic + ": operand " + (index + 1) + ": expected " + what + ", " + found);
    }

    /** Requires exactly one of the given operand counts. */
    void expectCount(int... allowed) {
        for (int n : allowed) {
            if (operands.size() == n) {
                return;
            }
        }
        StringBuilder counts = new StringBuilder();
        for (int n : allowed) {
            counts.append(counts.isEmpty() ? "" : " or ").append(n);
        }
        int at = Math.min(operands.size(), allowed[allowed.length - 1]);
        throw error(at, mnemonic + ": expected " + counts + " operands, found " + operands.size());
    }

    boolean isGp(int index) {
        return index < operands.size() && operands.get(index) instanceof Operand.Reg r && r.register() instanceof GpRegister;
    }

    boolean isFp(int index) {
        return index < operands.size() && operands.get(index) instanceof Operand.Reg r && r.register() instanceof FpRegister;
    }

    boolean isImm(int index) {
        return index < operands.size() && operands.get(index) instanceof Operand.Imm;
    }

    boolean isMem(int index) {
        return index < operands.size() && operands.get(index) instanceof Operand.Mem;
    }

    boolean isIdent(int index) {
        return index < operands.size() && operands.get(index) instanceof Operand.Ident;
    }

    GpRegister gp(int index) {
        if (isGp(index)) {
            return (GpRegister) ((Operand.Reg) operands.get(index)).register();
        }
        throw expected(index, "a general-purpose register");
    }

    FpRegister fp(int index) {
        if (isFp(index)) {
            return (FpRegister) ((Operand.Reg) operands.get(index)).register();
        }
        throw expected(index, "an FP/SIMD register");
    }

    long imm(int index) {
        if (isImm(index)) {
            return ((Operand.Imm) operands.get(index)).value();
        }
        throw expected(index, "an immediate such as #4");
    }

    /**
     * Operand {@code index} as an int immediate. A value beyond 32 bits is out of range for every
     * instruction, so it is refused here, before narrowing could hide it.
     */
    int intImm(int index) {
        long value = imm(index);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(index, mnemonic + ": immediate " + value + " is out of range; allowed values fit in 32 bits,"
                    + " and the instruction's own range is narrower");
        }
        return (int) value;
    }

    Operand.ShiftOp shift(int index) {
        if (index < operands.size() && operands.get(index) instanceof Operand.ShiftOp s) {
            return s;
        }
        throw expected(index, "a shift such as 'lsl #2'");
    }

    Operand.ExtendOp extend(int index) {
        if (index < operands.size() && operands.get(index) instanceof Operand.ExtendOp e) {
            return e;
        }
        throw expected(index, "an extend such as 'uxtw #2'");
    }

    Operand.Mem mem(int index) {
        if (isMem(index)) {
            return (Operand.Mem) operands.get(index);
        }
        throw expected(index, "a memory operand such as [x0, #8]");
    }

    String ident(int index) {
        if (isIdent(index)) {
            return ((Operand.Ident) operands.get(index)).name();
        }
        throw expected(index, "a name");
    }

    Condition condition(int index) {
        String name = ident(index);
        try {
            return Condition.fromName(name);
        } catch (IllegalArgumentException e) {
            throw error(index, mnemonic + ": " + e.getMessage());
        }
    }

    /** The label named by operand {@code index}, created on first mention. */
    Label label(int index) {
        return labels.apply(ident(index));
    }
}
