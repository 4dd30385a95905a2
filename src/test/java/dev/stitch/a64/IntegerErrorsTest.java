package dev.stitch.a64;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of operand error of the integer group says what was wrong, the value, and what is allowed. */
class IntegerErrorsTest {
    private static void fails(ThrowingCallable call, String... parts) {
        var assertion = assertThatThrownBy(call).isInstanceOf(A64EncodingException.class);
        for (String part : parts) {
            assertion.hasMessageContaining(part);
        }
    }

    private static A64Assembler asm() {
        return new A64Assembler();
    }

    @Test
    void immediatesOutOfRange() {
        fails(() -> asm().add(X0, X1, 4097), "add: immediate 4097 is out of range",
                "allowed 0..4095, or a multiple of 4096 in 4096..16773120");
        fails(() -> asm().subs(X0, X1, -1), "subs: immediate -1 is out of range");
        fails(() -> asm().add(X0, X1, 4096, 12), "add: immediate 4096 is out of range; allowed 0..4095");
        fails(() -> asm().add(X0, X1, 1, 8), "add: shift lsl #8 is not allowed; allowed lsl #0 or lsl #12");
        fails(() -> asm().add(X0, X1, X2, Shift.LSL, 64), "add: shift amount 64 is out of range; allowed 0..63");
        fails(() -> asm().orr(W0, W1, W2, Shift.ROR, 32), "orr: shift amount 32 is out of range; allowed 0..31");
        fails(() -> asm().add(X0, X1, W2, Extend.UXTW, 5), "add: extend amount 5 is out of range; allowed 0..4");
        fails(() -> asm().movz(X0, 0x10000), "movz: immediate 65536 is out of range; allowed 0..65535");
        fails(() -> asm().movk(W0, 1, 32), "movk: shift lsl #32 is not allowed; allowed lsl #0 or #16");
        fails(() -> asm().movn(X0, 1, 8), "movn: shift lsl #8 is not allowed; allowed lsl #0, #16, #32 or #48");
        fails(() -> asm().adr(X0, 1 << 20), "adr: offset 1048576 is out of range; allowed -1048576..1048575");
        fails(() -> asm().adrp(X0, 1L << 32), "adrp: offset 4294967296 is out of range; allowed -4294967296..4294963200");
        fails(() -> asm().lsl(X0, X1, 64), "lsl: shift 64 is out of range; allowed 0..63");
        fails(() -> asm().ror(W0, W1, 32), "ror: shift 32 is out of range; allowed 0..31");
        fails(() -> asm().ubfx(W0, W1, 30, 3), "ubfx: width 3 is out of range; allowed 1..2");
        fails(() -> asm().bfi(X0, X1, 64, 1), "bfi: lsb 64 is out of range; allowed 0..63");
        fails(() -> asm().sbfm(W0, W1, 32, 0), "sbfm: immr 32 is out of range; allowed 0..31");
        fails(() -> asm().extr(X0, X1, X2, 64), "extr: lsb 64 is out of range; allowed 0..63");
        fails(() -> asm().ccmp(X0, 32, 0, Condition.EQ), "ccmp: immediate 32 is out of range; allowed 0..31");
        fails(() -> asm().ccmn(X0, X1, 16, Condition.EQ), "ccmn: nzcv 16 is out of range; allowed 0..15");
        fails(() -> asm().mov(W0, 0x1_0000_0000L), "mov: immediate 4294967296 is out of range for w0",
                "allowed -2147483648..4294967295");
    }

    @Test
    void misalignedOffset() {
        fails(() -> asm().adrp(X0, 100), "adrp: offset 100 is not a multiple of 4096");
    }

    @Test
    void valuesWithoutAnEncoding() {
        fails(() -> asm().and(X0, X1, 0x1234), "and: immediate 0x1234 is not a bitmask immediate",
                "smallest repeating element is the 64-bit 0x1234", "allowed values are 64-bit repetitions");
        fails(() -> asm().orr(W0, W1, 0), "orr: immediate 0x0 is not a bitmask immediate",
                "0 has no bitmask encoding (no set bits)");
        fails(() -> asm().eor(W0, W1, -1), "all-ones has no bitmask encoding");
        fails(() -> asm().tst(W0, 0x1_0000_0000L), "tst: immediate 0x100000000", "it does not fit in 32 bits");
        fails(() -> asm().mov(X0, 0x1234_5678L), "mov: immediate 0x12345678 cannot be made by one movz, movn or orr",
                "use mov64");
    }

    @Test
    void wrongKindOfRegister31() {
        fails(() -> asm().add(X0, XZR, 1), "add: rn xzr is not allowed here; allowed x0..x30, sp");
        fails(() -> asm().adds(SP, X1, 1), "adds: rd sp is not allowed here; allowed x0..x30, xzr");
        fails(() -> asm().add(X0, X1, SP), "add: rm sp is not allowed here; allowed x0..x30, xzr");
        fails(() -> asm().and(W0, WSP, W1), "and: rn wsp is not allowed here; allowed w0..w30, wzr");
        fails(() -> asm().and(XZR, X1, 0xff), "and: rd xzr is not allowed here; allowed x0..x30, sp");
        fails(() -> asm().ands(SP, X1, 0xff), "ands: rd sp is not allowed here; allowed x0..x30, xzr");
        fails(() -> asm().mov(XZR, SP), "mov: rd xzr is not allowed here; allowed x0..x30, sp");
        fails(() -> asm().movz(SP, 1), "movz: rd sp is not allowed here");
        fails(() -> asm().mul(X0, SP, X1), "mul: rn sp is not allowed here");
        fails(() -> asm().csel(X0, X1, SP, Condition.EQ), "csel: rm sp is not allowed here");
        fails(() -> asm().add(X0, X1, X2, Shift.ROR, 1), "add: shift ror is not allowed; allowed lsl, lsr, asr");
        fails(() -> asm().add(X0, SP, X2, Shift.LSL, 5),
                "add: shift lsl #5 is not allowed with sp; allowed lsl #0..4 (the extended-register form)");
        fails(() -> asm().sub(SP, X1, X2, Shift.ASR, 1), "sub: shift asr #1 is not allowed with sp");
    }

    @Test
    void mixedWidths() {
        fails(() -> asm().add(X0, W1, X2), "add: registers x0, w1, x2 mix 32-bit and 64-bit views");
        fails(() -> asm().add(X0, X1, X2, Extend.UXTW, 0), "add: rm x2 must be a 32-bit register (w)");
        fails(() -> asm().add(X0, X1, W2, Extend.SXTX, 0), "add: rm w2 must be a 64-bit register (x)");
        fails(() -> asm().smull(X0, X1, W2), "smull: rn x1 must be a 32-bit register (w)");
        fails(() -> asm().smulh(W0, W1, W2), "smulh: rd w0 must be a 64-bit register (x)");
        fails(() -> asm().rev32(W0, W1), "rev32: rd w0 must be a 64-bit register (x)");
        fails(() -> asm().adr(W0, 0), "adr: rd w0 must be a 64-bit register (x)");
        fails(() -> asm().sxtw(X0, X1), "sxtw: rn x1 must be a 32-bit register (w)");
        fails(() -> asm().madd(X0, X1, X2, W3), "madd: registers x0, x1, x2, w3 mix 32-bit and 64-bit views");
    }

    @Test
    void conditionsTheAliasesRefuse() {
        fails(() -> asm().cset(X0, Condition.AL), "cset: condition al is not allowed",
                "allowed eq ne hs lo mi pl vs vc hi ls ge lt gt le");
        fails(() -> asm().cneg(X0, X1, Condition.NV), "cneg: condition nv is not allowed");
    }

    private static void textFails(String source, String... parts) {
        var assertion = assertThatThrownBy(() -> A64TextAssembler.assemble(source, "int.s"))
                .isInstanceOf(A64SyntaxException.class);
        for (String part : parts) {
            assertion.hasMessageContaining(part);
        }
    }

    @Test
    void textErrorsNameFileLineAndColumn() {
        textFails("nop_label:\n  add x0, x1, #4097", "int.s:2:3: error: add: immediate 4097 is out of range");
        textFails("add x0, x1, lsl #3", "int.s:1:13: error: add: operand 3: expected a general-purpose register,"
                + " found 'lsl #3'");
        textFails("addd x0, x1", "int.s:1:1: error: unknown instruction 'addd'");
        textFails("add x0, x1", "int.s:1:", "add: expected 3 or 4 operands, found 2");
        textFails("add x0, x1, #1, lsl #3", "int.s:1:17: error: add: shift 'lsl #3' is not allowed; allowed lsl #0 or lsl #12");
        textFails("movz x0, #1, lsr #16", "int.s:1:14: error: movz: shift 'lsr #16' is not allowed");
        textFails("cset x0, xx", "int.s:1:10:", "unknown condition 'xx'");
        textFails("cset x0, al", "int.s:1:1: error: cset: condition al is not allowed");
        textFails("and w0, w1, #0x1234", "and: immediate 0x1234 is not a bitmask immediate");
        textFails("mov x0, #0x12345678", "mov: immediate 0x12345678 cannot be made by one movz, movn or orr");
        textFails("adr x0, nowhere", "int.s:1:1: error: label 'nowhere' is used but never defined");
        textFails("adr x0, x1", "int.s:1:9: error: adr: operand 2: expected a label or an immediate offset");
        textFails("add x0, sp, w1", "add: rm w1 must be a 64-bit register (x)");
        textFails("add x0, x1, x2, uxtw #2", "add: rm x2 must be a 32-bit register (w)");
        textFails("lsl x0, x1, #64", "lsl: shift 64 is out of range; allowed 0..63");
        textFails("ubfx x0, x1, #0x100000000, #1", "ubfx: immediate 4294967296 is out of range");
        textFails("cmp x0, xzr, lsl #64", "cmp: shift amount 64 is out of range; allowed 0..63");
        textFails("neg x0, sp", "neg: rm sp is not allowed here; allowed x0..x30, xzr");
    }
}
