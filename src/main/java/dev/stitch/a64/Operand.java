package dev.stitch.a64;

/**
 * One parsed operand of an assembly instruction, with where it stood in the line. The parser
 * decides only the syntactic shape; what an operand means is up to the instruction.
 */
sealed interface Operand {
    /** The operand's text as written, for messages. */
    String text();

    /** 1-based column of its first character. */
    int column();

    /** A register name: {@code x0}, {@code wsp}, {@code lr}, {@code d3}... */
    record Reg(Register register, String text, int column) implements Operand {}

    /** An integer, with or without {@code #}: {@code #12}, {@code #-0x10}, {@code 7}. */
    record Imm(long value, String text, int column) implements Operand {}

    /** A floating-point immediate: {@code #1.5}, {@code #-2.0e1}. */
    record FpImm(double value, String text, int column) implements Operand {}

    /** A shift modifier: {@code lsl #12}. */
    record ShiftOp(Shift shift, int amount, String text, int column) implements Operand {}

    /** An extend modifier: {@code sxtw}, {@code uxtw #2}; {@code amount} is null when not written. */
    record ExtendOp(Extend extend, Integer amount, String text, int column) implements Operand {}

    /**
     * A memory operand {@code [base{, offset}]}{@code !}: {@code offset} is null, an {@link Imm}, or
     * a {@link Reg} optionally followed by a {@code modifier} ({@link ShiftOp} or {@link ExtendOp}).
     */
    record Mem(GpRegister base, Operand offset, Operand modifier, boolean writeBack, String text, int column)
            implements Operand {}

    /**
     * One element of a vector register: {@code v12.d[1]} is {@code vector} q12, {@code size} 'd',
     * {@code index} 1.
     */
    record VectorElement(FpRegister vector, char size, int index, String text, int column) implements Operand {}

    /** A literal-pool constant: {@code =0x1234}. */
    record PoolConstant(long value, String text, int column) implements Operand {}

    /** Any other word: a label name, a condition, a barrier option, a system register... */
    record Ident(String name, String text, int column) implements Operand {}
}
