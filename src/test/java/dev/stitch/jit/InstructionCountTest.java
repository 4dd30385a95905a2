package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Instructions per iteration of the loop {@code s += i * i} for {@code i < n}, counted on the
 * compiled bytes ({@link CompiledTrace#instructionsPerIteration()}): a count, so it is pinned.
 * {@code clang -O2} makes 4 instructions of the same loop on AArch64 and 6 on x86-64
 * (docs/PERFORMANCE.md); the register shape must stay within 1.2 times that.
 */
class InstructionCountTest {
    /** Locals: 0 = n, 1 = s, 2 = i. */
    static Trace sumOfSquares() {
        return Trace.builder("sum_of_squares", new SymbolTable()).enter()
                .load(2).load(0).add(Uop.LT).add(Uop.GUARD_TRUE, 1)
                .load(1).load(2).load(2).add(Uop.MUL).add(Uop.ADD).store(1)
                .load(2).constant(1).add(Uop.ADD).store(2)
                .loop().build();
    }

    private static double count(Architecture arch, CodeShape shape) {
        return new TraceCompiler(arch, CallStrategy.PER_TRACE, shape).compileAt(sumOfSquares(), 0x10000)
                .instructionsPerIteration();
    }

    @Test
    void theRegisterShapeRunsTheSumOfSquaresLoopInAboutWhatClangDoes() {
        // cmp; b.ge; madd; add, and the back-edge's subs; b.ne once per four unrolled copies
        assertThat(count(Architecture.AARCH64, CodeShape.REGISTERS)).isLessThanOrEqualTo(4.5).isLessThanOrEqualTo(1.2 * 4);
        // cmp; jge; mov; imul; add; add, and dec; jne once per four copies
        assertThat(count(Architecture.X86_64, CodeShape.REGISTERS)).isLessThanOrEqualTo(6.5).isLessThanOrEqualTo(1.2 * 6);
    }

    @Test
    void theStackShapeIsWhatItWas() {
        assertThat(count(Architecture.AARCH64, CodeShape.STACK)).isEqualTo(36);
        assertThat(count(Architecture.X86_64, CodeShape.STACK)).isEqualTo(55);
    }

    @Test
    void runningTheLoopGivesTheSum() throws Exception {
        try (dev.stitch.mem.CodeArena arena = dev.stitch.mem.CodeArena.create(); Frame frame = Frame.allocate(3, 8)) {
            for (CodeShape shape : CodeShape.values()) {
                CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, shape)
                        .compile(sumOfSquares(), arena);
                frame.setLocals(new long[] {1001, 0, 0}, 3);
                assertThat(compiled.invoke(frame)).isEqualTo(1);
                long[] locals = new long[3];
                frame.getLocals(locals, 3);
                assertThat(locals).as(shape.name()).containsExactly(1001, 1000L * 1001 * 2001 / 6, 1001);
            }
        }
    }

    @Test
    void aTraceWithoutALoopHasNoCount() {
        Trace straight = Trace.builder("straight", new SymbolTable()).enter().constant(1).add(Uop.DROP).exit(0).build();
        CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE).compileAt(straight, 0x10000);
        assertThatThrownBy(compiled::instructionsPerIteration).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("straight");
        assertThat(compiled.listing()).doesNotContain("instructions/iter");
    }
}
