package dev.stitch.readme;

import dev.stitch.mem.Architecture;
import dev.stitch.x64.Condition;
import dev.stitch.x64.Label;
import dev.stitch.x64.X64Assembler;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stitch.x64.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's {@code dev.stitch.x64} snippet: a loop assembled and disassembled, and run where the JVM is x86-64. */
class X64SnippetTest {
    @Test
    void x64SnippetAssemblesTheSumLoop() throws Throwable {
        // README snippet
        X64Assembler asm = new X64Assembler();
        Label loop = asm.newLabel();
        asm.xor(EAX, EAX)                                // sum = 0
           .bind(loop)
           .add(RAX, RDI)                                // sum += n
           .sub(RDI, 1)
           .jcc(Condition.NE, loop)                      // rel8: the label is bound and in reach
           .ret();
        byte[] code = asm.finish();
        List<X64Instruction> text = X64Disassembler.disassemble(code, 0x400000);
        // README end
        assertThat(text.stream().map(X64Instruction::text).toList())
                .containsExactly("xor eax, eax", "add rax, rdi", "sub rdi, 1", "jne -9", "ret");
        if (Architecture.host() == Architecture.X86_64) {
            assertThat(Snippets.runOneArgument(code, 10)).isEqualTo(55);
        }
    }
}
