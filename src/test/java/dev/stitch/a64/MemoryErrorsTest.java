package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of error a load or store can raise, through the API and through the text assembler. */
class MemoryErrorsTest {
    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> text(String line) {
        return assertThatThrownBy(() -> A64TextAssembler.assemble(line, "m.s")).isInstanceOf(A64SyntaxException.class);
    }

    @Test
    void offsetOutOfRange() {
        assertThatThrownBy(() -> new A64Assembler().ldr(X0, Address.of(X1, 32768)))
                .isInstanceOf(A64EncodingException.class)
                .hasMessage("ldr: offset 32768 is out of range; allowed multiples of 8 in 0..32760, or -256..255 (as ldur)");
        assertThatThrownBy(() -> new A64Assembler().ldrb(W0, Address.of(X1, -257)))
                .hasMessageContaining("ldrb: offset -257 is out of range").hasMessageContaining("0..4095");
        assertThatThrownBy(() -> new A64Assembler().ldur(X0, Address.of(X1, 256)))
                .hasMessage("ldur: offset 256 is out of range; allowed -256..255");
        assertThatThrownBy(() -> new A64Assembler().str(X0, Address.preIndex(X1, 256)))
                .hasMessage("str: pre-index offset 256 is out of range; allowed -256..255");
        assertThatThrownBy(() -> new A64Assembler().str(Q0, Address.postIndex(X1, -257)))
                .hasMessage("str: post-index offset -257 is out of range; allowed -256..255");
        assertThatThrownBy(() -> new A64Assembler().ldp(X0, X1, Address.of(X2, 512)))
                .hasMessage("ldp: offset 512 is out of range; allowed -512..504");
        assertThatThrownBy(() -> new A64Assembler().ldrPcRelative(X0, 1 << 20))
                .hasMessage("ldr: PC-relative offset 1048576 is out of range; allowed -1048576..1048572");
        text("  ldr x0, [x1, #65536]").hasMessageStartingWith("m.s:1:3: error: ldr: offset 65536 is out of range");
    }

    @Test
    void misalignedOffsets() {
        assertThatThrownBy(() -> new A64Assembler().ldr(X0, Address.of(X1, 4097)))
                .hasMessageContaining("ldr: offset 4097 is out of range and not a multiple of 8");
        assertThatThrownBy(() -> new A64Assembler().stp(W0, W1, Address.preIndex(SP, -6)))
                .hasMessage("stp: pre-index offset -6 is not a multiple of 4; allowed multiples of 4 in -256..252");
        assertThatThrownBy(() -> new A64Assembler().ldp(Q0, Q1, Address.postIndex(X0, 8)))
                .hasMessageContaining("ldp: post-index offset 8 is not a multiple of 16");
        assertThatThrownBy(() -> new A64Assembler().ldrPcRelative(W0, 6))
                .hasMessageContaining("ldr: PC-relative offset 6 is not a multiple of 4");
        text("ldr x0, [x1, x2, lsl #2]").hasMessageContaining("ldr: index shift amount 2 is not allowed; allowed 0 or 3");
    }

    @Test
    void wrongRegisterKinds() {
        assertThatThrownBy(() -> new A64Assembler().ldr(SP, Address.of(X0)))
                .hasMessage("ldr: data register sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> Address.of(XZR, 8))
                .hasMessage("address: base register xzr is not allowed; allowed x0..x30, sp");
        assertThatThrownBy(() -> Address.of(W1))
                .hasMessage("address: base register w1 is not allowed; allowed x0..x30, sp");
        assertThatThrownBy(() -> new A64Assembler().ldxr(X0, XZR))
                .hasMessage("ldxr: base register xzr is not allowed here; allowed x0..x30, sp");
        assertThatThrownBy(() -> new A64Assembler().ldadd(X0, SP, X1))
                .hasMessage("ldadd: destination register sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> Address.index(X0, SP))
                .hasMessageContaining("index register sp is not allowed");
        assertThatThrownBy(() -> Address.index(X0, X1, Extend.UXTW))
                .hasMessage("address: index register x1 with uxtw must be a 32-bit register (w)");
        assertThatThrownBy(() -> Address.index(X0, W1))
                .hasMessage("address: index register w1 with lsl must be a 64-bit register (x)");
        assertThatThrownBy(() -> Address.index(X0, X1, Extend.UXTX, 3))
                .hasMessageContaining("extend uxtx is not allowed");
        assertThatThrownBy(() -> new A64Assembler().ldr(B0, new Label("l")))
                .hasMessage("ldr: destination b0 has the wrong width; allowed s0..s31, d0..d31, q0..q31");
        assertThatThrownBy(() -> new A64Assembler().ldp(H0, H1, Address.of(X0)))
                .hasMessageContaining("ldp: first register h0 has the wrong width");
        text("ldr x0, [xzr]").hasMessageContaining("base register xzr is not allowed; allowed x0..x30, sp");
        text("stlr w0, [x1, #8]").hasMessageStartingWith("m.s:1:10: error: stlr: operand 2: expected a base register");
        text("ldadd w0, w1, [x2, #0]").hasMessageContaining("expected a base register such as [x0]");
    }

    @Test
    void compareAndSwapPairNeedsEvenOddPairs() {
        assertThatThrownBy(() -> new A64Assembler().casp(X1, X2, X4, X5, X0))
                .hasMessage("casp: compare registers x1, x2 are not an even/odd pair; allowed an even register and the"
                        + " next one, such as x0, x1");
        assertThatThrownBy(() -> new A64Assembler().caspal(W0, W1, W2, X3, X0))
                .hasMessageContaining("caspal: registers w0, w1, w2, x3 mix 32-bit and 64-bit views");
        text("caspl x0, x1, x2, x4, [x5]").hasMessageContaining("new value registers x2, x4 are not an even/odd pair");
    }

    @Test
    void mixedWidths() {
        assertThatThrownBy(() -> new A64Assembler().ldp(X0, W1, Address.of(X2)))
                .hasMessage("ldp: registers x0, w1 mix 32-bit and 64-bit views; allowed all x or all w");
        assertThatThrownBy(() -> new A64Assembler().cas(W0, X1, X2))
                .hasMessageContaining("cas: registers w0, x1 mix 32-bit and 64-bit views");
        assertThatThrownBy(() -> new A64Assembler().ldrb(X0, Address.of(X1)))
                .hasMessage("ldrb: data register x0 must be a 32-bit register (w)");
        assertThatThrownBy(() -> new A64Assembler().ldrsw(W0, Address.of(X1)))
                .hasMessage("ldrsw: data register w0 must be a 64-bit register (x)");
        assertThatThrownBy(() -> new A64Assembler().stxr(X0, X1, X2))
                .hasMessage("stxr: status register x0 must be a 32-bit register (w)");
        assertThatThrownBy(() -> new A64Assembler().ldp(S0, D1, Address.of(X2)))
                .hasMessageContaining("have different widths");
        assertThatThrownBy(() -> new A64Assembler().ldaddb(X0, W1, X2))
                .hasMessage("ldaddb: first register x0 must be a 32-bit register (w)");
    }

    @Test
    void unpredictableCombinations() {
        assertThatThrownBy(() -> new A64Assembler().ldr(X0, Address.preIndex(X0, 8)))
                .hasMessageContaining("is also the written-back base x0");
        assertThatThrownBy(() -> new A64Assembler().ldp(X0, X0, Address.of(X1)))
                .hasMessageContaining("ldp: both destination registers are number 0");
        assertThatThrownBy(() -> new A64Assembler().stp(X0, X1, Address.postIndex(X1, 16)))
                .hasMessageContaining("is also the written-back base x1");
        assertThatThrownBy(() -> new A64Assembler().stxr(W1, X1, X2))
                .hasMessageContaining("stxr: status register w1 is also a data or base register");
        assertThatThrownBy(() -> new A64Assembler().stlxp(W3, X1, X3, X2))
                .hasMessageContaining("stlxp: status register w3 is also a data register");
    }

    @Test
    void literalPoolErrors() {
        text("ldr w0, =0x1ffffffff")
                .hasMessageStartingWith("m.s:1:9: error: ldr: constant 8589934591 is too large for 32-bit register w0");
        assertThatThrownBy(() -> new A64Assembler().ldrLiteral(W0, 1L << 32))
                .hasMessage("ldr: 32-bit literal 4294967296 is out of range; allowed -2147483648..4294967295");
        assertThatThrownBy(() -> new A64Assembler().ldrLiteral(Q0, 1))
                .hasMessageContaining("ldr: destination q0 has the wrong width; allowed s0..s31, d0..d31");
        text("ldr q0, =1").hasMessageContaining("expected a memory operand, a label or #offset");
    }

    @Test
    void badSyntaxIsReportedWithFileLineAndColumn() {
        text("nop_free_line\n  ldr x0, [x1").hasMessageStartingWith("m.s:1:1: error: unknown instruction");
        text("\n  ldr x0, [x1").hasMessageStartingWith("m.s:2:");
        text("ldr x0, [x1, #8], #8").hasMessageContaining("a post-index offset follows a plain base such as [x0]");
        text("ldr x0, [x1, x2]!").hasMessageStartingWith("m.s:1:9: error: ldr: pre-index needs an immediate offset");
        text("ldur x0, [x1], #8").hasMessageStartingWith("m.s:1:16: error: ldur: expected 2 operands, found 3");
        text("ldp x0, x1").hasMessageContaining("ldp: expected 3 or 4 operands, found 2");
        text("ldxr x0, x1").hasMessageStartingWith("m.s:1:10: error: ldxr: operand 2: expected a memory operand");
        text("ldr x0, missing").hasMessageStartingWith("m.s:1:1: error: label 'missing' is used but never defined");
        text("ldr x0, [x1, #1, lsl #2]").hasMessageContaining("an immediate offset takes no shift or extend");
    }
}
