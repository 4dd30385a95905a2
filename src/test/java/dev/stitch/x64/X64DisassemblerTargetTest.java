package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Targets of relative branches and RIP-relative operands, symbolic rendering, and undecodable bytes. */
class X64DisassemblerTargetTest {
    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    @Test
    void relativeBranchTargetsAreAbsolute() {
        byte[] code = bytes("90 eb e9 0f 84 10 00 00 00 e8 00 00 00 80 74 00");
        List<X64Instruction> listing = X64Disassembler.disassemble(code, 0x40_0000);
        assertThat(listing).extracting(X64Instruction::address)
                .containsExactly(0x40_0000L, 0x40_0001L, 0x40_0003L, 0x40_0009L, 0x40_000eL);
        assertThat(listing.get(0).hasTarget()).isFalse();
        assertThat(listing.get(1)).isEqualTo(new X64Instruction(0x40_0001, 2, "jmp -23", 0x40_0003 - 23, true));
        assertThat(listing.get(2)).isEqualTo(new X64Instruction(0x40_0003, 6, "je 16", 0x40_0009 + 16, true));
        assertThat(listing.get(3)).isEqualTo(
                new X64Instruction(0x40_0009, 5, "call -2147483648", 0x40_000eL - 2147483648L, true));
        assertThat(listing.get(4).target()).isEqualTo(0x40_0010L);
    }

    @Test
    void ripRelativeTargetsCountFromTheEndOfTheWholeInstruction() {
        // mov dword ptr [rip + 16], 5: the immediate follows the displacement.
        X64Instruction store = X64Disassembler.decode(bytes("c7 05 10 00 00 00 05 00 00 00"), 0, 0x1000);
        assertThat(store.text()).isEqualTo("mov dword ptr [rip + 16], 5");
        assertThat(store.target()).isEqualTo(0x1000 + 10 + 16);
        X64Instruction load = X64Disassembler.decode(bytes("cc 48 8b 05 f0 ff ff ff"), 1, 0x2000);
        assertThat(load.address()).isEqualTo(0x2001);
        assertThat(load.target()).isEqualTo(0x2001 + 7 - 16);
        assertThat(X64Disassembler.decode(bytes("ff 25 00 00 00 00"), 0, 0).target()).isEqualTo(6);
        // [rbp + 16] and [16] are not relative to the instruction.
        assertThat(X64Disassembler.decode(bytes("8b 45 10"), 0, 0).hasTarget()).isFalse();
        assertThat(X64Disassembler.decode(bytes("8b 04 25 10 00 00 00"), 0, 0).hasTarget()).isFalse();
    }

    @Test
    void textWithTargetNamesTheTarget() {
        assertThat(X64Disassembler.decode(bytes("e9 00 01 00 00"), 0, 0).textWithTarget("exit_3")).isEqualTo("jmp exit_3");
        assertThat(X64Disassembler.decode(bytes("0f 8c f0 ff ff ff"), 0, 0).textWithTarget("loop")).isEqualTo("jl loop");
        assertThat(X64Disassembler.decode(bytes("e8 00 00 00 00"), 0, 0).textWithTarget("print_long"))
                .isEqualTo("call print_long");
        assertThat(X64Disassembler.decode(bytes("48 8b 05 10 00 00 00"), 0, 0).textWithTarget("pool+8"))
                .isEqualTo("mov rax, qword ptr [pool+8]");
        assertThat(X64Disassembler.decode(bytes("48 8d 3d f9 ff ff ff"), 0, 0).textWithTarget("msg"))
                .isEqualTo("lea rdi, [msg]");
        assertThat(X64Disassembler.decode(bytes("c7 05 10 00 00 00 05 00 00 00"), 0, 0).textWithTarget("x"))
                .isEqualTo("mov dword ptr [x], 5");
        assertThat(X64Disassembler.decode(bytes("ff 15 00 00 00 00"), 0, 0).textWithTarget("slot"))
                .isEqualTo("call qword ptr [slot]");
        assertThat(X64Disassembler.decode(bytes("ff d0"), 0, 0).textWithTarget("never")).isEqualTo("call rax");
    }

    @Test
    void textWithTargetLooksNamesUp() {
        Map<Long, String> symbols = Map.of(0x1010L, "print_long");
        X64Instruction call = X64Disassembler.decode(bytes("e8 0b 00 00 00"), 0, 0x1000);
        X64Instruction other = X64Disassembler.decode(bytes("e8 00 00 00 00"), 0, 0x1000);
        assertThat(call.textWithTarget(symbols::get)).isEqualTo("call print_long");
        assertThat(other.textWithTarget(symbols::get)).isEqualTo("call 0");
    }

    @Test
    void undecodableAndTruncatedBytesAreOneByteEach() {
        List<X64Instruction> listing = X64Disassembler.disassemble(bytes("06 c3 48 8b"), 0x10);
        assertThat(listing).containsExactly(
                new X64Instruction(0x10, 1, ".byte 0x06", 0, false),
                new X64Instruction(0x11, 1, "ret", 0, false),
                new X64Instruction(0x12, 1, ".byte 0x48", 0, false),
                new X64Instruction(0x13, 1, ".byte 0x8b", 0, false));
        assertThat(listing.get(0).isUndecoded()).isTrue();
        assertThat(listing.get(1).isUndecoded()).isFalse();
        // An unused prefix: 66 before ret, 2E before a branch.
        assertThat(X64Disassembler.decode(bytes("66 c3"), 0, 0).text()).isEqualTo(".byte 0x66");
        assertThat(X64Disassembler.decode(bytes("2e 74 00"), 0, 0).text()).isEqualTo(".byte 0x2e");
        // Longer than 15 bytes with prefixes.
        assertThat(X64Disassembler.decode(bytes("66 66 66 66 66 66 66 66 66 66 66 66 66 66 90"), 0, 0).length())
                .isEqualTo(15);
        assertThat(X64Disassembler.decode(bytes("66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 90"), 0, 0).text())
                .isEqualTo(".byte 0x66");
    }

    @Test
    void undecodableBytesAreTheOnesLlvmSkips() {
        // LLVM skips each of these single bytes with a warning and decodes what follows.
        byte[] code = bytes("06 c3 07 99 0e 90 27 cc 60 48 99 d6 ff e0 82 0f 0b");
        List<String> warnings = new java.util.ArrayList<>();
        List<String> llvm = X64LlvmMc.disassemble(code, warnings);
        List<X64Instruction> stitch = X64Disassembler.disassemble(code, 0);
        assertThat(stitch.stream().filter(i -> !i.isUndecoded()).map(X64Instruction::text).toList())
                .containsExactlyElementsOf(llvm);
        assertThat(stitch.stream().filter(X64Instruction::isUndecoded).count()).isEqualTo(warnings.size()).isEqualTo(7);
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> X64Disassembler.decode(new byte[2], 2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new X64Instruction(0, 0, "nop", 0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThat(X64Disassembler.disassemble(new byte[0], 0)).isEmpty();
    }
}
