package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Byte corpora for what LLVM's assembler never produces from text but Stitch's assembler (or any
 * other) may emit: relative branches with every condition and edge displacement, the
 * register-register forms of the other direction ({@code 8B} for {@code 89}), {@code C7 /0} with a
 * register, displacements wider than needed, SIB forms with {@code riz}, redundant REX, the
 * {@code 66} and {@code 2E} prefixes, and LLVM's padding {@code nop}s. Each must decode exactly as
 * llvm-mc decodes it.
 */
class X64DisassemblerEncodingsTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] le(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private static byte[] join(byte[]... parts) {
        return X64DisassemblerCheck.concat(List.of(parts));
    }

    static List<byte[]> branches() {
        List<byte[]> out = new ArrayList<>();
        long[] rel8 = {0, 1, -1, 2, -2, 127, -128, 16, -23};
        long[] rel32 = {0, 1, -1, 127, 128, -128, -129, 0x12345678, 2147483647L, -2147483648L};
        for (int cc = 0; cc < 16; cc++) {
            for (long d : rel8) {
                out.add(join(new byte[] {(byte) (0x70 + cc)}, le(d, 1)));
            }
            for (long d : rel32) {
                out.add(join(new byte[] {0x0f, (byte) (0x80 + cc)}, le(d, 4)));
            }
        }
        for (long d : rel8) {
            out.add(join(new byte[] {(byte) 0xeb}, le(d, 1)));
        }
        for (long d : rel32) {
            out.add(join(new byte[] {(byte) 0xe9}, le(d, 4)));
            out.add(join(new byte[] {(byte) 0xe8}, le(d, 4)));
            out.add(join(bytes("48 e8"), le(d, 4)));
        }
        return out;
    }

    static List<byte[]> otherEncodings() {
        List<byte[]> out = new ArrayList<>();
        // The RM direction of register-register operations (LLVM's assembler picks MR).
        for (int opcode : new int[] {0x02, 0x03, 0x0a, 0x0b, 0x12, 0x13, 0x1a, 0x1b, 0x22, 0x23, 0x2a, 0x2b,
                0x32, 0x33, 0x3a, 0x3b, 0x8a, 0x8b}) {
            for (String rex : new String[] {"", "40", "41", "44", "45", "48", "4d", "66"}) {
                if (rex.equals("66") && (opcode & 1) == 0) {
                    continue; // 66 on a byte operation: Stitch refuses it (LLVM ignores it)
                }
                for (int modRm : new int[] {0xc0, 0xc1, 0xe6, 0xff, 0xdc}) {
                    out.add(join(bytes(rex), new byte[] {(byte) opcode, (byte) modRm}));
                }
            }
        }
        for (String hex : new String[] {
                // mov r, imm through C7 /0 and C6 /0, and B8 imm32 with large values
                "c7 c0 ff ff ff ff", "48 c7 c0 ff ff ff ff", "41 c7 c7 00 00 00 80", "49 c7 c7 00 00 00 80",
                "66 c7 c0 34 12", "66 41 c7 c1 ff ff", "c6 c0 80", "41 c6 c0 01", "40 c6 c6 01", "c6 c6 01",
                "c6 c4 7f", "b8 00 00 00 80", "41 bf 78 56 34 12", "66 b8 ff ff", "49 b8 00 00 00 00 00 00 00 80",
                // displacements wider than they need to be, and disp8 0
                "8b 80 08 00 00 00", "8b 80 00 00 00 00", "8b 40 00", "48 8b 84 24 08 00 00 00",
                "48 8b 44 24 00", "8b 85 00 00 00 00", "41 8b 85 f8 ff ff ff", "8b 04 2d 00 00 00 00",
                "8b 44 20 08", "8b 04 20", "8b 04 60", "8b 04 25 10 00 00 00", "8b 04 e5 00 00 00 00",
                "42 8b 04 20", "8b 04 24", "41 8b 04 24", "43 8b 04 24", "8b 45 00", "41 8b 45 00",
                "8b 84 e5 00 00 00 00", "8b 4c 65 00", "4c 8b 3c 25 00 00 00 80", "8b 04 65 10 00 00 00",
                // indirect branches through absolute addresses and with redundant REX
                "ff 24 25 10 00 00 00", "ff 14 25 f0 ff ff ff", "48 ff e0", "41 ff d7", "4f ff 24 24",
                "ff 25 00 00 00 00", "41 ff 15 10 00 00 00",
                // prefixes: 66 with REX.W (W wins), CS on memory, REX.R on opcode extensions
                "66 48 89 c0", "66 48 01 d8", "2e 8b 00", "2e 66 89 08", "66 2e 48 8b 05 10 00 00 00",
                "2e ff 20", "44 f7 d0", "4c f7 e0", "44 c1 e0 05", "40 c3", "41 cc", "48 0f 0b",
                // nops: 66 90, the hint space of 0F 1F, setcc ignoring ModRM.reg
                "90", "66 90", "40 90", "48 90", "0f 1f c8", "0f 1f 38", "66 0f 1f 44 00 00", "0f 94 d0",
                "0f 9f f8", "66 66 66 2e 0f 1f 84 00 00 00 00 00",
                // the accumulator sign extensions and pushes of each width
                "98", "66 98", "48 98", "99", "66 99", "48 99", "6a 80", "66 6a ff", "68 00 00 00 80",
                "66 68 ff ff", "66 41 50", "66 48 50", "66 5f", "41 5f"}) {
            out.add(bytes(hex));
        }
        return out;
    }

    @Test
    void relativeBranchesDecodeLikeLlvm() {
        List<byte[]> branches = branches();
        X64DisassemblerCheck.decodesLikeLlvm(branches);
        assertThat(branches).hasSize(16 * 19 + 9 + 30);
    }

    @Test
    void otherEncodingsDecodeLikeLlvm() {
        X64DisassemblerCheck.decodesLikeLlvm(otherEncodings());
    }

    @Test
    void examplesOfEachSpecialForm() {
        assertThat(text("48 8b 43 08")).isEqualTo("mov rax, qword ptr [rbx + 8]");
        assertThat(text("8b 80 08 00 00 00")).isEqualTo("mov eax, dword ptr [rax + 8]");
        assertThat(text("8b 45 00")).isEqualTo("mov eax, dword ptr [rbp]");
        assertThat(text("41 8b 04 24")).isEqualTo("mov eax, dword ptr [r12]");
        assertThat(text("8b 04 20")).isEqualTo("mov eax, dword ptr [rax + riz]");
        assertThat(text("8b 04 25 f0 ff ff ff")).isEqualTo("mov eax, dword ptr [-16]");
        assertThat(text("4a 8b 44 a5 80")).isEqualTo("mov rax, qword ptr [rbp + 4*r12 - 128]");
        assertThat(text("48 8b 05 10 00 00 00")).isEqualTo("mov rax, qword ptr [rip + 16]");
        assertThat(text("48 b8 ff ff ff ff 00 00 00 00")).isEqualTo("movabs rax, 4294967295");
        assertThat(text("b8 ff ff ff ff")).isEqualTo("mov eax, 4294967295");
        assertThat(text("48 c7 c0 ff ff ff ff")).isEqualTo("mov rax, -1");
        assertThat(text("40 88 f0")).isEqualTo("mov al, sil");
        assertThat(text("88 f0")).isEqualTo("mov al, dh");
        assertThat(text("ff e0")).isEqualTo("jmp rax");
        assertThat(text("eb e9")).isEqualTo("jmp -23");
        assertThat(text("74 10")).isEqualTo("je 16");
        assertThat(text("66 2e 0f 1f 84 00 00 00 00 00")).isEqualTo("nop word ptr cs:[rax + rax]");
    }

    private static String text(String hex) {
        byte[] code = bytes(hex);
        X64Instruction instruction = X64Disassembler.decode(code, 0, 0);
        assertThat(instruction.length()).as(hex).isEqualTo(code.length);
        return instruction.text();
    }

    @Test
    void llvmPaddingOfEveryLengthDecodesLikeLlvm() {
        StringBuilder source = new StringBuilder();
        for (int pad = 1; pad <= 15; pad++) {
            // int3 then pad bytes to the next 16-byte boundary
            source.append(".p2align 4\n").append("int3\n".repeat(16 - pad));
        }
        source.append(".p2align 4\nint3\n");
        byte[] code = X64LlvmMc.assembleObject(source.toString());
        List<X64Instruction> stitch = X64Disassembler.disassemble(code, 0);
        List<String> warnings = new ArrayList<>();
        List<String> llvm = X64LlvmMc.disassemble(code, warnings);
        assertThat(warnings).isEmpty();
        assertThat(stitch).extracting(X64Instruction::text).containsExactlyElementsOf(llvm);
        assertThat(stitch).noneMatch(X64Instruction::isUndecoded);
        assertThat(stitch).extracting(X64Instruction::text).contains("nop", "nop dword ptr [rax]",
                "nop word ptr [rax + rax]", "nop word ptr cs:[rax + rax]");
    }
}
