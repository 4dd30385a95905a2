package dev.stitch.a64;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.mem.WxPolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.util.Random;

import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/** The assembler writing straight into executable memory, and the disassembler on any word. */
class AssemblerIntoCodeArenaTest {
    /** long sum(long n): 1 + 2 + ... + n, with a literal-pool constant added at the end. */
    private static void sumLoop(A64Assembler asm) {
        Label loop = asm.newLabel("loop");
        Label done = asm.newLabel("done");
        asm.mov(X1, 0)
                .cbz(X0, done)
                .bind(loop)
                .add(X1, X1, X0)
                .subs(X0, X0, 1)
                .b(Condition.NE, loop)
                .bind(done)
                .ldrLiteral(X0, 0x1_0000_0000L)
                .add(X0, X0, X1)
                .ret();
    }

    private static byte[] onHeap() {
        A64Assembler asm = new A64Assembler();
        sumLoop(asm);
        return asm.finish().toByteArray();
    }

    @Test
    void assemblingIntoTheWritableViewGivesTheSameBytesAsOnTheHeap() throws Throwable {
        byte[] expected = onHeap();
        for (WxPolicy policy : WxPolicy.values()) {
            try (CodeArena arena = CodeArena.create(policy)) {
                CodeRegion region = arena.install(expected.length, view -> {
                    A64Assembler asm = new A64Assembler(CodeBuffer.wrap(view), view.address());
                    sumLoop(asm);
                    assertThat(asm.finish().position()).isEqualTo(expected.length);
                });
                assertThat(region.bytes()).as("policy %s", policy).isEqualTo(expected);
                if (Architecture.host() == Architecture.AARCH64) {
                    long sum = (long) region.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)).invokeExact(100L);
                    assertThat(sum).isEqualTo(0x1_0000_0000L + 5050);
                }
            }
        }
    }

    @Test
    void theAssembledLoopRunsOnAArch64() throws Throwable {
        Assumptions.assumeTrue(Architecture.host() == Architecture.AARCH64,
                "AArch64 code runs only on an AArch64 JVM; scripts/test runs this suite there under qemu");
        try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            CodeRegion region = arena.install(onHeap());
            var sum = region.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
            assertThat((long) sum.invokeExact(0L)).isEqualTo(0x1_0000_0000L);
            assertThat((long) sum.invokeExact(1L)).isEqualTo(0x1_0000_0001L);
            assertThat((long) sum.invokeExact(100_000L)).isEqualTo(0x1_0000_0000L + 5_000_050_000L);
        }
    }

    @Test
    void theDisassemblerNeverThrowsAndAlwaysSaysSomething() {
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            int word = random.nextInt();
            String text = A64Disassembler.disassemble(word);
            assertThat(text).as("word %08x", word).isNotBlank();
        }
        for (int word : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThat(A64Disassembler.disassemble(word)).isNotBlank();
        }
    }
}
