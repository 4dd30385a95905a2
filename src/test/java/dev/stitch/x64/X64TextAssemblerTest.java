package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole programs through {@link X64TextAssembler} compared with the {@code .text} bytes of
 * {@code llvm-mc -filetype=obj}: labels, forward and backward branches relaxed as LLVM relaxes
 * them, RIP-relative labels, data and alignment directives, comments and statement separators.
 */
class X64TextAssemblerTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private static void sameAsLlvm(String source) {
        byte[] llvm = X64LlvmMc.assembleObject(source);
        byte[] stitch = X64TextAssembler.assemble(source, "program.s").bytes();
        assertThat(HEX.formatHex(stitch)).as("bytes of\n%s", source).isEqualTo(HEX.formatHex(llvm));
    }

    @Test
    void loopWithForwardAndBackwardBranches() {
        sameAsLlvm("""
                sum:
                    xor eax, eax
                    test rdi, rdi
                    je done
                loop:
                    add rax, rdi
                    sub rdi, 1
                    jne loop
                done:
                    ret
                """);
    }

    @Test
    void forwardJumpsOutOfRel8ReachBecomeRel32() {
        StringBuilder source = new StringBuilder("jmp far\nje far\njmp near\nnear:\n");
        source.append("mov rax, 0x123456789\n".repeat(13)); // 130 bytes
        source.append("far:\nret\njmp near\njl far\n");
        sameAsLlvm(source.toString());
    }

    @Test
    void relaxationCascades() {
        // The first jump reaches only while the second stays short; the second is pushed out of
        // reach by the code between, so relaxing it pushes the first out as well.
        StringBuilder source = new StringBuilder("jmp a\n");
        source.append("nop\n".repeat(120));
        source.append("jmp b\n");
        source.append("nop\n".repeat(3));
        source.append("a:\n");
        source.append("nop\n".repeat(126));
        source.append("b:\nret\n");
        sameAsLlvm(source.toString());
        String bytes = HEX.formatHex(X64TextAssembler.assemble(source.toString(), "p.s").bytes());
        assertThat(bytes).startsWith("e9");
    }

    @Test
    void backwardJumpsAtTheRel8Edge() {
        for (int n : new int[] {120, 125, 126, 127, 128, 130}) {
            sameAsLlvm("top:\n" + "nop\n".repeat(n) + "jmp top\njne top\ncall top\n");
        }
    }

    @Test
    void forwardJumpsAtTheRel8Edge() {
        for (int n : new int[] {125, 126, 127, 128, 129}) {
            sameAsLlvm("jmp end\n" + "nop\n".repeat(n) + "end:\nret\n");
            sameAsLlvm("jg end\n" + "nop\n".repeat(n) + "end:\nret\n");
        }
    }

    @Test
    void disp32PrefixForcesRel32Jumps() {
        sameAsLlvm("{disp32} jmp x\n{disp32} je x\nx: ret\n{disp32} jmp x\n{disp32} mov rax, qword ptr [rbx]\n");
    }

    @Test
    void ripRelativeLabelsAndData() {
        sameAsLlvm("""
                    lea rax, [rip + table]
                    mov rcx, qword ptr [rip + table + 8]
                    mov qword ptr [rip + counter], 5        # the disp is relative to the end, after the imm32
                    mov byte ptr [rip + counter], 1
                    add dword ptr [rip + counter], 1000
                    call qword ptr [rip + table]
                    jmp qword ptr [rip + table - 8]
                    ret
                    .p2align 4
                table:
                    .quad 0x1122334455667788, -1
                counter:
                    .long 7
                    .byte 1, 255, -128
                    .short 65535
                    .word 1
                    .p2align 3
                    lea rdx, [rip + counter]
                """);
    }

    @Test
    void aSignAfterThePlusOfAMemoryOperandIsPartOfTheDisplacement() {
        sameAsLlvm("""
                mov qword ptr [rdi + -86], 2094692546
                lea rax, [rbx + - 8 + -8]
                mov ecx, dword ptr [-4 + rsp]
                lea rdx, [rax + rcx*4 + -0x80]
                lea rsi, [rip + -16]
                """);
    }

    @Test
    void alignmentPaddingWithNops() {
        for (int n = 0; n < 34; n++) {
            sameAsLlvm("int3\n".repeat(n) + ".p2align 5\nret\n.balign 8\nud2\n");
        }
    }

    @Test
    void commentsSeparatorsAndAliases() {
        sameAsLlvm("""
                .intel_syntax noprefix
                .text
                f:  mov eax, 1 ; mov ecx, 2   // two statements
                    # a whole-line comment
                    setz al ; setnz cl ; setc dl ; setnae bl ; setpe sil ; setpo dil
                    cmovz eax, ecx ; cmovnge rax, rcx ; cmovnle r8w, r9w
                    jz f ; jnz f ; jnae f ; jna f ; jpe f ; jpo f
                    sal rax, 3 ; shl rcx ; sar dword ptr [rax] ; shr rdx, cl
                    imul rax, qword ptr [rbx + 8], 100
                    lea rax, [rbp + rsp]
                    lea rax, [8*rcx + rbx - 0x10]
                    mov rax, QWORD PTR [RBX]
                    movabs rax, 1
                    push -1 ; push 0x1000 ; pop r15
                    ret
                """);
    }

    @Test
    void listingLinesGiveEachStatementsBytes() {
        X64TextAssembler.Result result = X64TextAssembler.assemble("""
                start: mov rax, rbx
                    jmp start ; nop
                lone:
                    .quad 1
                """, "l.s");
        assertThat(result.bytes()).hasSize(3 + 2 + 1 + 8);
        assertThat(result.lines()).containsExactly(
                new X64TextAssembler.Line(0, 3, 1, "start: mov rax, rbx"),
                new X64TextAssembler.Line(3, 2, 2, "jmp start"),
                new X64TextAssembler.Line(5, 1, 2, "nop"),
                new X64TextAssembler.Line(6, 0, 3, "lone:"),
                new X64TextAssembler.Line(6, 8, 4, ".quad 1"));
    }

    /** Random programs of labels, jumps over random amounts of code, and alignment: relaxation must match LLVM's. */
    @Test
    void randomProgramsRelaxAsLlvmDoes() {
        Random random = new Random(20261123);
        String[] filler = {"nop", "mov rax, rbx", "add rcx, 1000", "movabs r9, 0x1122334455667788",
                "mov qword ptr [rsp + 8], -1", "lea rax, [rip + L0]", "xor eax, eax"};
        for (int program = 0; program < 12; program++) {
            int labels = 4 + random.nextInt(6);
            List<String> lines = new ArrayList<>();
            int placed = 0;
            for (int i = 0; i < 60 + random.nextInt(60); i++) {
                int kind = random.nextInt(10);
                if (kind == 0 && placed < labels) {
                    lines.add("L" + placed++ + ":");
                } else if (kind <= 3) {
                    String target = "L" + random.nextInt(labels);
                    lines.add(switch (random.nextInt(3)) {
                        case 0 -> "jmp " + target;
                        case 1 -> "j" + Condition.values()[random.nextInt(16)].suffix() + " " + target;
                        default -> "call " + target;
                    });
                } else if (kind == 4 && random.nextInt(4) == 0) {
                    lines.add(".p2align " + random.nextInt(5));
                } else {
                    for (int k = random.nextInt(12); k >= 0; k--) {
                        lines.add(filler[random.nextInt(filler.length)]);
                    }
                }
            }
            while (placed < labels) {
                lines.add("L" + placed++ + ":");
            }
            lines.add("ret");
            sameAsLlvm(String.join("\n", lines) + "\n");
        }
    }

    /**
     * {@code n} forward jumps, each spanning exactly 127 bytes with the next jump short: the last
     * starts out of reach, and lengthening each pushes the one before it out as well.
     */
    private static String chainOfJumps(int n, String jump) {
        String a = ".byte " + String.join(", ", java.util.Collections.nCopies(40, "0x90"));
        String b = ".byte " + String.join(", ", java.util.Collections.nCopies(45, "0x90"));
        StringBuilder source = new StringBuilder();
        for (int k = 0; k < n; k++) {
            source.append(jump).append(" T").append(k).append('\n').append(a).append('\n');
            if (k > 0) {
                source.append('T').append(k - 1).append(":\n");
            }
            source.append(b).append('\n');
        }
        return source.append(".byte 0x90, 0x90, 0x90\n").append(a).append("\nT").append(n - 1).append(":\nret\n")
                .toString();
    }

    @Test
    void aChainOfJumpsEachPushingTheNextOutOfReachRelaxesAsLlvmDoes() {
        sameAsLlvm(chainOfJumps(150, "jmp"));
        sameAsLlvm(chainOfJumps(150, "jne"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void tenThousandChainedJumpsRelaxInLinearTime() {
        int n = 10_000;
        byte[] bytes = X64TextAssembler.assemble(chainOfJumps(n, "jmp"), "chain.s").bytes();
        // every jump ends long: e9 and a rel32
        assertThat(bytes).hasSize(n * (5 + 85) + 3 + 40 + 1);
        for (int k = 0; k < n; k++) {
            assertThat(bytes[k * 90] & 0xff).as("jump %d", k).isEqualTo(0xe9);
        }
    }
}
