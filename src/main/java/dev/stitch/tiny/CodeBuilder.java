package dev.stitch.tiny;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends the instructions of one function and builds its {@link FunctionCode}: deduplicated
 * constant and message pools, the line table, forward jumps patched when their label is bound.
 *
 * <p>It also tracks the operand stack depth, to size the frames ({@link FunctionCode#maxStack()}),
 * and checks the invariant the interpreter and the JIT rely on: every path reaching an
 * instruction reaches it with the same depth. A label remembers the depth of the jumps to it;
 * after an instruction that does not go on ({@link Opcode#endsBlock}) the code is unreachable
 * until a label is bound, and the depth continues from the label's.
 */
final class CodeBuilder {
    /** A jump target; bound to a pc once, jumped to any number of times, before or after. */
    static final class Label {
        private int pc = -1;
        private int depth = -1;
        private final List<Integer> unpatched = new ArrayList<>();

        boolean isBound() {
            return pc >= 0;
        }
    }

    private int[] code = new int[64];
    private int size;
    private final List<Long> constants = new ArrayList<>();
    private final Map<Long, Integer> constantIndex = new HashMap<>();
    private final List<String> messages = new ArrayList<>();
    private final Map<String, Integer> messageIndex = new HashMap<>();
    private int[] lineTable = new int[16];
    private int lineEntries;
    private int line = 1;
    private int depth;
    private int maxDepth;
    private boolean reachable = true;

    /** Sets the source line of the instructions emitted from now on. */
    void line(int sourceLine) {
        line = sourceLine;
    }

    /** The pc of the next instruction. */
    int pc() {
        return size;
    }

    /** False after a jump, return or error, until a label is bound. */
    boolean reachable() {
        return reachable;
    }

    int depth() {
        return depth;
    }

    void emit(int opcode) {
        instruction(opcode, stackEffect(opcode, 0));
    }

    void emit(int opcode, int operand) {
        instruction(opcode, stackEffect(opcode, operand), operand);
    }

    void emit(int opcode, int first, int second) {
        instruction(opcode, stackEffect(opcode, second), first, second);
    }

    void emitConstant(long value) {
        emit(Opcode.CONST, constant(value));
    }

    /** {@link Opcode#CALL_BUILTIN}, whose stack effect depends on the built-in's arity. */
    void emitBuiltinCall(Builtin builtin) {
        instruction(Opcode.CALL_BUILTIN, 1 - builtin.arity(), builtin.callId());
    }

    /** {@link Opcode#ERROR} with {@code message}; an expression raising it still counts as pushing {@code pushes} values. */
    void emitError(String message, int pushes) {
        Integer index = messageIndex.computeIfAbsent(message, m -> {
            messages.add(m);
            return messages.size() - 1;
        });
        instruction(Opcode.ERROR, 0, index);
        depth += pushes;
        maxDepth = Math.max(maxDepth, depth);
    }

    void jump(int opcode, Label target) {
        if (!Opcode.isJump(opcode)) {
            throw new IllegalArgumentException(Opcode.name(opcode) + " is not a jump");
        }
        int operandAt = size + 1;
        instruction(opcode, opcode == Opcode.JUMP ? 0 : -1, target.isBound() ? target.pc : -1);
        if (!target.isBound()) {
            target.unpatched.add(operandAt);
        }
        recordDepth(target, depth); // after the pop of a conditional jump
    }

    /**
     * Declares the stack depth at {@code label}. Needed where a label may be bound in unreachable
     * code without any jump to it yet (the false branch of {@code a && b} when neither operand
     * can be false), so that the depth of the code after it is still right.
     */
    void expectDepth(Label label, int depthThere) {
        recordDepth(label, depthThere);
    }

    void bind(Label label) {
        if (label.isBound()) {
            throw new IllegalStateException("label bound twice");
        }
        label.pc = size;
        for (int operandAt : label.unpatched) {
            code[operandAt] = size;
        }
        label.unpatched.clear();
        if (reachable) {
            recordDepth(label, depth);
        } else if (label.depth >= 0) {
            depth = label.depth;
        }
        reachable = true;
    }

    private void recordDepth(Label label, int depthThere) {
        if (label.depth < 0) {
            label.depth = depthThere;
        } else if (label.depth != depthThere) {
            throw new IllegalStateException("compiler bug: stack depth " + depthThere + " at a jump to pc "
                    + label.pc + " where it is " + label.depth);
        }
    }

    int constant(long value) {
        return constantIndex.computeIfAbsent(value, v -> {
            constants.add(v);
            return constants.size() - 1;
        });
    }

    private void instruction(int opcode, int stackEffect, int... operands) {
        if (operands.length != Opcode.operandCount(opcode)) {
            throw new IllegalArgumentException(Opcode.name(opcode) + " takes " + Opcode.operandCount(opcode)
                    + " operands, got " + operands.length);
        }
        if (lineEntries == 0 || lineTable[2 * lineEntries - 1] != line) {
            if (2 * lineEntries + 2 > lineTable.length) {
                lineTable = Arrays.copyOf(lineTable, lineTable.length * 2);
            }
            lineTable[2 * lineEntries] = size;
            lineTable[2 * lineEntries + 1] = line;
            lineEntries++;
        }
        if (size + 1 + operands.length > code.length) {
            code = Arrays.copyOf(code, Math.max(code.length * 2, size + 1 + operands.length));
        }
        code[size++] = opcode;
        for (int operand : operands) {
            code[size++] = operand;
        }
        depth += stackEffect;
        if (depth < 0) {
            throw new IllegalStateException("compiler bug: " + Opcode.name(opcode) + " at pc " + (size - 1
                    - operands.length) + " pops from an empty stack");
        }
        maxDepth = Math.max(maxDepth, depth);
        if (Opcode.endsBlock(opcode)) {
            reachable = false;
        }
    }

    /** Stack effect of the instructions whose effect is fixed or given by their (last) operand. */
    private static int stackEffect(int opcode, int lastOperand) {
        return switch (opcode) {
            case Opcode.CONST, Opcode.LOAD, Opcode.DUP -> 1;
            case Opcode.STORE, Opcode.POP, Opcode.JUMP_IF_FALSE, Opcode.JUMP_IF_TRUE, Opcode.RETURN -> -1;
            case Opcode.CHECK_DEFINED, Opcode.JUMP, Opcode.ERROR, Opcode.NEG, Opcode.NOT, Opcode.NEW_ARRAY,
                    Opcode.ALEN -> 0;
            case Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.DIV, Opcode.REM, Opcode.AND, Opcode.OR, Opcode.XOR,
                    Opcode.SHL, Opcode.SHR, Opcode.USHR, Opcode.LT, Opcode.LE, Opcode.GT, Opcode.GE, Opcode.EQ,
                    Opcode.NE, Opcode.ALOAD -> -1;
            case Opcode.ASTORE -> -3;
            case Opcode.PRINT -> -lastOperand;
            case Opcode.CALL -> 1 - lastOperand;
            default -> throw new IllegalArgumentException("no fixed stack effect for " + Opcode.name(opcode));
        };
    }

    /** The finished function; every label jumped to must be bound. */
    FunctionCode build(String name, int index, int parameterCount, List<String> slotNames, int definitionLine) {
        for (int pc = 0; pc < size; pc += Opcode.size(code[pc])) {
            if (Opcode.isJump(code[pc]) && code[pc + 1] < 0) {
                throw new IllegalStateException("compiler bug: unbound label at pc " + pc);
            }
        }
        return new FunctionCode(name, index, parameterCount, Arrays.copyOf(code, size),
                constants.stream().mapToLong(Long::longValue).toArray(), messages.toArray(String[]::new),
                slotNames.toArray(String[]::new), maxDepth, Arrays.copyOf(lineTable, 2 * lineEntries),
                definitionLine);
    }
}
