package dev.stitch.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every number an option takes is read the same way and never wraps; so are the addresses code is placed at. */
class NumberOptionTest {
    private static final String SUM = "examples/traces/sum.uops";

    private static void assertUsage(CliRun outcome, String message) {
        assertThat(outcome.status()).as(outcome.err()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: " + message + "\n");
    }

    @Test
    void disasmRefusesCodeThatWouldWrapPastTheTopOfTheAddressSpace() {
        byte[] four = {(byte) 0x1f, 0x20, 0x03, (byte) 0xd5};
        assertUsage(CliRun.with(four, "disasm", "--arch", "aarch64", "--base", "0xffffffffffffffff", "-"),
                "disasm: --base 0xffffffffffffffff is too high for the 4 bytes of <stdin>: they would run past the top"
                        + " of the 64-bit address space (0xffffffffffffffff); the highest base for them is 0xfffffffffffffffc");
        assertThat(CliRun.with(four, "disasm", "--arch", "aarch64", "--base", "0xfffffffffffffffc", "-").out())
                .isEqualTo("fffffffffffffffc: d503201f  nop\n");
        assertThat(CliRun.with(new byte[] {(byte) 0x90}, "disasm", "--arch", "x86_64", "--base", "18446744073709551615", "-")
                .out()).isEqualTo("ffffffffffffffff: 90                    nop\n");
        assertThat(CliRun.with(new byte[0], "disasm", "--base", "0xffffffffffffffff", "-")).isEqualTo(new CliRun(0, "", ""));
    }

    @Test
    void traceRefusesABaseTheCodeWouldWrapFrom() {
        for (String arch : new String[] {"aarch64", "x86_64"}) {
            CliRun high = CliRun.of("trace", "--arch", arch, "--base", "0xfffffffffffffff0", SUM);
            assertThat(high.status()).as(arch).isEqualTo(2);
            assertThat(high.out()).isEmpty();
            assertThat(high.err()).startsWith("stitch: trace: --base 0xfffffffffffffff0 is too high for the ")
                    .contains(" bytes of trace sum (PER_TRACE): they would run past the top of the 64-bit address space");
            String highest = high.err().replaceAll("(?s).*the highest base for them is (0x[0-9a-f]+)\n.*", "$1");
            assertThat(Long.parseUnsignedLong(highest.substring(2), 16) % 16).isZero();
            assertThat(CliRun.of("trace", "--arch", arch, "--base", highest, SUM).status()).as(highest).isZero();
            assertThat(CliRun.of("trace", "--arch", arch, "--strategy", "all", "--base", "0xfffffffffffffff0", SUM)
                    .status()).isEqualTo(2);
        }
    }

    @Test
    void runTakesEvery64BitValueInDecimalAsInHex() {
        String min = "locals: -9223372036854775808, 0\n";
        assertThat(CliRun.of("trace", "--run", "-9223372036854775808,0", SUM).out()).contains(min);
        assertThat(CliRun.of("trace", "--run", "0x8000000000000000,0", SUM).out()).contains(min);
        assertThat(CliRun.of("trace", "--run", "-0x8000000000000000,0", SUM).out()).contains(min);
        String minusOne = "exit 1\nlocals: -1, 7\n";
        assertThat(CliRun.of("trace", "--run", "0xffffffffffffffff,7", SUM).out()).isEqualTo(minusOne + "stack: (empty)\n");
        assertThat(CliRun.of("trace", "--run", "18446744073709551615,7", SUM).out()).isEqualTo(minusOne + "stack: (empty)\n");
    }

    @Test
    void valuesOutOfRangeNameTheOptionTheValueAndTheRange() {
        String bits = "allowed -9223372036854775808..9223372036854775807, or a bit pattern up to 0xffffffffffffffff"
                + " (18446744073709551615), in decimal or 0x hex";
        assertUsage(CliRun.of("trace", "--run", "1,-9223372036854775809", SUM),
                "trace: --run (the value of local 1) -9223372036854775809 is out of range; " + bits);
        assertUsage(CliRun.of("trace", "--run", "0x10000000000000000", SUM),
                "trace: --run (the value of local 0) 0x10000000000000000 is out of range; " + bits);
        assertUsage(CliRun.of("trace", "--run", "1,x", SUM), "trace: --run (the value of local 1) takes a 64-bit integer, "
                + bits.substring("allowed ".length()) + "; got 'x'");
        String addresses = "0..0xffffffffffffffff (decimal or 0x hex)";
        assertUsage(CliRun.of("disasm", "--base", "-16", "f"), "disasm: --base -16 is out of range; allowed " + addresses);
        assertUsage(CliRun.of("disasm", "--base", "0x1_0000", "f"), "disasm: --base takes an address, " + addresses
                + "; got '0x1_0000'");
        assertUsage(CliRun.of("trace", "--base", "0x10000000000000000", SUM),
                "trace: --base 0x10000000000000000 is out of range; allowed " + addresses);
        assertUsage(CliRun.of("run", "--jit-threshold", "0", "f.tiny"),
                "run: --jit-threshold 0 is out of range; allowed 1..2147483647 (decimal or 0x hex)");
        assertUsage(CliRun.of("run", "--jit-threshold", "2147483648", "f.tiny"),
                "run: --jit-threshold 2147483648 is out of range; allowed 1..2147483647 (decimal or 0x hex)");
    }

    @Test
    void decimalAndHexAreTheSameEverywhere() {
        // the first two lines: where the code is; later ones hold symbol addresses that differ from run to run
        assertThat(CliRun.of("trace", "--arch", "x86_64", "--shape", "stack", "--base", "65536", SUM).out().lines().limit(2))
                .containsExactly("# compiled at 0x10000 (--base) for inspection",
                        "trace sum: 19 uops, x86-64, strategy PER_TRACE, shape STACK, 472 bytes at 0x10000 (compiled for inspection, not installed)");
        assertThat(CliRun.with("print(1)\n", "run", "--jit-threshold", "0x10", "-").out()).isEqualTo("1\n");
    }
}
