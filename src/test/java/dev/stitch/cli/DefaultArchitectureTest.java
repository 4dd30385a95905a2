package dev.stitch.cli;

import dev.stitch.mem.Architecture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule for every command: the architecture of this JVM unless {@code --arch} names another. */
class DefaultArchitectureTest {
    private static final String HOST = Architecture.host() == Architecture.AARCH64 ? "aarch64" : "x86_64";
    private static final String OTHER = HOST.equals("aarch64") ? "x86_64" : "aarch64";

    @Test
    void asmAssemblesForThisJvm() {
        CliRun implicit = CliRun.with("ret\n", "asm", "-");
        assertThat(implicit.status()).isZero();
        assertThat(implicit).isEqualTo(CliRun.with("ret\n", "asm", "--arch", HOST, "-"));
        assertThat(implicit.out()).isEqualTo(HOST.equals("aarch64") ? "0000: d65f03c0  ret\n"
                : "0000: c3                    ret\n");
        assertThat(CliRun.with("ret\n", "asm", "--arch", OTHER, "-").out()).isNotEqualTo(implicit.out());
    }

    @Test
    void disasmDisassemblesForThisJvm() {
        byte[] code = {(byte) 0xc0, 0x03, 0x5f, (byte) 0xd6}; // ret on AArch64; four instructions on x86-64
        CliRun implicit = CliRun.with(code, "disasm", "-");
        assertThat(implicit.status()).isZero();
        assertThat(implicit).isEqualTo(CliRun.with(code, "disasm", "--arch", HOST, "-"));
        assertThat(implicit).isNotEqualTo(CliRun.with(code, "disasm", "--arch", OTHER, "-"));
    }

    @Test
    void traceCompilesForThisJvm() {
        String sum = "examples/traces/sum.uops";
        CliRun implicit = CliRun.of("trace", "--base", "0x10000", sum);
        assertThat(implicit.status()).isZero();
        // the heading names the architecture; later lines hold symbol addresses that differ from run to run
        String heading = implicit.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(heading).startsWith("trace sum: 19 uops, " + Architecture.host().displayName() + ", ");
        assertThat(CliRun.of("trace", "--arch", HOST, "--base", "0x10000", sum).out()).contains("\n" + heading + "\n");
        assertThat(CliRun.of("trace", sum).out()).startsWith("# installed in a CodeArena (");
    }

    @Test
    void everyCommandAcceptsTheSameNames() {
        for (String name : new String[] {"aarch64", "arm64", "AArch64", "x86_64", "x86-64", "amd64", "x64", "X86_64"}) {
            assertThat(CliRun.with("nop\n", "asm", "--arch", name, "-").status()).as("asm " + name).isZero();
            assertThat(CliRun.with("\u0090", "disasm", "--arch", name, "-").status()).as("disasm " + name).isZero();
            assertThat(CliRun.of("trace", "--arch", name, "--base", "0x10000", "examples/traces/sum.uops").status())
                    .as("trace " + name).isZero();
        }
        for (String command : new String[] {"asm", "disasm", "trace"}) {
            CliRun outcome = CliRun.of(command, "--arch", "mips", "f");
            assertThat(outcome.status()).isEqualTo(2);
            assertThat(outcome.err()).startsWith("stitch: " + command + ": unknown architecture 'mips'; allowed: "
                    + "aarch64 (or arm64), x86_64 (or x86-64, amd64, x64)\n");
        }
    }
}
