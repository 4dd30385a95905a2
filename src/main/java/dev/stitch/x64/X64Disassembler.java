package dev.stitch.x64;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns x86-64 machine code back into Intel-syntax text, exactly as
 * {@code llvm-mc -triple=x86_64 -disassemble -output-asm-variant=1} prints it:
 * {@code mov rax, qword ptr [rbx + 8]}, {@code movabs rax, -1}, {@code jmp -23} (relative
 * branches show their displacement from the end of the instruction; {@link X64Instruction#target()}
 * has the absolute address).
 *
 * <p>Decoded: everything Stitch's x86-64 assembler emits — {@code mov} in all its forms,
 * {@code movzx}, {@code movsx}, {@code movsxd}, {@code lea}, the ALU operations of {@code 00..3F}
 * and group 1, {@code test}, {@code imul}, group 3, the shifts and rotates, {@code cbw..cqo},
 * {@code setcc}, {@code cmovcc}, {@code push}/{@code pop}, relative and indirect {@code call} and
 * {@code jmp}, {@code jcc}, {@code ret}, {@code nop} and the multi-byte {@code nop}s, {@code ud2},
 * {@code int3} — and a few more ({@code inc}, {@code dec}, {@code xchg}, {@code push}/{@code pop}
 * of memory, {@code leave}, {@code ret imm16}, {@code hlt}) with every ModRM/SIB/displacement form, REX, the {@code 66} operand-size prefix
 * and, on memory operands, the {@code 2E} (CS) prefix. Any other byte, and an instruction cut
 * off by the end of the code, is one byte of {@code .byte 0xNN}; decoding then goes on at the next
 * byte (where LLVM skips bytes it cannot decode with a warning). Decoding never throws for any
 * bytes.
 *
 * <p>The opcode maps are those of Intel SDM Vol. 2, appendix A; the decoders are split by kind of
 * instruction: {@link ArithmeticDecoder}, {@link MoveDecoder}, {@link ControlFlowDecoder}.
 */
public final class X64Disassembler {
    private static final int TWO_BYTE_ESCAPE = 0x0f;

    private X64Disassembler() {}

    /**
     * Decodes the instruction at {@code code[offset]}, for code whose byte 0 is at
     * {@code address} (so the instruction is at {@code address + offset}). An undecodable or
     * truncated instruction is one byte: {@code .byte 0xNN} with length 1.
     *
     * @throws IndexOutOfBoundsException if {@code offset} is not an index of {@code code}
     */
    public static X64Instruction decode(byte[] code, int offset, long address) {
        Objects.requireNonNull(code, "code");
        Objects.checkIndex(offset, code.length);
        long at = address + offset;
        DecodeReader in = new DecodeReader(code, offset);
        String text;
        try {
            text = decodeText(in);
        } catch (DecodeReader.Truncated e) {
            text = null;
        }
        if (text == null || !in.prefixesUsed()) {
            return new X64Instruction(at, 1, String.format(".byte 0x%02x", code[offset] & 0xff), 0, false);
        }
        int length = in.length();
        if (in.hasRelative()) {
            return new X64Instruction(at, length, text, at + length + in.relative(), true);
        }
        return new X64Instruction(at, length, text, 0, false);
    }

    /** Decodes all of {@code code}, whose byte 0 is at {@code address}, one instruction after another. */
    public static List<X64Instruction> disassemble(byte[] code, long address) {
        Objects.requireNonNull(code, "code");
        List<X64Instruction> instructions = new ArrayList<>();
        for (int offset = 0; offset < code.length; ) {
            X64Instruction instruction = decode(code, offset, address);
            instructions.add(instruction);
            offset += instruction.length();
        }
        return instructions;
    }

    /** The groups own disjoint sets of opcodes: a group returns null for an opcode it does not own without reading further. */
    private static String decodeText(DecodeReader in) {
        int opcode = in.readPrefixesAndOpcode();
        if (opcode == TWO_BYTE_ESCAPE) {
            int second = in.u8();
            String text = ArithmeticDecoder.twoByte(second, in);
            if (text == null) {
                text = MoveDecoder.twoByte(second, in);
            }
            return text != null ? text : ControlFlowDecoder.twoByte(second, in);
        }
        String text = ArithmeticDecoder.oneByte(opcode, in);
        if (text == null) {
            text = MoveDecoder.oneByte(opcode, in);
        }
        return text != null ? text : ControlFlowDecoder.oneByte(opcode, in);
    }
}
