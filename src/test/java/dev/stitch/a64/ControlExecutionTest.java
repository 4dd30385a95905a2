package dev.stitch.a64;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static dev.stitch.a64.Registers.X1;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real functions built with the branch and system instructions, through the API and through
 * {@link A64TextAssembler}, installed with {@link CodeArena} and called. Instructions of the other
 * groups are written as raw words (checked with {@code llvm-mc}), so this test depends only on
 * this group. Runs only on an AArch64 JVM.
 */
class ControlExecutionTest {
    private static final FunctionDescriptor LONG_TO_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG);

    // Words of other groups, from llvm-mc -show-encoding.
    private static final int MOV_X1_X0 = 0xaa0003e1;
    private static final int MOV_X0_0 = 0xd2800000;
    private static final int ADD_X0_X0_X1 = 0x8b010000;
    private static final int SUBS_X1_X1_1 = 0xf1000421;
    private static final int STP_FP_LR_PRE = 0xa9bf7bfd;
    private static final int MOV_FP_SP = 0x910003fd;
    private static final int LDP_FP_LR_POST = 0xa8c17bfd;
    private static final int ADD_X0_X0_X0 = 0x8b000000;
    private static final int ADD_X0_X0_1 = 0x91000400;
    private static final int LSR_X1_X1_1 = 0xd341fc21;
    private static final int MOV_X1_SP = 0x910003e1;

    @BeforeEach
    void onlyOnAarch64() {
        assumeTrue(Architecture.host() == Architecture.AARCH64,
                "AArch64 code runs only on an AArch64 JVM; scripts/test runs this suite there under qemu");
    }

    private static long call(byte[] code, long argument) throws Throwable {
        try (CodeArena arena = CodeArena.create()) {
            CodeRegion region = arena.install(code);
            MethodHandle handle = region.handle(LONG_TO_LONG);
            return (long) handle.invokeExact(argument);
        }
    }

    private static byte[] text(String source) {
        return A64TextAssembler.assemble(source, "exec.s").bytes();
    }

    @Test
    void loopSummingOneToNThroughTheApi() throws Throwable {
        A64Assembler asm = new A64Assembler();
        Label loop = asm.newLabel("loop");
        Label done = asm.newLabel("done");
        asm.emit(MOV_X1_X0).emit(MOV_X0_0).cbz(X1, done)
                .bind(loop).emit(ADD_X0_X0_X1).emit(SUBS_X1_X1_1).b(Condition.NE, loop)
                .bind(done).ret();
        byte[] code = asm.finish().toByteArray();
        assertThat(call(code, 0)).isEqualTo(0);
        assertThat(call(code, 1)).isEqualTo(1);
        assertThat(call(code, 100)).isEqualTo(5050);
    }

    @Test
    void loopSummingOneToNThroughText() throws Throwable {
        byte[] code = text(String.format("""
                    .word 0x%08x          // mov x1, x0
                    .word 0x%08x          // mov x0, #0
                    cbz x1, done
                loop:
                    .word 0x%08x          // add x0, x0, x1
                    .word 0x%08x          // subs x1, x1, #1
                    b.ne loop
                done:
                    ret
                """, MOV_X1_X0, MOV_X0_0, ADD_X0_X0_X1, SUBS_X1_X1_1));
        assertThat(call(code, 10)).isEqualTo(55);
        assertThat(call(code, 1000)).isEqualTo(500500);
    }

    @Test
    void functionCallingAnotherThroughBlWithAFrame() throws Throwable {
        A64Assembler asm = new A64Assembler();
        Label twice = asm.newLabel("twice");
        asm.emit(STP_FP_LR_PRE).emit(MOV_FP_SP).bl(twice).bl(twice).emit(LDP_FP_LR_POST).ret()
                .bind(twice).emit(ADD_X0_X0_X0).ret();
        assertThat(call(asm.finish().toByteArray(), 5)).isEqualTo(20);

        byte[] code = text(String.format("""
                entry:
                    .word 0x%08x          // stp x29, x30, [sp, #-16]!
                    .word 0x%08x          // mov x29, sp
                    bl twice
                    bl twice
                    bl twice
                    .word 0x%08x          // ldp x29, x30, [sp], #16
                    ret
                twice:
                    .word 0x%08x          // add x0, x0, x0
                    ret x30
                """, STP_FP_LR_PRE, MOV_FP_SP, LDP_FP_LR_POST, ADD_X0_X0_X0));
        assertThat(call(code, 7)).isEqualTo(56);
    }

    @Test
    void bitCountingLoopUsesTbzCbzAndB() throws Throwable {
        A64Assembler asm = new A64Assembler();
        Label loop = asm.newLabel("loop");
        Label skip = asm.newLabel("skip");
        Label done = asm.newLabel("done");
        asm.emit(MOV_X1_X0).emit(MOV_X0_0)
                .bind(loop).cbz(X1, done).tbz(X1, 0, skip).emit(ADD_X0_X0_1)
                .bind(skip).emit(LSR_X1_X1_1).b(loop)
                .bind(done).ret();
        byte[] code = asm.finish().toByteArray();
        assertThat(call(code, 0)).isZero();
        assertThat(call(code, 0b1011_0001)).isEqualTo(4);
        assertThat(call(code, -1)).isEqualTo(64);
    }

    @Test
    void cacheMaintenanceBarriersAndSystemRegistersRunAtEl0() throws Throwable {
        byte[] code = text(String.format("""
                    .word 0x%08x          // mov x1, sp
                    dc cvau, x1
                    dsb ish
                    ic ivau, x1
                    dsb ish
                    isb
                    dmb ishld
                    yield
                    nop
                    mrs x2, tpidr_el0     // the thread pointer: written back unchanged
                    msr tpidr_el0, x2
                    mrs x1, tpidr_el0
                    cbnz x1, read
                    brk #1
                read:
                    mrs x0, ctr_el0
                    ret
                """, MOV_X1_SP));
        assertThat(call(code, 0x1234)).as("CTR_EL0").isNotZero();
    }

    @Test
    void literalPoolLoadThroughText() throws Throwable {
        byte[] code = text("""
                    cbz x0, zero
                    ldr x0, =0x123456789abcdef0
                    ret
                zero:
                    ldr x0, =0x0fedcba987654321
                    ret
                """);
        assertThat(call(code, 1)).isEqualTo(0x123456789abcdef0L);
        assertThat(call(code, 0)).isEqualTo(0x0fedcba987654321L);
    }
}
