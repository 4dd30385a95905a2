package dev.stitch.x64;

import java.util.Objects;
import java.util.function.LongFunction;

/**
 * One decoded x86-64 instruction: where it is, how many bytes it takes, and its Intel-syntax text
 * exactly as {@code llvm-mc -triple=x86_64 -disassemble -output-asm-variant=1} prints it.
 *
 * <p>{@code target} is meaningful only when {@code hasTarget} is true: for a relative
 * {@code jmp}, {@code jcc} or {@code call} it is the absolute address the branch goes to, and for a
 * RIP-relative memory operand ({@code [rip + disp]}) the absolute address the operand refers to.
 * In both cases the text shows the displacement LLVM prints ({@code jmp -23}, {@code [rip + 16]}),
 * which is relative to the end of the instruction; {@link #textWithTarget(String)} replaces it by a
 * name for listings.
 *
 * @param address   the address of the first byte
 * @param length    1..15 bytes
 * @param text      the Intel-syntax text, or {@code .byte 0xNN} for one byte that does not decode
 * @param target    the absolute target address, when {@code hasTarget}
 * @param hasTarget whether the instruction has a relative branch target or a RIP-relative operand
 */
public record X64Instruction(long address, int length, String text, long target, boolean hasTarget) {
    private static final String RIP_OPERAND = "[rip";

    public X64Instruction {
        Objects.requireNonNull(text, "text");
        if (length < 1 || length > 15) {
            throw new IllegalArgumentException("an x86-64 instruction is 1..15 bytes long, got " + length);
        }
    }

    /** The address just past the instruction, where the next one starts. */
    public long nextAddress() {
        return address + length;
    }

    /** True for a byte that does not decode, whose text is {@code .byte 0xNN}. */
    public boolean isUndecoded() {
        return text.startsWith(".byte ");
    }

    /**
     * The text with the target written as {@code name}: {@code jmp name}, {@code je name},
     * {@code call name}, {@code mov rax, qword ptr [name]}, {@code lea rdi, [name]}. Without a
     * target, the text itself.
     */
    public String textWithTarget(String name) {
        Objects.requireNonNull(name, "name");
        if (!hasTarget) {
            return text;
        }
        int rip = text.indexOf(RIP_OPERAND);
        if (rip >= 0) {
            int close = text.indexOf(']', rip);
            return text.substring(0, rip + 1) + name + text.substring(close);
        }
        // A relative branch: "mnemonic displacement", the displacement being the last word.
        return text.substring(0, text.lastIndexOf(' ') + 1) + name;
    }

    /**
     * The text with the target named by {@code names} (a symbol table lookup, say) when it gives a
     * name for {@link #target()}, else the plain text.
     */
    public String textWithTarget(LongFunction<String> names) {
        if (!hasTarget) {
            return text;
        }
        String name = names.apply(target);
        return name == null ? text : textWithTarget(name);
    }
}
