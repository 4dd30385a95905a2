package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RBX;
import static dev.stitch.x64.Registers.RCX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Label references through the {@link X64Assembler} API: backward jumps short when they reach,
 * forward jumps rel32 (written in LLVM's syntax as {@code {disp32} jmp}), RIP-relative labels with
 * an immediate after the displacement, raw rel32 forms, and the bytes around them compared with
 * {@code llvm-mc -filetype=obj}.
 */
class X64LabelTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static void sameAsLlvm(X64Assembler asm, String source) {
        assertThat(HEX.formatHex(asm.finish())).as(source).isEqualTo(HEX.formatHex(X64LlvmMc.assembleObject(source)));
    }

    @Test
    void forwardReferencesAreRel32AndBackwardOnesShortWhenTheyReach() {
        X64Assembler asm = new X64Assembler();
        Label top = asm.newLabel("top");
        Label end = asm.newLabel("end");
        asm.bind(top).jmp(end).jcc(Condition.NE, end).call(end).jmp(top).jcc(Condition.L, top);
        asm.nop(110);
        asm.jcc(Condition.G, top).jmp(top).bind(end).ret().jmp(top);
        sameAsLlvm(asm, """
                top:
                {disp32} jmp end
                {disp32} jne end
                call end
                jmp top
                jl top
                .rept 11
                .byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
                .endr
                jg top
                jmp top
                end:
                ret
                jmp top
                """);
    }

    @Test
    void shortFormsToLabelsInReach() {
        X64Assembler asm = new X64Assembler();
        Label a = asm.newLabel("a");
        asm.jmpShort(a).jccShort(Condition.E, a).nop(123).bind(a).ret();
        byte[] code = asm.finish();
        assertThat(code[1]).isEqualTo((byte) 125);
        assertThat(code[3]).isEqualTo((byte) 123);
    }

    @Test
    void ripRelativeLabelsCountTheImmediateAfterTheDisplacement() {
        X64Assembler asm = new X64Assembler();
        Label data = asm.newLabel("data");
        asm.lea(RAX, Mem.rip(data)).mov(Mem.rip(data).qword(), 5).mov(Mem.rip(data).byteSize(), 1)
                .add(Mem.rip(data).dword(), 1000).cmp(Mem.rip(data).word(), 7).test(Mem.rip(data).word(), 0x1234)
                .imul(RCX, Mem.rip(data), 300).shl(Mem.rip(data).qword(), 3)
                .mov(RBX, new Mem(null, null, 1, 8, 8, true, data, false))
                .ret().bind(data).emit64(42);
        Label back = asm.newLabel("back");
        asm.bind(back).lea(RAX, Mem.rip(back)).mov(Mem.rip(back).dword(), -1);
        sameAsLlvm(asm, """
                lea rax, [rip + data]
                mov qword ptr [rip + data], 5
                mov byte ptr [rip + data], 1
                add dword ptr [rip + data], 1000
                cmp word ptr [rip + data], 7
                test word ptr [rip + data], 0x1234
                imul rcx, qword ptr [rip + data], 300
                shl qword ptr [rip + data], 3
                mov rbx, qword ptr [rip + data + 8]
                ret
                data: .quad 42
                back: lea rax, [rip + back]
                mov dword ptr [rip + back], -1
                """);
    }

    @Test
    void rawRel32FormsAreRelativeToTheEndOfTheInstruction() {
        X64Assembler asm = new X64Assembler();
        asm.jmpRel32(0).callRel32(-5).jccRel32(Condition.AE, 0x12345678);
        assertThat(HEX.formatHex(asm.finish())).isEqualTo(
                "e9 00 00 00 00 e8 fb ff ff ff 0f 83 78 56 34 12");
    }

    @Test
    void positionByteAtAndAlign() {
        X64Assembler asm = new X64Assembler();
        asm.mov(RAX, RBX);
        assertThat(asm.position()).isEqualTo(3);
        assertThat(asm.byteAt(0)).isEqualTo(0x48);
        assertThat(asm.byteAt(1)).isEqualTo(0x89);
        asm.align(16);
        assertThat(asm.position()).isEqualTo(16);
        assertThat(asm.byteAt(3)).isEqualTo(0x66); // 13 bytes: a 10-byte nop, then a 3-byte one
        asm.align(16).align(1).emit8(255).emit8(-1).emit32(0x01020304).emit64(-2);
        assertThat(HEX.formatHex(asm.finish(), 16, 30)).isEqualTo("ff ff 04 03 02 01 fe ff ff ff ff ff ff ff");
    }

    @Test
    void nopsOfEveryLengthMatchLlvmPadding() {
        for (int n = 1; n <= 25; n++) {
            X64Assembler asm = new X64Assembler();
            asm.int3().nop(n);
            int pad = n;
            String source = "int3\n.rept " + (31 - n) + "\nint3\n.endr\n.p2align 5\n";
            byte[] llvm = X64LlvmMc.assembleObject(source);
            byte[] tail = java.util.Arrays.copyOfRange(llvm, 32 - pad, 32);
            byte[] ours = java.util.Arrays.copyOfRange(asm.finish(), 1, 1 + n);
            assertThat(HEX.formatHex(ours)).as("nop(%d)", n).isEqualTo(HEX.formatHex(tail));
        }
    }

    @Test
    void forcedDisp32GivesAPatchableFieldEvenForZero() {
        X64Assembler asm = new X64Assembler();
        asm.mov(RAX, Mem.of(RBX).withDisp32()).mov(Mem.of(Registers.RSP).withDisp32(), RCX)
                .mov(RAX, Mem.of(Registers.R13, RCX, 8, 0).withDisp32()).shl(Mem.of(RAX).qword().withDisp32(), 1);
        assertThat(HEX.formatHex(asm.finish())).isEqualTo("48 8b 83 00 00 00 00 48 89 8c 24 00 00 00 00 "
                + "49 8b 84 cd 00 00 00 00 48 d1 a0 00 00 00 00");
    }
}
