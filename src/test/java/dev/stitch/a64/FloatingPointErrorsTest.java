package dev.stitch.a64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of error of the scalar floating-point group says what was wrong, the value and what is allowed. */
class FloatingPointErrorsTest {
    private final A64Assembler asm = new A64Assembler();

    @Test
    void fbitsOutOfRange() {
        assertThatThrownBy(() -> asm.fcvtzs(W0, D0, 33))
                .isInstanceOf(A64EncodingException.class)
                .hasMessage("fcvtzs: fbits 33 is out of range; allowed 1..32");
        assertThatThrownBy(() -> asm.fcvtzu(X0, S0, 65)).hasMessage("fcvtzu: fbits 65 is out of range; allowed 1..64");
        assertThatThrownBy(() -> asm.scvtf(D0, X1, 0)).hasMessage("scvtf: fbits 0 is out of range; allowed 1..64");
        assertThatThrownBy(() -> asm.ucvtf(S0, W1, -1)).hasMessage("ucvtf: fbits -1 is out of range; allowed 1..32");
    }

    @Test
    void nzcvOutOfRange() {
        assertThatThrownBy(() -> asm.fccmp(D0, D1, 16, Condition.EQ))
                .hasMessage("fccmp: nzcv 16 is out of range; allowed 0..15");
        assertThatThrownBy(() -> asm.fccmpe(S0, S1, -1, Condition.NE))
                .hasMessage("fccmpe: nzcv -1 is out of range; allowed 0..15");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 32.0, 0.0625, 1.03125, -33.0, 100.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY})
    void unrepresentableFmovImmediate(double value) {
        assertThatThrownBy(() -> asm.fmov(D0, value))
                .isInstanceOf(A64EncodingException.class)
                .hasMessageStartingWith("fmov: immediate " + value + " is not representable as an 8-bit floating-point immediate")
                .hasMessageContaining("allowed ±(16..31)/16 × 2^(-3..4)")
                .hasMessageContaining("±0.125..±31.0");
        assertThat(FpImmediate.isEncodable(value)).isFalse();
    }

    @Test
    void compareWithNonZeroImmediate() {
        assertThatThrownBy(() -> asm.fcmp(D0, 1.0))
                .hasMessage("fcmp: immediate 1.0 cannot be compared with; allowed only #0.0 (or a register)");
        assertThatThrownBy(() -> asm.fcmpe(S0, -0.0)).hasMessageContaining("fcmpe: immediate -0.0");
    }

    @Test
    void stackPointerWhereOnlyZeroRegisterIsAllowed() {
        assertThatThrownBy(() -> asm.fcvtzs(SP, D0))
                .hasMessage("fcvtzs: destination sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> asm.scvtf(S0, WSP))
                .hasMessage("scvtf: source wsp is not allowed here; allowed w0..w30, wzr");
        assertThatThrownBy(() -> asm.fmov(D0, SP))
                .hasMessage("fmov: source sp is not allowed here; allowed x0..x30, xzr");
        assertThatThrownBy(() -> asm.fmov(WSP, S0))
                .hasMessage("fmov: destination wsp is not allowed here; allowed w0..w30, wzr");
        assertThatThrownBy(() -> asm.fcvtzu(SP, D0, 3))
                .hasMessage("fcvtzu: destination sp is not allowed here; allowed x0..x30, xzr");
    }

    @Test
    void mixedWidths() {
        assertThatThrownBy(() -> asm.fadd(D0, S1, D2))
                .hasMessage("fadd: registers d0, s1, d2 mix widths; allowed all s (single precision) or all d (double precision)");
        assertThatThrownBy(() -> asm.fmadd(S0, S1, S2, D3)).hasMessageContaining("fmadd: registers s0, s1, s2, d3 mix widths");
        assertThatThrownBy(() -> asm.fmov(X0, S1))
                .hasMessage("fmov: destination x0 and source s1 differ in width; allowed w with s, or x with d");
        assertThatThrownBy(() -> asm.fmov(S1, X0))
                .hasMessage("fmov: source x0 and destination s1 differ in width; allowed w with s, or x with d");
        assertThatThrownBy(() -> asm.fcvt(D0, D1))
                .hasMessage("fcvt: registers d0, d1 have the same width; allowed two different widths of h, s and d (use fmov to copy)");
    }

    @Test
    void wrongFpWidth() {
        assertThatThrownBy(() -> asm.fadd(H0, H1, H2))
                .hasMessage("fadd: operand 1 h0 has the wrong width; allowed s0..s31 or d0..d31 (half precision needs FullFP16)");
        assertThatThrownBy(() -> asm.fsqrt(D0, Q1))
                .hasMessage("fsqrt: operand 2 q1 has the wrong width; allowed s0..s31 or d0..d31 (half precision needs FullFP16)");
        assertThatThrownBy(() -> asm.scvtf(H0, W1)).hasMessage("scvtf: destination h0 has the wrong width; allowed s0..s31, d0..d31");
        assertThatThrownBy(() -> asm.fcvtzs(X0, B1)).hasMessage("fcvtzs: source b1 has the wrong width; allowed s0..s31, d0..d31");
        assertThatThrownBy(() -> asm.fcvt(Q0, D1)).hasMessage("fcvt: destination q0 has the wrong width; allowed h0..h31, s0..s31, d0..d31");
        assertThatThrownBy(() -> asm.fmov(H0, 1.0)).hasMessage("fmov: destination h0 has the wrong width; allowed s0..s31, d0..d31");
    }

    @Test
    void topHalfMoves() {
        assertThatThrownBy(() -> asm.fmovFromTopHalf(X0, D1))
                .hasMessage("fmov: source d1 has the wrong width; allowed q0..q31");
        assertThatThrownBy(() -> asm.fmovToTopHalf(Q1, W0))
                .hasMessage("fmov: source w0 must be a 64-bit register (x)");
        assertThatThrownBy(() -> asm.fmovFromTopHalf(SP, Q1))
                .hasMessage("fmov: destination sp is not allowed here; allowed x0..x30, xzr");
    }

    @Test
    void nothingIsWrittenWhenAnOperandIsRejected() {
        assertThatThrownBy(() -> asm.fdiv(D0, D1, S2)).isInstanceOf(A64EncodingException.class);
        assertThat(asm.position()).isZero();
    }

    private static A64SyntaxException syntaxError(String source) {
        try {
            A64TextAssembler.assemble(source, "fp.s");
        } catch (A64SyntaxException e) {
            return e;
        }
        throw new AssertionError("no error for: " + source);
    }

    @Test
    void textErrorsNameFileLineAndColumn() {
        A64SyntaxException e = syntaxError("fadd d0, d1, d2\n  fadd d0, x1, d2\n");
        assertThat(e.getMessage()).startsWith("fp.s:2:12: error: fadd: operand 2: expected an FP/SIMD register, found 'x1'");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(12);

        assertThat(syntaxError("fmov d0, #0.1").getMessage())
                .startsWith("fp.s:1:1: error: fmov: immediate 0.1 is not representable");
        assertThat(syntaxError("fmov d0, #0x100").getMessage())
                .startsWith("fp.s:1:1: error: fmov: encoded immediate 256 is out of range; allowed 0..255");
        assertThat(syntaxError("fcmp d0, #0").getMessage())
                .startsWith("fp.s:1:10: error: fcmp: operand 2: expected an FP register or #0.0, found '#0'");
        assertThat(syntaxError("fcmp d0, #1.0").getMessage())
                .startsWith("fp.s:1:1: error: fcmp: immediate 1.0 cannot be compared with; allowed only #0.0");
        assertThat(syntaxError("fcvtzs w0, d1, #33").getMessage())
                .startsWith("fp.s:1:1: error: fcvtzs: fbits 33 is out of range; allowed 1..32");
        assertThat(syntaxError("fcvtns w0, d1, #3").getMessage())
                .startsWith("fp.s:1:16: error: fcvtns: expected 2 operands, found 3");
        assertThat(syntaxError("fccmp d0, d1, #3, xx").getMessage())
                .startsWith("fp.s:1:19: error: fccmp: unknown condition 'xx'");
        assertThat(syntaxError("fccmp d0, d1, #16, eq").getMessage())
                .startsWith("fp.s:1:1: error: fccmp: nzcv 16 is out of range; allowed 0..15");
        assertThat(syntaxError("fmov x0, s1").getMessage())
                .startsWith("fp.s:1:1: error: fmov: destination x0 and source s1 differ in width");
        assertThat(syntaxError("scvtf d0, sp").getMessage())
                .startsWith("fp.s:1:1: error: scvtf: source sp is not allowed here; allowed x0..x30, xzr");
        assertThat(syntaxError("fmadd d0, d1, d2").getMessage())
                .startsWith("fp.s:1:17: error: fmadd: expected 4 operands, found 3");
        assertThat(syntaxError("fmov d0, [x0]").getMessage())
                .startsWith("fp.s:1:10: error: fmov: operand 2: expected an FP register, a general register or a floating-point immediate");
    }
}
