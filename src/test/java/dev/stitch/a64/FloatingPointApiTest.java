package dev.stitch.a64;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import java.util.function.Consumer;

import static dev.stitch.a64.Registers.*;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scalar floating-point API: words for a few known instructions, the 8-bit immediate codec,
 * and small functions assembled with the API and run for real on an AArch64 JVM.
 */
class FloatingPointApiTest {
    /** {@code ret} (x30), written raw so this test depends only on its own group. */
    private static final int RET = 0xd65f03c0;

    private static int word(Consumer<A64Assembler> code) {
        A64Assembler asm = new A64Assembler();
        code.accept(asm);
        byte[] b = asm.finish().toByteArray();
        assertThat(b).hasSize(4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    @Test
    void knownWords() {
        assertThat(word(a -> a.fadd(D0, D1, D2))).isEqualTo(0x1e622820);
        assertThat(word(a -> a.fmov(D0, 1.0))).isEqualTo(0x1e6e1000);
        assertThat(word(a -> a.fmov(D0, 31.0))).isEqualTo(0x1e67f000);
        assertThat(word(a -> a.fmov(S0, -31.0))).isEqualTo(0x1e37f000);
        assertThat(word(a -> a.fcmp(D0, 0.0))).isEqualTo(0x1e602008);
        assertThat(word(a -> a.fcvtzs(W0, D0, 32))).isEqualTo(0x1e588000);
        assertThat(word(a -> a.fcvt(H0, S1))).isEqualTo(0x1e23c020);
        assertThat(word(a -> a.fccmp(S0, S1, 15, Condition.NV))).isEqualTo(0x1e21f40f);
    }

    @Test
    void zeroImmediateIsAMoveFromTheZeroRegister() {
        assertThat(word(a -> a.fmov(D3, 0.0))).isEqualTo(word(a -> a.fmov(D3, XZR)));
        assertThat(word(a -> a.fmov(S3, 0.0))).isEqualTo(word(a -> a.fmov(S3, WZR)));
        assertThat(A64Disassembler.disassemble(word(a -> a.fmov(D3, 0.0)))).isEqualTo("fmov d3, xzr");
    }

    @Test
    void immediateCodecRoundTripsAll256Encodings() {
        for (int imm8 = 0; imm8 < 256; imm8++) {
            double value = FpImmediate.decode(imm8);
            assertThat(FpImmediate.encodeOrMinusOne(value)).as("value %s", value).isEqualTo(imm8);
            assertThat(Math.abs(value)).isBetween(FpImmediate.MIN_MAGNITUDE, FpImmediate.MAX_MAGNITUDE);
        }
        assertThat(FpImmediate.decode(0x70)).isEqualTo(1.0);
        assertThat(FpImmediate.decode(0x00)).isEqualTo(2.0);
        assertThat(FpImmediate.decode(0x7f)).isEqualTo(1.9375);
        assertThat(FpImmediate.decode(0x40)).isEqualTo(0.125);
        assertThat(FpImmediate.decode(0x3f)).isEqualTo(31.0);
        assertThat(FpImmediate.decode(0xbf)).isEqualTo(-31.0);
    }

    @Test
    void methodsChainAndDisassemble() {
        A64Assembler asm = new A64Assembler();
        assertThat(asm.fsqrt(D2, D0).fmadd(D0, D0, D1, D2).fcvtzs(X0, D0)).isSameAs(asm);
        CodeBufferText text = new CodeBufferText(asm.finish().toByteArray());
        assertThat(text.lines()).containsExactly("fsqrt d2, d0", "fmadd d0, d0, d1, d2", "fcvtzs x0, d0");
    }

    /** Disassembly of a whole buffer, one line per word. */
    private record CodeBufferText(byte[] bytes) {
        java.util.List<String> lines() {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int i = 0; i < bytes.length; i += 4) {
                int w = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16
                        | (bytes[i + 3] & 0xff) << 24;
                out.add(A64Disassembler.disassemble(w));
            }
            return out;
        }
    }

    // ---- execution on an AArch64 JVM ----

    private static void assumeAarch64() {
        Assumptions.assumeTrue(Architecture.host() == Architecture.AARCH64,
                "AArch64 code runs only on an AArch64 JVM; scripts/test runs this suite there under qemu");
    }

    private static byte[] code(Consumer<A64Assembler> body) {
        A64Assembler asm = new A64Assembler();
        body.accept(asm);
        asm.emit(RET);
        return asm.finish().toByteArray();
    }

    @Test
    void runsFloatingPointFunctions() throws Throwable {
        assumeAarch64();
        try (CodeArena arena = CodeArena.create()) {
            // double f(double a, double b) { return a * b + sqrt(a); }
            CodeRegion f = arena.install(code(a -> a.fsqrt(D2, D0).fmadd(D0, D0, D1, D2)));
            MethodHandle fh = f.handle(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE));
            assertThat((double) fh.invokeExact(9.0, 2.5)).isEqualTo(9.0 * 2.5 + 3.0);
            assertThat((double) fh.invokeExact(2.0, -1.0)).isEqualTo(Math.fma(2.0, -1.0, Math.sqrt(2.0)));

            // long g(double x) { return (long) x; }  (fcvtzs saturates like Java's cast)
            CodeRegion g = arena.install(code(a -> a.fcvtzs(X0, D0)));
            MethodHandle gh = g.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_DOUBLE));
            for (double x : new double[] {0.0, -0.0, 1.99, -1.99, 1e300, -1e300, Double.NaN, 123456789.75}) {
                assertThat((long) gh.invokeExact(x)).as("g(%s)", x).isEqualTo((long) x);
            }

            // double h(long n) { return n * 0.5; }
            CodeRegion h = arena.install(code(a -> a.scvtf(D0, X0).fmov(D1, 0.5).fmul(D0, D0, D1)));
            MethodHandle hh = h.handle(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_LONG));
            assertThat((double) hh.invokeExact(7L)).isEqualTo(3.5);
            assertThat((double) hh.invokeExact(-1L << 40)).isEqualTo((double) (-1L << 40) * 0.5);

            // double max(double a, double b) { return a > b ? a : b; }
            CodeRegion max = arena.install(code(a -> a.fcmp(D0, D1).fcsel(D0, D0, D1, Condition.GT)));
            MethodHandle maxh = max.handle(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE, JAVA_DOUBLE));
            assertThat((double) maxh.invokeExact(1.5, -2.0)).isEqualTo(1.5);
            assertThat((double) maxh.invokeExact(-3.0, 4.25)).isEqualTo(4.25);

            // int fixed(double x) { return (int) (x * 16); }  via fcvtzs w0, d0, #4
            CodeRegion fixed = arena.install(code(a -> a.fcvtzs(W0, D0, 4)));
            MethodHandle fixedh = fixed.handle(FunctionDescriptor.of(JAVA_INT, JAVA_DOUBLE));
            assertThat((int) fixedh.invokeExact(2.75)).isEqualTo(44);
            assertThat((int) fixedh.invokeExact(-0.5)).isEqualTo(-8);

            // long bits(double x) { return Double.doubleToRawLongBits(x); }
            CodeRegion bits = arena.install(code(a -> a.fmov(X0, D0)));
            MethodHandle bitsh = bits.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_DOUBLE));
            assertThat((long) bitsh.invokeExact(-1.5)).isEqualTo(Double.doubleToRawLongBits(-1.5));

            // float narrow(double x) { return (float) -Math.abs(x); }  via fabs, fneg, fcvt
            CodeRegion narrow = arena.install(code(a -> a.fabs(D0, D0).fneg(D0, D0).fcvt(S0, D0)));
            MethodHandle narrowh = narrow.handle(FunctionDescriptor.of(JAVA_FLOAT, JAVA_DOUBLE));
            assertThat((float) narrowh.invokeExact(3.1)).isEqualTo((float) -3.1);

            // double floor(double x) via frintm; double zero() via fmov d0, #0.0
            CodeRegion floor = arena.install(code(a -> a.frintm(D0, D0)));
            MethodHandle floorh = floor.handle(FunctionDescriptor.of(JAVA_DOUBLE, JAVA_DOUBLE));
            assertThat((double) floorh.invokeExact(-2.5)).isEqualTo(-3.0);
            CodeRegion zero = arena.install(code(a -> a.fmov(D0, 0.0)));
            MethodHandle zeroh = zero.handle(FunctionDescriptor.of(JAVA_DOUBLE));
            assertThat(Double.doubleToRawLongBits((double) zeroh.invokeExact())).isZero();
        }
    }
}
