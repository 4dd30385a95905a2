package dev.stitch.tiny;

import java.util.List;

/**
 * Text listings of {@link FunctionCode}: one instruction per line with its pc, operands, and what
 * they name (constant values, slot names, callee names), and the source line where it changes.
 *
 * <pre>
 * function fib(n): 1 slot, stack 3
 *      0  LOAD 0              ; n                     line 2
 *      2  CONST 0             ; 2
 *      4  LT
 *      5  JUMP_IF_FALSE 10
 * </pre>
 */
final class Disassembler {
    private Disassembler() {}

    /** The listing of {@code function}; {@code functions} names the callees of its calls. */
    static String listing(FunctionCode function, List<FunctionCode> functions) {
        StringBuilder out = new StringBuilder();
        out.append("function ").append(function.name()).append('(');
        for (int i = 0; i < function.parameterCount(); i++) {
            out.append(i == 0 ? "" : ", ").append(function.slotName(i));
        }
        out.append("): ").append(function.slotCount()).append(function.slotCount() == 1 ? " slot" : " slots")
                .append(", stack ").append(function.maxStack()).append('\n');
        int[] code = function.code;
        int lastLine = -1;
        for (int pc = 0; pc < code.length; pc += Opcode.size(code[pc])) {
            String instruction = instruction(function, pc);
            String comment = comment(function, pc, functions);
            StringBuilder line = new StringBuilder(String.format("  %5d  %-22s", pc, instruction));
            if (!comment.isEmpty()) {
                line.append("; ").append(comment);
            }
            int sourceLine = function.lineAt(pc);
            if (sourceLine != lastLine) {
                while (line.length() < 56) {
                    line.append(' ');
                }
                line.append("line ").append(sourceLine);
                lastLine = sourceLine;
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** {@code NAME op1 op2}. */
    static String instruction(FunctionCode function, int pc) {
        int opcode = function.code[pc];
        StringBuilder text = new StringBuilder(Opcode.name(opcode));
        for (int i = 1; i <= Opcode.operandCount(opcode); i++) {
            text.append(' ').append(function.code[pc + i]);
        }
        return text.toString();
    }

    private static String comment(FunctionCode function, int pc, List<FunctionCode> functions) {
        int[] code = function.code;
        return switch (code[pc]) {
            case Opcode.CONST -> Long.toString(function.constants[code[pc + 1]]);
            case Opcode.LOAD, Opcode.STORE -> function.slotName(code[pc + 1]);
            case Opcode.CHECK_DEFINED -> function.slotName(code[pc + 2]) + " defined?";
            case Opcode.JUMP, Opcode.JUMP_IF_FALSE, Opcode.JUMP_IF_TRUE -> code[pc + 1] <= pc ? "backward" : "";
            case Opcode.CALL -> functions.get(code[pc + 1]).name();
            case Opcode.CALL_BUILTIN -> Builtin.byCallId(code[pc + 1]).spelling();
            case Opcode.ERROR -> function.message(code[pc + 1]);
            default -> "";
        };
    }
}
