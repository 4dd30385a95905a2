package dev.stitch.readme;

import dev.stitch.a64.A64Assembler;
import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.Condition;
import dev.stitch.a64.Label;
import dev.stitch.mem.Architecture;
import org.junit.jupiter.api.Test;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's {@code dev.stitch.a64} snippet: a loop assembled, and run where the JVM is AArch64. */
class A64SnippetTest {
    @Test
    void a64SnippetAssemblesTheSumLoop() throws Throwable {
        // README snippet
        A64Assembler asm = new A64Assembler();
        Label loop = asm.newLabel();
        asm.mov(X2, 0)                                   // sum = 0
           .bind(loop)
           .add(X2, X2, X0)                              // sum += n
           .subs(X0, X0, 1)
           .b(Condition.NE, loop)
           .mov(X0, X2)
           .ret();
        byte[] code = asm.finish().toByteArray();        // patches labels, places the literal pool
        // README end
        java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(code).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(java.util.stream.IntStream.range(0, code.length / 4).mapToObj(i -> A64Disassembler.disassemble(words.getInt(4 * i))))
                .containsExactly("mov x2, #0", "add x2, x2, x0", "subs x0, x0, #1", "b.ne #-8", "mov x0, x2", "ret");
        if (Architecture.host() == Architecture.AARCH64) {
            assertThat(Snippets.runOneArgument(code, 10)).isEqualTo(55);
        }
    }
}
