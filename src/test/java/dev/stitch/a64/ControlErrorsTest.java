package dev.stitch.a64;

import dev.stitch.a64.ControlInstructions.InstructionCacheOperation;
import dev.stitch.a64.ControlInstructions.SystemRegister;
import org.junit.jupiter.api.Test;

import static dev.stitch.a64.Registers.SP;
import static dev.stitch.a64.Registers.W0;
import static dev.stitch.a64.Registers.W3;
import static dev.stitch.a64.Registers.WSP;
import static dev.stitch.a64.Registers.WZR;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.XZR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of error of the branch and system group names the instruction, the value and what
 * is allowed; errors in text carry file:line:column.
 */
class ControlErrorsTest {
    private final A64Assembler asm = new A64Assembler();

    @Test
    void immediatesOutOfRange() {
        assertThatThrownBy(() -> asm.svc(65536)).isInstanceOf(A64EncodingException.class)
                .hasMessage("svc: immediate 65536 is out of range; allowed 0..65535");
        assertThatThrownBy(() -> asm.brk(-1)).hasMessage("brk: immediate -1 is out of range; allowed 0..65535");
        assertThatThrownBy(() -> asm.udf(70000)).hasMessage("udf: immediate 70000 is out of range; allowed 0..65535");
        assertThatThrownBy(() -> asm.hlt(65536)).hasMessageContaining("hlt: immediate 65536");
        assertThatThrownBy(() -> asm.hvc(65536)).hasMessageContaining("hvc: immediate 65536");
        assertThatThrownBy(() -> asm.dcps1(65536)).hasMessageContaining("dcps1: immediate 65536");
        assertThatThrownBy(() -> asm.dcps2(-5)).hasMessageContaining("dcps2: immediate -5");
        assertThatThrownBy(() -> asm.hint(128)).hasMessage("hint: number 128 is out of range; allowed 0..127");
        assertThatThrownBy(() -> asm.dmb(16)).hasMessage("dmb: option 16 is out of range; allowed 0..15");
        assertThatThrownBy(() -> asm.dsb(-1)).hasMessage("dsb: option -1 is out of range; allowed 0..15");
        assertThatThrownBy(() -> asm.isb(16)).hasMessage("isb: option 16 is out of range; allowed 0..15");
        assertThatThrownBy(() -> asm.clrex(16)).hasMessage("clrex: option 16 is out of range; allowed 0..15");
        assertThatThrownBy(() -> asm.msr(ControlInstructions.PstateField.DAIFSET, 16))
                .hasMessage("msr daifset: immediate 16 is out of range; allowed 0..15");
        assertThatThrownBy(() -> SystemRegister.of(1, 0, 0, 0, 0))
                .hasMessage("system register: op0 1 is out of range; allowed 2..3");
        assertThatThrownBy(() -> SystemRegister.of(3, 8, 0, 0, 0))
                .hasMessage("system register: op1 8 is out of range; allowed 0..7");
        assertThatThrownBy(() -> SystemRegister.of(3, 0, 16, 0, 0))
                .hasMessage("system register: CRn 16 is out of range; allowed 0..15");
    }

    @Test
    void bitNumberDependsOnTheRegisterWidth() {
        assertThatThrownBy(() -> asm.tbz(W3, 32, 0L))
                .hasMessage("tbz: bit number 32 is out of range for w3; allowed 0..31 for a w register, 0..63 for an x register");
        assertThatThrownBy(() -> asm.tbnz(X0, 64, 0L))
                .hasMessage("tbnz: bit number 64 is out of range; allowed 0..63");
        assertThatThrownBy(() -> asm.tbnz(X0, -1, 0L))
                .hasMessage("tbnz: bit number -1 is out of range; allowed 0..63");
    }

    @Test
    void misalignedAndOutOfReachOffsets() {
        assertThatThrownBy(() -> asm.b(2)).isInstanceOf(A64EncodingException.class)
                .hasMessage("b #2: target is 2 bytes away, not a multiple of 4; b/bl targets must be 4-byte aligned");
        assertThatThrownBy(() -> asm.cbz(X0, -6)).hasMessageContaining("cbz x0, #-6: target is -6 bytes away, not a multiple of 4");
        assertThatThrownBy(() -> asm.tbz(X0, 1, 1L)).hasMessageContaining("not a multiple of 4");
        assertThatThrownBy(() -> asm.bl(134217728))
                .hasMessage("bl #134217728: target is 134217728 bytes away, out of range; b/bl reaches -134217728..134217724 bytes");
        assertThatThrownBy(() -> asm.b(Condition.EQ, -1048580))
                .hasMessage("b.eq #-1048580: target is -1048580 bytes away, out of range;"
                        + " b.cond/cbz/cbnz/ldr literal reaches -1048576..1048572 bytes");
        assertThatThrownBy(() -> asm.tbnz(W0, 3, 32768L))
                .hasMessage("tbnz w0, #3, #32768: target is 32768 bytes away, out of range; tbz/tbnz reaches -32768..32764 bytes");
    }

    @Test
    void wrongRegisterKinds() {
        assertThatThrownBy(() -> asm.cbz(SP, 0)).hasMessage("cbz: register sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> asm.cbnz(WSP, 0)).hasMessage("cbnz: register wsp is not allowed here; allowed w0..w30, wzr");
        assertThatThrownBy(() -> asm.tbz(SP, 0, 0L)).hasMessageContaining("tbz: register sp is not allowed here");
        assertThatThrownBy(() -> asm.br(SP)).hasMessage("br: register sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> asm.blr(W0)).hasMessage("blr: register w0 must be a 64-bit register (x)");
        assertThatThrownBy(() -> asm.ret(WZR)).hasMessage("ret: register wzr must be a 64-bit register (x)");
        assertThatThrownBy(() -> asm.mrs(W0, SystemRegister.NZCV)).hasMessage("mrs: register w0 must be a 64-bit register (x)");
        assertThatThrownBy(() -> asm.mrs(SP, SystemRegister.NZCV)).hasMessageContaining("mrs: register sp is not allowed here");
        assertThatThrownBy(() -> asm.msr(SystemRegister.FPCR, W0)).hasMessage("msr: register w0 must be a 64-bit register (x)");
        assertThatThrownBy(() -> asm.dc(ControlInstructions.DataCacheOperation.ZVA, SP))
                .hasMessageContaining("dc zva: register sp is not allowed here");
        assertThatThrownBy(() -> asm.ic(InstructionCacheOperation.IVAU, W0))
                .hasMessage("ic ivau: register w0 must be a 64-bit register (x)");
    }

    @Test
    void readOnlySystemRegistersAndCacheOperandCounts() {
        assertThatThrownBy(() -> asm.msr(SystemRegister.CTR_EL0, X1))
                .hasMessage("msr: system register ctr_el0 is read-only; read it with mrs");
        assertThatThrownBy(() -> asm.msr(SystemRegister.of(3, 3, 14, 0, 2), X1))
                .hasMessage("msr: system register cntvct_el0 is read-only; read it with mrs");
        assertThatThrownBy(() -> asm.ic(InstructionCacheOperation.IALLU, XZR))
                .hasMessage("ic iallu: takes no register, found xzr; allowed 'ic iallu' alone");
        assertThatThrownBy(() -> asm.ic(InstructionCacheOperation.IVAU))
                .hasMessage("ic ivau: needs an address register; allowed 'ic ivau, x0'..'x30'");
        assertThat(asm.position()).as("nothing written by failed calls").isZero();
    }

    private static A64SyntaxException textError(String source) {
        try {
            A64TextAssembler.assemble(source, "t.s");
        } catch (A64SyntaxException e) {
            return e;
        }
        throw new AssertionError("no error for: " + source);
    }

    @Test
    void textErrorsCarryFileLineColumn() {
        assertThat(textError("nop\n    hint #128\n").getMessage())
                .startsWith("t.s:2:5: error: hint: number 128 is out of range; allowed 0..127");
        assertThat(textError("  dmb foo").getMessage())
                .startsWith("t.s:1:7: error: dmb: operand 1: expected a barrier option").contains("found 'foo'");
        assertThat(textError("mrs x0, foo_el9").getMessage())
                .startsWith("t.s:1:9: error: mrs: operand 2: expected a system register").contains("found 'foo_el9'");
        assertThat(textError("msr ctr_el0, x0").getMessage())
                .startsWith("t.s:1:1: error: msr: system register ctr_el0 is read-only");
        assertThat(textError("mrs x0, s3_3_c16_c0_0").getMessage())
                .startsWith("t.s:1:9: error: mrs: system register: CRn 16 is out of range; allowed 0..15");
        assertThat(textError("tbz w0, #32, #0").getMessage())
                .startsWith("t.s:1:1: error: tbz: bit number 32 is out of range for w0");
        assertThat(textError("cbz sp, #4").getMessage())
                .startsWith("t.s:1:1: error: cbz: register sp is not allowed here; allowed x0..x30, xzr");
        assertThat(textError("blr w1").getMessage()).startsWith("t.s:1:1: error: blr: register w1 must be a 64-bit register");
        assertThat(textError("b #2").getMessage()).startsWith("t.s:1:1: error: b #2: target is 2 bytes away, not a multiple of 4");
        assertThat(textError("bti x").getMessage()).startsWith("t.s:1:5: error: bti: operand 1: expected a bti target");
        assertThat(textError("isb ish").getMessage()).startsWith("t.s:1:5: error: isb: operand 1: expected 'sy'");
        assertThat(textError("dc foo, x0").getMessage()).startsWith("t.s:1:4: error: dc: operand 1: expected a dc operation");
        assertThat(textError("ic ivau").getMessage()).startsWith("t.s:1:1: error: ic ivau: needs an address register");
        assertThat(textError("ret x0, x1").getMessage()).startsWith("t.s:1:9: error: ret: expected 0 or 1 operands, found 2");
        assertThat(textError("b").getMessage()).startsWith("t.s:1:2: error: b: expected 1 operands, found 0");
        assertThat(textError("cbz x0, x1").getMessage())
                .startsWith("t.s:1:9: error: cbz: operand 2: expected a label or an offset such as #8, found 'x1'");
        assertThat(textError("b.xx somewhere").getMessage()).startsWith("t.s:1:1: error: unknown instruction 'b.xx'");
        assertThat(textError("msr nzcv, #1").getMessage())
                .startsWith("t.s:1:5: error: msr: operand 1: expected a PSTATE field for an immediate");
        assertThat(textError("msr spsel, #16").getMessage())
                .startsWith("t.s:1:1: error: msr spsel: immediate 16 is out of range; allowed 0..15");
        assertThat(textError("svc #0x10000").getMessage())
                .startsWith("t.s:1:1: error: svc: immediate 65536 is out of range; allowed 0..65535");
    }

    @Test
    void labelErrorsInText() {
        assertThat(textError("nop\n  b.eq nowhere\n").getMessage())
                .startsWith("t.s:2:3: error: label 'nowhere' is used but never defined");
        assertThat(textError("here: nop\nhere: nop\n").getMessage())
                .startsWith("t.s:2:1: error: label 'here' is already defined");
        StringBuilder far = new StringBuilder("tbz x0, #1, far\n");
        far.append("nop\n".repeat(8192));
        far.append("far: ret\n");
        assertThat(textError(far.toString()).getMessage())
                .startsWith("t.s:1:1: error: tbz w0, #1, far: target is 32772 bytes away, out of range;"
                        + " tbz/tbnz reaches -32768..32764 bytes");
    }
}
