package dev.stitch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch asm} and {@code stitch disasm} for AArch64: listings, raw bytes, errors. */
class AsmDisasmCommandTest {
    private static CliRun run(String stdin, String... args) {
        return CliRun.with(stdin, args);
    }

    @Test
    void asmPrintsAListingAndWritesTheBytes(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("f.s");
        Path binary = dir.resolve("f.bin");
        Files.writeString(source, """
                // add two numbers
                add x0, x0, x1
                loop: subs x0, x0, #1 ; b.ne loop
                ret
                .quad 0x1122334455667788
                """);
        CliRun outcome = run("", "asm", "--arch", "aarch64", "-o", binary.toString(), source.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("""
                0000: 8b010000  add x0, x0, x1
                0004: f1000400  loop: subs x0, x0, #1
                0008: 54ffffe1  b.ne loop
                000c: d65f03c0  ret
                0010: 55667788  .quad 0x1122334455667788
                0014: 11223344 \s
                """);
        assertThat(Files.readAllBytes(binary)).hasSize(24).startsWith(0x00, 0x00, 0x01, 0x8b);
    }

    @Test
    void asmReadsStandardInputAndMarksPoolData() {
        CliRun outcome = run("ldr x0, =0x123456789\nret\n", "asm", "--arch", "aarch64", "-");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("""
                0000: 58000040  ldr x0, =0x123456789
                0004: d65f03c0  ret
                0008: 23456789  (literal pool) .word 0x23456789
                000c: 00000001  (literal pool) .word 0x00000001
                """);
    }

    @Test
    void asmReportsSyntaxErrorsWithFileLineAndColumn() {
        CliRun outcome = run("nop\nadd x0, x1, #5000\n", "asm", "--arch", "aarch64", "-");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).startsWith("<stdin>:2:1: error: add").contains("5000")
                .contains("\nadd x0, x1, #5000\n^");
    }

    @Test
    void hostileInputIsAShortErrorNotAStackTrace() {
        CliRun nested = run("ldr x0, " + "[".repeat(2000) + "x1" + "]".repeat(2000) + "\n", "asm", "--arch", "aarch64", "-");
        assertThat(nested.status()).isEqualTo(1);
        assertThat(nested.err()).startsWith("<stdin>:1:10: error: a memory operand cannot contain '['")
                .doesNotContain("Exception").hasLineCount(3);
        assertThat(nested.err().length()).isLessThan(600);
        CliRun huge = run("mov eax, " + "9".repeat(1_000_000) + "\n", "asm", "--arch", "x86_64", "-");
        assertThat(huge.status()).isEqualTo(1);
        assertThat(huge.err()).startsWith("<stdin>:1:10: error: '9999").hasLineCount(3);
        assertThat(huge.err().length()).isLessThan(600);
        CliRun padded = run("nop\n.p2align 16\n".repeat(2000), "asm", "--arch", "x86_64", "-");
        assertThat(padded.status()).isEqualTo(1);
        assertThat(padded.err()).startsWith("<stdin>:2049:1: error: code too large");
    }

    @Test
    void asmUsageErrors() {
        assertThat(run("", "asm").err()).startsWith("stitch: asm: no input file");
        assertThat(run("", "asm", "-x", "f.s").status()).isEqualTo(2);
        assertThat(run("", "asm", "/no/such/file.s").err()).isEqualTo("stitch asm: cannot read /no/such/file.s: no such file\n");
    }

    @Test
    void disasmPrintsAddressWordAndText(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("f.bin");
        Files.write(binary, new byte[] {0x00, 0x00, 0x01, (byte) 0x8b, (byte) 0xc0, 0x03, 0x5f, (byte) 0xd6,
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x2a});
        CliRun outcome = run("", "disasm", "--arch", "aarch64", "--base", "0x400000", binary.toString());
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("""
                00400000: 8b010000  add x0, x0, x1
                00400004: d65f03c0  ret
                00400008: ffffffff  .inst 0xffffffff
                0040000c: 2a        .byte 0x2a
                """);
    }

    @Test
    void disasmUsageErrors() {
        assertThat(run("", "disasm", "--base", "zz", "f.bin").err())
                .startsWith("stitch: disasm: --base takes an address, 0..0xffffffffffffffff (decimal or 0x hex); got 'zz'\n");
        assertThat(run("", "disasm").status()).isEqualTo(2);
    }
}
