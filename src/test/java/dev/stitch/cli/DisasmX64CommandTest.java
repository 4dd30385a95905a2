package dev.stitch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch disasm --arch x86_64}: listings of raw x86-64 code from a file or standard input. */
class DisasmX64CommandTest {
    private static CliRun run(byte[] stdin, String... args) {
        return CliRun.with(stdin, args);
    }

    private static final byte[] CODE = HexFormat.ofDelimiter(" ").parseHex(
            "48 8b 43 08 74 02 06 90 48 b8 ff ff ff ff ff ff ff ff ff 25 f2 ff ff ff e8 00 00 00 00 c3 48");

    @Test
    void printsAddressBytesAndTextPerInstruction(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("f.bin");
        Files.write(binary, CODE);
        CliRun outcome = run(new byte[0], "disasm", "--arch", "x86_64", "--base", "0x400000", binary.toString());
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).isEqualTo("""
                00400000: 488b4308              mov rax, qword ptr [rbx + 8]
                00400004: 7402                  je 2  # 0x400008
                00400006: 06                    .byte 0x06
                00400007: 90                    nop
                00400008: 48b8ffffffffffffffff  movabs rax, -1
                00400012: ff25f2ffffff          jmp qword ptr [rip - 14]  # 0x40000a
                00400018: e800000000            call 0  # 0x40001d
                0040001d: c3                    ret
                0040001e: 48                    .byte 0x48
                """);
    }

    @Test
    void readsStandardInputAndAcceptsEachSpellingOfTheArchitecture() {
        String expected = run(CODE, "disasm", "--arch", "x86_64", "-").out();
        assertThat(expected).startsWith("00000000: 488b4308              mov rax, qword ptr [rbx + 8]\n");
        assertThat(run(CODE, "disasm", "--arch", "x86-64", "-").out()).isEqualTo(expected);
        assertThat(run(CODE, "disasm", "--arch", "amd64", "-").out()).isEqualTo(expected);
    }

    @Test
    void usageErrorsNameWhatIsAllowed() {
        CliRun bad = run(new byte[0], "disasm", "--arch", "mips", "f.bin");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown architecture 'mips'").contains("aarch64").contains("x86_64");
        assertThat(run(new byte[0], "disasm", "f.bin", "--arch").err()).contains("--arch needs an architecture");
        assertThat(run(new byte[0], "disasm", "--arch", "x86_64").err()).contains("no input file");
        assertThat(run(new byte[0], "disasm", "--arch", "x86_64", "/no/such/file.bin").err())
                .isEqualTo("stitch disasm: cannot read /no/such/file.bin: no such file\n");
    }
}
