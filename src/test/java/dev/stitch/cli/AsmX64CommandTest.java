package dev.stitch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch asm --arch x86_64}: listing, raw bytes, errors, architecture names. */
class AsmX64CommandTest {
    private static CliRun run(String stdin, String... args) {
        return CliRun.with(stdin, args);
    }

    @Test
    void asmPrintsAnX64ListingAndWritesTheBytes(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("f.s");
        Path binary = dir.resolve("f.bin");
        Files.writeString(source, """
                .intel_syntax noprefix
                # sum 1..n
                    xor eax, eax
                    test rdi, rdi
                    je done
                loop: add rax, rdi ; sub rdi, 1
                    jne loop
                done:
                    ret
                    .quad 0x1122334455667788, 1
                """);
        CliRun outcome = run("", "asm", "--arch", "x86_64", "-o", binary.toString(), source.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("""
                0000: 31c0                  xor eax, eax
                0002: 4885ff                test rdi, rdi
                0005: 7409                  je done
                0007: 4801f8                loop: add rax, rdi
                000a: 4883ef01              sub rdi, 1
                000e: 75f7                  jne loop
                0010:                       done:
                0010: c3                    ret
                0011: 88776655443322110100  .quad 0x1122334455667788, 1
                001b: 000000000000
                """);
        assertThat(Files.readAllBytes(binary)).hasSize(0x11 + 16).startsWith(0x31, 0xc0, 0x48, 0x85, 0xff);
    }

    @Test
    void everyX64SpellingOfTheArchitectureIsAccepted() {
        for (String arch : new String[] {"x86_64", "x86-64", "amd64"}) {
            CliRun outcome = run("mov rax, rbx\n", "asm", "--arch", arch, "-");
            assertThat(outcome.status()).as(arch).isZero();
            assertThat(outcome.out()).isEqualTo("0000: 4889d8                mov rax, rbx\n");
        }
        assertThat(run("ret\n", "asm", "--arch", "aarch64", "-").out()).isEqualTo("0000: d65f03c0  ret\n");
    }

    @Test
    void asmReportsX64SyntaxErrorsWithFileLineAndColumn() {
        CliRun outcome = run("nop\nmov rax, ebx\n", "asm", "--arch", "x86-64", "-");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("""
                <stdin>:2:1: error: mov rax, ebx: operand widths differ (rax is 64-bit, ebx is 32-bit)
                mov rax, ebx
                ^
                """);
    }

    @Test
    void badArchitectureIsAUsageError() {
        CliRun outcome = run("", "asm", "--arch", "mips", "f.s");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).contains(
                "asm: unknown architecture 'mips'; allowed: aarch64 (or arm64), x86_64 (or x86-64, amd64, x64)");
        assertThat(run("", "asm", "--arch").err()).contains("asm: --arch needs an architecture");
    }
}
