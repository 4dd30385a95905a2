package dev.stitch.tiny;

import java.util.Arrays;
import java.util.Optional;

/**
 * The built-in functions. {@code print}, {@code array} and {@code len} compile to their own
 * instructions ({@link Opcode#PRINT}, {@link Opcode#NEW_ARRAY}, {@link Opcode#ALEN}); the others
 * to {@link Opcode#CALL_BUILTIN} with their {@link #callId()}. A program cannot define a function
 * with a built-in's name.
 */
public enum Builtin {
    /** {@code print(a, b, ...)}: the values separated by spaces, then a newline. Any number of arguments; yields 0. */
    PRINT("print", -1, -1),
    /** {@code array(n)}: a new zero-filled array of n elements; yields its reference number. */
    ARRAY("array", 1, -1),
    /** {@code len(a)}: the number of elements of array a. */
    LEN("len", 1, -1),
    /** {@code abs(x)}, wrapping as {@link Math#abs(long)}: {@code abs(Long.MIN_VALUE)} is {@code Long.MIN_VALUE}. */
    ABS("abs", 1, 0),
    /** {@code min(a, b)}. */
    MIN("min", 2, 1),
    /** {@code max(a, b)}. */
    MAX("max", 2, 2);

    /** {@link #callId()} of {@link #ABS}, as a constant for the interpreter's switch. */
    public static final int ABS_ID = 0;
    /** {@link #callId()} of {@link #MIN}. */
    public static final int MIN_ID = 1;
    /** {@link #callId()} of {@link #MAX}. */
    public static final int MAX_ID = 2;

    private final String spelling;
    private final int arity;
    private final int callId;

    Builtin(String spelling, int arity, int callId) {
        this.spelling = spelling;
        this.arity = arity;
        this.callId = callId;
    }

    /** The name programs call it by. */
    public String spelling() {
        return spelling;
    }

    /** The number of arguments it takes, or -1 for any number. */
    public int arity() {
        return arity;
    }

    /** The operand of {@link Opcode#CALL_BUILTIN} that calls it, or -1 if it has its own instruction. */
    public int callId() {
        return callId;
    }

    /** The built-in called {@code name}, if there is one. */
    public static Optional<Builtin> named(String name) {
        return Arrays.stream(values()).filter(b -> b.spelling.equals(name)).findFirst();
    }

    /** The built-in whose {@link #callId()} is {@code callId}. */
    public static Builtin byCallId(int callId) {
        return switch (callId) {
            case ABS_ID -> ABS;
            case MIN_ID -> MIN;
            case MAX_ID -> MAX;
            default -> throw new IllegalArgumentException("no built-in has call id " + callId + "; allowed 0..2");
        };
    }
}
