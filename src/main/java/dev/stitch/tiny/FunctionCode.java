package dev.stitch.tiny;

import java.util.Arrays;
import java.util.List;

/**
 * The compiled code of one function (or of the top level): the instructions ({@link Opcode}), the
 * constant pool of 64-bit values {@link Opcode#CONST} names, the messages of
 * {@link Opcode#ERROR}, the names of the local slots, and a line table mapping each instruction
 * to the source line it came from.
 *
 * <p>Slots 0..{@link #parameterCount()}-1 hold the arguments; the compiler numbers the others,
 * so {@link #slotCount()} is known before the function runs, as is the deepest the operand stack
 * gets ({@link #maxStack()}). Hidden flag slots (see {@link Opcode#CHECK_DEFINED}) are named
 * {@code ?name}. Immutable: the accessors return copies.
 */
public final class FunctionCode {
    /** The name of the function holding the top-level statements; no program function can have it. */
    public static final String TOP_LEVEL = "<top level>";

    private final String name;
    private final int index;
    private final int parameterCount;
    final int[] code;
    final long[] constants;
    final String[] messages;
    private final String[] slotNames;
    private final int maxStack;
    /** Pairs (first pc, line), pcs ascending: the instructions from that pc on came from that line. */
    private final int[] lineTable;
    private final int definitionLine;

    FunctionCode(String name, int index, int parameterCount, int[] code, long[] constants, String[] messages,
            String[] slotNames, int maxStack, int[] lineTable, int definitionLine) {
        this.name = name;
        this.index = index;
        this.parameterCount = parameterCount;
        this.code = code;
        this.constants = constants;
        this.messages = messages;
        this.slotNames = slotNames;
        this.maxStack = maxStack;
        this.lineTable = lineTable;
        this.definitionLine = definitionLine;
    }

    /** The function's name, or {@link #TOP_LEVEL}. */
    public String name() {
        return name;
    }

    /** Its index in {@link Program#functions()}, the operand of {@link Opcode#CALL}; 0 is the top level. */
    public int index() {
        return index;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** The number of local slots a frame of this function needs: parameters, variables, flags. */
    public int slotCount() {
        return slotNames.length;
    }

    /** The name of local slot {@code slot}: a parameter's or variable's, or {@code ?name} for a flag. */
    public String slotName(int slot) {
        return slotNames[slot];
    }

    /** The deepest the operand stack gets while this function runs (not counting callees). */
    public int maxStack() {
        return maxStack;
    }

    /** A copy of the instructions. */
    public int[] code() {
        return code.clone();
    }

    /** The number of ints of code; pcs are 0..codeLength()-1. */
    public int codeLength() {
        return code.length;
    }

    /** A copy of the constant pool. */
    public long[] constants() {
        return constants.clone();
    }

    /** The constant {@link Opcode#CONST} {@code k} pushes. */
    public long constant(int k) {
        return constants[k];
    }

    /** The message {@link Opcode#ERROR} {@code m} raises. */
    public String message(int m) {
        return messages[m];
    }

    /** The line the {@code fn} keyword was on (1 for the top level). */
    public int definitionLine() {
        return definitionLine;
    }

    /** The source line the instruction at {@code pc} came from. */
    public int lineAt(int pc) {
        // Binary search for the last entry whose first pc is <= pc.
        int low = 0;
        int high = lineTable.length / 2 - 1;
        int line = definitionLine;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (lineTable[2 * middle] <= pc) {
                line = lineTable[2 * middle + 1];
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return line;
    }

    /** The line table as pairs {@code (first pc, line)}, pcs ascending. */
    public int[] lineTable() {
        return lineTable.clone();
    }

    /** The names of the slots, parameters first. */
    public List<String> slotNames() {
        return List.of(slotNames);
    }

    @Override
    public String toString() {
        return "function " + name + "(" + String.join(", ", Arrays.asList(slotNames).subList(0, parameterCount))
                + "): " + code.length + " ints of code, " + slotNames.length + " slots, stack " + maxStack;
    }
}
