package dev.stitch.x64;

/**
 * One parsed operand of an Intel-syntax statement, with the 1-based column it starts at (for
 * messages).
 */
sealed interface X64Operand {
    /** 1-based column in the source line. */
    int column();

    /** A register: {@code rax}, {@code r8d}, {@code sil}. */
    record Reg(Register register, int column) implements X64Operand {}

    /** An immediate number: {@code 42}, {@code -0x80}. */
    record Imm(long value, int column) implements X64Operand {}

    /** A label name used as a jump or call target. */
    record Symbol(String name, int column) implements X64Operand {}

    /**
     * {@code [base + index*scale + disp]}, {@code [rip + disp]} or {@code [rip + label + disp]},
     * with its {@code ptr} size in bytes (0 when none was written).
     */
    record Memory(Register base, Register index, int scale, long disp, int size, boolean rip, String label,
                  int column) implements X64Operand {}
}
