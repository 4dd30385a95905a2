package dev.stitch.x64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

import static dev.stitch.x64.Registers.AL;
import static dev.stitch.x64.Registers.AX;
import static dev.stitch.x64.Registers.EAX;
import static dev.stitch.x64.Registers.EBX;
import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RBP;
import static dev.stitch.x64.Registers.RBX;
import static dev.stitch.x64.Registers.RCX;
import static dev.stitch.x64.Registers.RSP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of bad input to the {@link X64Assembler} and the {@link X64TextAssembler} gives an
 * exception whose message names the instruction, the operand, the value and what is allowed.
 */
class X64ErrorsTest {
    private static void fails(ThrowingConsumer<X64Assembler> emit, String message) {
        X64Assembler asm = new X64Assembler();
        assertThatThrownBy(() -> emit.accept(asm)).isInstanceOf(X64EncodingException.class).hasMessage(message);
    }

    @Test
    void mixedWidths() {
        fails(a -> a.mov(RAX, EBX), "mov rax, ebx: operand widths differ (rax is 64-bit, ebx is 32-bit)");
        fails(a -> a.add(EAX, AX), "add eax, ax: operand widths differ (eax is 32-bit, ax is 16-bit)");
        fails(a -> a.test(AL, RBX), "test al, rbx: operand widths differ (al is 8-bit, rbx is 64-bit)");
        fails(a -> a.cmovcc(Condition.E, RAX, EBX), "cmove rax, ebx: operand widths differ (rax is 64-bit, ebx is 32-bit)");
        fails(a -> a.mov(RAX, Mem.of(RBX).dword()),
                "mov: memory operand is dword ptr but rax is 64-bit; use qword ptr or no size");
        fails(a -> a.imul(AL, AL), "imul: destination al is 8-bit; allowed 16, 32 or 64-bit registers");
        fails(a -> a.movzx(EAX, EBX), "movzx: source ebx is 32-bit; allowed 8 or 16-bit registers");
        fails(a -> a.movzx(AX, AX), "movzx ax, ax: the source must be narrower than the destination");
        fails(a -> a.movsx(AX, Mem.of(RBX).word()), "movsx ax: the source (word ptr) must be narrower than the destination");
        fails(a -> a.inc(Mem.of(RBX)), "inc: memory operand needs a size (byte, word, dword or qword ptr:"
                + " Mem.byteSize(), word(), dword(), qword())");
        fails(a -> a.movsxd(EAX, EBX), "movsxd: destination eax is 32-bit; allowed 64-bit registers");
        fails(a -> a.push(EAX), "push: operand eax is 32-bit; allowed 64-bit registers");
        fails(a -> a.jmp(EAX), "jmp: target eax is 32-bit; allowed 64-bit registers");
        fails(a -> a.setcc(Condition.NE, EAX), "setne: operand eax is 32-bit; allowed 8-bit registers");
        fails(a -> a.movabs(EAX, 1), "movabs: destination eax is 32-bit; allowed 64-bit registers");
    }

    @Test
    void immediatesOutOfRange() {
        fails(a -> a.add(AL, 256), "add: immediate 256 does not fit in 8 bits; allowed -128..255");
        fails(a -> a.mov(AX, 65536), "mov: immediate 65536 does not fit in 16 bits; allowed -32768..65535");
        fails(a -> a.mov(EAX, 0x1_0000_0000L),
                "mov: immediate 4294967296 does not fit in 32 bits for eax; allowed -2147483648..4294967295");
        fails(a -> a.mov(Mem.of(RBX).byteSize(), -129), "mov: immediate -129 does not fit in 8 bits; allowed -128..255");
        fails(a -> a.shl(RAX, 256), "shl: shift count 256 is out of range; allowed 0..255");
        fails(a -> a.emit8(256), "emit8: value 256 does not fit in a byte; allowed -128..255");
        fails(a -> a.align(3), "align: 3 is not a power of two in 1..65536");
        fails(a -> a.nop(0), "nop: length 0 is out of range; allowed 1 or more bytes");
    }

    @Test
    void operandsThatMustBeSpecific() {
        fails(a -> a.shl(RAX, RCX), "shl: a shift count register must be cl, got rcx");
        fails(a -> a.sar(Mem.of(RAX).qword(), Registers.DL), "sar: a shift count register must be cl, got dl");
        fails(a -> a.add(Mem.of(RAX), 1), "add: memory operand needs a size (byte, word, dword or qword ptr:"
                + " Mem.byteSize(), word(), dword(), qword())");
        fails(a -> a.movzx(EAX, Mem.of(RAX)), "movzx: memory operand must be byte ptr or word ptr, got no size");
        fails(a -> a.jmp(Mem.of(RAX).dword()), "jmp: memory operand must be qword ptr, got dword ptr");
        assertThatThrownBy(() -> Mem.of(RAX, RSP, 1, 0)).isInstanceOf(X64EncodingException.class)
                .hasMessage("memory operand: rsp cannot be an index register");
        assertThatThrownBy(() -> Mem.of(EAX, 0)).isInstanceOf(X64EncodingException.class)
                .hasMessage("memory operand: base register must be 64-bit, got eax");
    }

    @Test
    void labels() {
        fails(a -> {
            Label far = a.newLabel("far");
            a.jmpShort(far).nop(200).bind(far);
        }, "jmp at offset 0x0: label 'far' is 200 bytes away, out of reach of a short jump (rel8 allows -128..127);"
                + " use the rel32 form");
        fails(a -> {
            Label back = a.newLabel("back");
            a.bind(back).nop(127).jccShort(Condition.E, back);
        }, "je at offset 0x7f: label 'back' is -129 bytes away, out of reach of a short jump (rel8 allows -128..127);"
                + " use the rel32 form");
        fails(a -> {
            Label x = a.newLabel("x");
            Label y = a.newLabel("y");
            a.jmp(x).call(x).jcc(Condition.B, y).lea(RAX, Mem.rip(y)).finish();
        }, "unbound labels: 'x' used by jmp at offset 0x0, call at offset 0x5; 'y' used by jb at offset 0xa,"
                + " lea at offset 0x10");
        fails(a -> {
            Label x = a.newLabel("x");
            a.bind(x).nop().bind(x);
        }, "label x is already bound at offset 0");
    }

    private static void textFails(String source, String message) {
        assertThatThrownBy(() -> X64TextAssembler.assemble(source, "t.s"))
                .isInstanceOf(X64SyntaxException.class).hasMessage(message);
    }

    @Test
    void textErrorsPointAtTheFault() {
        textFails("nop\n  mov rax, ebx\n",
                "t.s:2:3: error: mov rax, ebx: operand widths differ (rax is 64-bit, ebx is 32-bit)\n  mov rax, ebx\n  ^");
        textFails("frob rax", "t.s:1:1: error: unknown instruction 'frob'\nfrob rax\n^");
        textFails("add al, 300", "t.s:1:9: error: add: immediate 300 does not fit a 8-bit operand; allowed -128..255\n"
                + "add al, 300\n        ^");
        textFails("add rax, 0xffffffff", "t.s:1:10: error: add: immediate 4294967295 does not fit a 64-bit operand;"
                + " allowed -2147483648..2147483647\nadd rax, 0xffffffff\n         ^");
        textFails("jmp nowhere", "t.s:1:5: error: label 'nowhere' is used but never defined\njmp nowhere\n    ^");
        textFails("a: nop\na: nop", "t.s:2:1: error: label 'a' is already defined\na: nop\n^");
        textFails("mov rax, [rbx + rcx*3]", "t.s:1:21: error: scale must be 1, 2, 4 or 8, got 3\n"
                + "mov rax, [rbx + rcx*3]\n                    ^");
        textFails("mov rax, qword [rbx]", "t.s:1:16: error: expected 'ptr' after 'qword'\n"
                + "mov rax, qword [rbx]\n               ^");
        textFails("mov rax, [rbx", "t.s:1:14: error: expected ']' to close the memory operand\nmov rax, [rbx\n"
                + "             ^");
        textFails("mov qword ptr [rbx], 1, 2", "t.s:1:1: error: invalid operands for mov (memory, immediate,"
                + " immediate); allowed: reg, reg | reg, mem | mem, reg | reg, imm | mem, imm\n"
                + "mov qword ptr [rbx], 1, 2\n^");
        textFails("add [rbx], 1", "t.s:1:5: error: add: memory operand needs a size: byte, word, dword or qword ptr\n"
                + "add [rbx], 1\n    ^");
        textFails("lea rax, [rip + rbx]", "t.s:1:17: error: rip must be the only register of a memory operand:"
                + " [rip + disp]\nlea rax, [rip + rbx]\n                ^");
        textFails("lea rax, [data]", "t.s:1:11: error: a label in a memory operand must be RIP-relative:"
                + " [rip + data]\nlea rax, [data]\n          ^");
        textFails("mov rax, [rbx + rsp*2]", "t.s:1:10: error: memory operand: rsp cannot be an index register\n"
                + "mov rax, [rbx + rsp*2]\n         ^");
        textFails("shl rax, rcx", "t.s:1:1: error: shl: a shift count register must be cl, got rcx\n"
                + "shl rax, rcx\n^");
        textFails(".p2align 20", "t.s:1:10: error: .p2align: power 20 is out of range; allowed 0..16\n"
                + ".p2align 20\n         ^");
        textFails(".byte 256", "t.s:1:7: error: .byte: value 256 does not fit in 8 bits; allowed -128..255\n"
                + ".byte 256\n      ^");
        textFails(".att_syntax", "t.s:1:1: error: only Intel syntax is supported (.intel_syntax noprefix)\n"
                + ".att_syntax\n^");
        textFails(".section .data", "t.s:1:1: error: unknown directive '.section'; known: .intel_syntax .text"
                + " .byte .short .word .value .long .int .quad .p2align .balign\n.section .data\n^");
        textFails("{disp8} mov rax, [rbx]", "t.s:1:1: error: unknown pseudo-prefix '{disp8}'; allowed: {disp32}\n"
                + "{disp8} mov rax, [rbx]\n^");
        textFails("rax: nop", "t.s:1:1: error: 'rax' is a register and cannot be a label\nrax: nop\n^");
        textFails("mov eax, 99999999999999999999", "t.s:1:10: error: '99999999999999999999' is not a number that"
                + " fits in 64 bits\nmov eax, 99999999999999999999\n         ^");
    }

    @Test
    void highByteRegistersAreNamedAsSuchNotTakenForLabels() {
        String supported = "the byte registers are al, cl, dl, bl, spl, bpl, sil, dil and r8b..r15b"
                + " (use shr to reach bits 8..15)";
        textFails("mov ah, 1", "t.s:1:5: error: high-byte register ah is not supported; " + supported
                + "\nmov ah, 1\n    ^");
        textFails("add al, BH", "t.s:1:9: error: high-byte register bh is not supported; " + supported
                + "\nadd al, BH\n        ^");
        textFails("mov al, byte ptr [rip + dh]", "t.s:1:25: error: high-byte register dh is not supported; "
                + supported + "\nmov al, byte ptr [rip + dh]\n                        ^");
        textFails("jmp ch", "t.s:1:5: error: high-byte register ch is not supported; " + supported
                + "\njmp ch\n    ^");
    }

    @Test
    void signsThatLlvmRefusesInAMemoryOperandAreRefused() {
        textFails("lea rax, [rbx - -8]", "t.s:1:17: error: expected a register, number or label in a memory operand,"
                + " found '-'\nlea rax, [rbx - -8]\n                ^");
        textFails("lea rax, [rbx + --8]", "t.s:1:18: error: expected a register, number or label in a memory operand,"
                + " found '-'\nlea rax, [rbx + --8]\n                 ^");
        textFails("lea rax, [rbx + -rax]", "t.s:1:18: error: a register cannot be subtracted in a memory operand"
                + "\nlea rax, [rbx + -rax]\n                 ^");
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void outputPastTheSizeLimitIsALocatedError() {
        assertThatThrownBy(() -> X64TextAssembler.assemble("nop\n.p2align 16\n".repeat(2000), "t.s"))
                .isInstanceOf(X64SyntaxException.class)
                .hasMessage("t.s:2049:1: error: code too large: 1 more byte(s) at offset 67108864 would"
                        + " pass the limit of 64 MiB (67108864 bytes) an assembler writes\nnop\n^");
    }

    @Test
    void aHugeNumberIsQuotedShort() {
        textFails("mov eax, 0x" + "f".repeat(100_000), "t.s:1:10: error: '0x" + "f".repeat(22)
                + "... (100002 chars)' is not a number that fits in 64 bits\nmov eax, 0x" + "f".repeat(149) + "...\n"
                + " ".repeat(9) + "^");
    }

    @Test
    void textAcceptsWhatTheApiAccepts() {
        assertThat(X64TextAssembler.assemble("mov rbp, rsp ; lea rax, [rbp + rsp]", "t.s").bytes())
                .containsExactly(0x48, 0x89, 0xe5, 0x48, 0x8d, 0x04, 0x2c);
        X64Assembler asm = new X64Assembler();
        asm.mov(RBP, RSP).lea(RAX, Mem.of(RSP, RBP, 1, 0));
        assertThat(asm.finish()).containsExactly(0x48, 0x89, 0xe5, 0x48, 0x8d, 0x04, 0x2c);
        assertThat(new X64Assembler().finish()).isEmpty();
        assertThat(RCX.withBits(8)).isEqualTo(Registers.CL);
    }
}
