package dev.stitch.tiny;

/**
 * The instructions of tiny's stack bytecode. A function's code is an {@code int[]}: each
 * instruction is its opcode followed by its operands (0, 1 or 2 ints, see {@link #operandCount}).
 * Values are 64-bit integers on an operand stack; binary operations pop the right operand first
 * ({@code a b SUB} computes {@code a - b}), as {@link dev.stitch.stencil.Uop} does, and most
 * instructions are one uop, so that a trace recorder can translate them one by one.
 *
 * <p>Opcodes are {@code int} constants rather than an enum so that the interpreter's
 * {@code switch} over the code array compiles to a jump table without an ordinal lookup.
 *
 * <table>
 *   <caption>Instructions (operands in code order; stack before → after)</caption>
 *   <tr><th>instruction</th><th>stack</th><th>what it does</th></tr>
 *   <tr><td>CONST k</td><td>→ v</td><td>pushes constant {@code k} of the function's constant pool</td></tr>
 *   <tr><td>LOAD s</td><td>→ v</td><td>pushes local slot {@code s}</td></tr>
 *   <tr><td>STORE s</td><td>v →</td><td>pops into local slot {@code s}</td></tr>
 *   <tr><td>CHECK_DEFINED f s</td><td>—</td><td>"undefined variable NAME" (the name of slot
 *       {@code s}) unless flag slot {@code f} is non-zero; see {@link DefiniteAssignment}</td></tr>
 *   <tr><td>DUP, POP</td><td>a → a a; a →</td><td></td></tr>
 *   <tr><td>ADD SUB MUL</td><td>a b → r</td><td>wrapping, as Java's {@code long}</td></tr>
 *   <tr><td>DIV REM</td><td>a b → r</td><td>truncating, as Java; "division by zero" when b is 0</td></tr>
 *   <tr><td>AND OR XOR</td><td>a b → r</td><td>bitwise</td></tr>
 *   <tr><td>SHL SHR USHR</td><td>a b → r</td><td>{@code << >> >>>} by {@code b & 63}</td></tr>
 *   <tr><td>NEG NOT</td><td>a → r</td><td>{@code -a}, {@code ~a}</td></tr>
 *   <tr><td>LT LE GT GE EQ NE</td><td>a b → 0|1</td><td>signed comparisons</td></tr>
 *   <tr><td>JUMP t</td><td>—</td><td>continues at {@code t}</td></tr>
 *   <tr><td>JUMP_IF_FALSE t, JUMP_IF_TRUE t</td><td>c →</td><td>pops c; jumps if it is zero / non-zero</td></tr>
 *   <tr><td>NEW_ARRAY</td><td>n → ref</td><td>allocates n zeros in the {@link ArrayHeap}</td></tr>
 *   <tr><td>ALOAD</td><td>ref i → v</td><td></td></tr>
 *   <tr><td>ASTORE</td><td>ref i v →</td><td></td></tr>
 *   <tr><td>ALEN</td><td>ref → n</td><td></td></tr>
 *   <tr><td>PRINT n</td><td>v1..vn →</td><td>prints the values space-separated, then a newline</td></tr>
 *   <tr><td>CALL f n</td><td>a1..an → r</td><td>calls function {@code f} of the program with n arguments</td></tr>
 *   <tr><td>CALL_BUILTIN b</td><td>args → r</td><td>{@link Builtin#callId()} {@code b}: abs (1 argument), min, max (2)</td></tr>
 *   <tr><td>RETURN</td><td>r →</td><td>returns r to the caller (from the top level: ends the run)</td></tr>
 *   <tr><td>ERROR m</td><td>—</td><td>raises message {@code m} of the function's message pool: the
 *       runtime errors the compiler already knows of (unknown function, wrong argument count)</td></tr>
 * </table>
 *
 * <p>Every jump the compiler emits backwards is an unconditional {@code JUMP} to a loop head
 * (the end of a loop body, or {@code continue}), and the operand stack is empty there because
 * loops are statements. The interpreter calls {@link InterpreterHooks#onBackwardJump} for every
 * backward jump taken, conditional ones included.
 */
public final class Opcode {
    public static final int CONST = 0;
    public static final int LOAD = 1;
    public static final int STORE = 2;
    public static final int CHECK_DEFINED = 3;
    public static final int DUP = 4;
    public static final int POP = 5;
    public static final int ADD = 6;
    public static final int SUB = 7;
    public static final int MUL = 8;
    public static final int DIV = 9;
    public static final int REM = 10;
    public static final int AND = 11;
    public static final int OR = 12;
    public static final int XOR = 13;
    public static final int SHL = 14;
    public static final int SHR = 15;
    public static final int USHR = 16;
    public static final int NEG = 17;
    public static final int NOT = 18;
    public static final int LT = 19;
    public static final int LE = 20;
    public static final int GT = 21;
    public static final int GE = 22;
    public static final int EQ = 23;
    public static final int NE = 24;
    public static final int JUMP = 25;
    public static final int JUMP_IF_FALSE = 26;
    public static final int JUMP_IF_TRUE = 27;
    public static final int NEW_ARRAY = 28;
    public static final int ALOAD = 29;
    public static final int ASTORE = 30;
    public static final int ALEN = 31;
    public static final int PRINT = 32;
    public static final int CALL = 33;
    public static final int CALL_BUILTIN = 34;
    public static final int RETURN = 35;
    public static final int ERROR = 36;

    /** The number of opcodes; opcodes are 0..COUNT-1. */
    public static final int COUNT = 37;

    private static final String[] NAMES = {
        "CONST", "LOAD", "STORE", "CHECK_DEFINED", "DUP", "POP",
        "ADD", "SUB", "MUL", "DIV", "REM", "AND", "OR", "XOR", "SHL", "SHR", "USHR",
        "NEG", "NOT", "LT", "LE", "GT", "GE", "EQ", "NE",
        "JUMP", "JUMP_IF_FALSE", "JUMP_IF_TRUE",
        "NEW_ARRAY", "ALOAD", "ASTORE", "ALEN", "PRINT", "CALL", "CALL_BUILTIN", "RETURN", "ERROR",
    };

    private Opcode() {}

    /** The name of {@code opcode}, such as {@code "JUMP_IF_FALSE"}. */
    public static String name(int opcode) {
        check(opcode);
        return NAMES[opcode];
    }

    /** The number of int operands that follow {@code opcode} in the code. */
    public static int operandCount(int opcode) {
        check(opcode);
        return switch (opcode) {
            case CONST, LOAD, STORE, JUMP, JUMP_IF_FALSE, JUMP_IF_TRUE, PRINT, CALL_BUILTIN, ERROR -> 1;
            case CHECK_DEFINED, CALL -> 2;
            default -> 0;
        };
    }

    /** The number of ints the instruction takes in the code: 1 + {@link #operandCount}. */
    public static int size(int opcode) {
        return 1 + operandCount(opcode);
    }

    /** True for the jumps, whose single operand is a target pc. */
    public static boolean isJump(int opcode) {
        return opcode == JUMP || opcode == JUMP_IF_FALSE || opcode == JUMP_IF_TRUE;
    }

    /** True if control never goes on to the next instruction. */
    public static boolean endsBlock(int opcode) {
        return opcode == JUMP || opcode == RETURN || opcode == ERROR;
    }

    private static void check(int opcode) {
        if (opcode < 0 || opcode >= COUNT) {
            throw new IllegalArgumentException("unknown opcode " + opcode + "; opcodes are 0.." + (COUNT - 1));
        }
    }
}
