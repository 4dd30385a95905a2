package dev.stitch.x64;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static dev.stitch.x64.Registers.CL;
import static dev.stitch.x64.Registers.EAX;
import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RBX;
import static dev.stitch.x64.Registers.RCX;
import static dev.stitch.x64.Registers.RDI;
import static dev.stitch.x64.Registers.RDX;
import static dev.stitch.x64.Registers.RSI;
import static dev.stitch.x64.Registers.RSP;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real functions (System V: arguments in rdi, rsi; result in rax) built through the
 * {@link X64Assembler} API and through {@link X64TextAssembler}, installed with {@link CodeArena}
 * and called through a downcall. Runs only on an x86-64 JVM.
 */
class X64ExecutionTest {
    private static final FunctionDescriptor LONG_TO_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG);
    private static final FunctionDescriptor TWO_LONGS = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);

    @BeforeEach
    void onlyOnX86() {
        assumeTrue(Architecture.host() == Architecture.X86_64, "x86-64 code runs only on an x86-64 JVM");
    }

    private static long call(byte[] code, long argument) throws Throwable {
        try (CodeArena arena = CodeArena.create()) {
            CodeRegion region = arena.install(code);
            MethodHandle handle = region.handle(LONG_TO_LONG);
            return (long) handle.invokeExact(argument);
        }
    }

    private static long call(byte[] code, long a, long b) throws Throwable {
        try (CodeArena arena = CodeArena.create()) {
            CodeRegion region = arena.install(code);
            MethodHandle handle = region.handle(TWO_LONGS);
            return (long) handle.invokeExact(a, b);
        }
    }

    @Test
    void loopSummingOneToNThroughTheApi() throws Throwable {
        X64Assembler asm = new X64Assembler();
        Label loop = asm.newLabel("loop");
        Label done = asm.newLabel("done");
        asm.xor(EAX, EAX).test(RDI, RDI).jcc(Condition.E, done)
                .bind(loop).add(RAX, RDI).sub(RDI, 1).jcc(Condition.NE, loop)
                .bind(done).ret();
        byte[] code = asm.finish();
        assertThat(call(code, 0)).isZero();
        assertThat(call(code, 1)).isEqualTo(1);
        assertThat(call(code, 100)).isEqualTo(5050);
    }

    @Test
    void loopSummingOneToNThroughText() throws Throwable {
        byte[] code = X64TextAssembler.assemble("""
                    xor eax, eax
                    test rdi, rdi
                    jz done               # forward: relaxed to rel8
                loop:
                    add rax, rdi
                    dec_by_one: sub rdi, 1
                    jnz loop
                done:
                    ret
                """, "sum.s").bytes();
        assertThat(call(code, 10)).isEqualTo(55);
        assertThat(call(code, 1000)).isEqualTo(500500);
    }

    @Test
    void callThroughARegisterToALocalFunction() throws Throwable {
        X64Assembler asm = new X64Assembler();
        Label twice = asm.newLabel("twice");
        asm.push(RBX).lea(RBX, Mem.rip(twice)).mov(RAX, RDI)
                .mov(RDI, RAX).call(RBX).mov(RDI, RAX).call(RBX).mov(RDI, RAX).call(twice)
                .pop(RBX).ret()
                .bind(twice).lea(RAX, Mem.of(RDI, RDI, 1, 0)).ret();
        assertThat(call(asm.finish(), 5)).isEqualTo(40);

        byte[] code = X64TextAssembler.assemble("""
                    push rbx
                    lea rbx, [rip + twice]
                    call rbx                  // twice(rdi)
                    mov rdi, rax
                    push rbx ; call qword ptr [rsp] ; pop rcx   # through a slot on the stack
                    pop rbx
                    ret
                twice:
                    lea rax, [rdi + rdi*1]
                    ret
                """, "call.s").bytes();
        assertThat(call(code, 3)).isEqualTo(12);
    }

    @Test
    void divisionShiftsAndConditions() throws Throwable {
        // (a / b) with cqo; idiv, then << 3 by cl, then max with a via cmp/cmovl.
        X64Assembler asm = new X64Assembler();
        asm.mov(RAX, RDI).cqo().idiv(RSI)
                .mov(RCX, 3).shl(RAX, CL)
                .cmp(RAX, RDI).cmovcc(Condition.L, RAX, RDI)
                .ret();
        byte[] code = asm.finish();
        assertThat(call(code, 100, 7)).isEqualTo(Math.max((100 / 7) << 3, 100));
        assertThat(call(code, 1000, 7)).isEqualTo(Math.max((1000 / 7) << 3, 1000));
        assertThat(call(code, -1000, 7)).isEqualTo(Math.max((-1000 / 7) << 3, -1000));

        X64Assembler cmp = new X64Assembler();
        cmp.xor(EAX, EAX).cmp(RDI, RSI).setcc(Condition.G, Registers.AL).neg(RAX).ret();
        byte[] gt = cmp.finish();
        assertThat(call(gt, 5, 3)).isEqualTo(-1);
        assertThat(call(gt, 3, 5)).isZero();
    }

    @Test
    void stackMemoryOperandsAndImmediates() throws Throwable {
        X64Assembler asm = new X64Assembler();
        asm.push(RDI).push(1000)
                .add(Mem.of(RSP, 8).qword(), 5)            // arg + 5
                .imul(RAX, Mem.of(RSP, 8), 3)              // (arg + 5) * 3
                .add(RAX, Mem.of(RSP, 0))                  // + 1000
                .mov(RDX, Mem.of(RSP, 0).withDisp32())     // patchable-field form reads the same
                .sub(RAX, RDX).add(RAX, RDX)
                .movzx(Registers.ECX, Mem.of(RSP, 8).byteSize())
                .movsxd(RDX, Registers.ECX)
                .add(RAX, RDX)                            // + low byte of (arg + 5)
                .pop(RDX).pop(RDX).ret();
        byte[] code = asm.finish();
        assertThat(call(code, 10)).isEqualTo((10 + 5) * 3 + 1000 + 15);
        assertThat(call(code, 300)).isEqualTo((300 + 5) * 3 + 1000 + (305 & 0xff));
    }

    @Test
    void signExtensionIncrementAndUnsignedMultiply() throws Throwable {
        // movsx of the low byte, + 1 twice, - 1 once, then * 3 with mul (rdx is clobbered).
        X64Assembler asm = new X64Assembler();
        asm.movsx(RAX, Registers.DIL).inc(RAX).inc(RAX).dec(RAX).mov(RCX, 3).mul(RCX).ret();
        byte[] code = asm.finish();
        assertThat(call(code, 0x7f)).isEqualTo((0x7f + 1) * 3);
        assertThat(call(code, 0xff)).isEqualTo((-1 + 1) * 3);
        assertThat(call(code, 0x180)).isEqualTo((-128 + 1) * 3);
    }

    @Test
    void movabsAndRipRelativeData() throws Throwable {
        X64Assembler asm = new X64Assembler();
        Label data = asm.newLabel("data");
        asm.movabs(RAX, 0x1122334455667788L).add(RAX, Mem.rip(data)).ret()
                .align(8).bind(data).emit64(0x0100000000000001L);
        assertThat(call(asm.finish(), 0)).isEqualTo(0x1122334455667788L + 0x0100000000000001L);
    }
}
