package dev.stitch.cli;

import dev.stitch.tiny.ArrayHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stitch run --max-memory SIZE}: the byte limit of a program's arrays. */
class RunMaxMemoryTest {
    /** Every 100th time round, an array of 160000 bytes: the 7th does not fit in 1 MiB. */
    private static final String GROWING = """
            i = 0
            while i < 1000 {
                if i % 100 == 99 {
                    a = array(20000)
                    print(i)
                }
                i = i + 1
            }
            """;
    private static final String FORMS = "a number of bytes, or a number followed by k, M, G or T (KiB, MiB, GiB, TiB), "
            + "such as 1048576, 64k, 512M or 2G";
    private static final String RANGE = "from 1k (1024 bytes) to 1024T (1125899906842624 bytes)";

    @TempDir
    Path directory;

    private String program() throws IOException {
        Path file = directory.resolve("grow.tiny");
        Files.writeString(file, GROWING, StandardCharsets.UTF_8);
        return file.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-jit", "--jit-threshold 1"})
    void pastTheLimitIsARuntimeErrorAtItsLineWithTheOutputBefore(String jit) throws IOException {
        String file = program();
        List<String> args = new ArrayList<>(List.of("run", "--max-memory", "1M", file));
        args.addAll(1, List.of(jit.split(" ")));
        CliRun outcome = CliRun.of(args.toArray(String[]::new));
        assertThat(outcome.out()).isEqualTo("99\n199\n299\n399\n499\n599\n");
        assertThat(outcome.err()).isEqualTo(file + ":4: runtime error: out of memory: array(20000) needs 160000 bytes, "
                + "88448 of the 1048576-byte limit free (--max-memory)\n");
        assertThat(outcome.status()).isEqualTo(1);
    }

    @Test
    void everyUnitIsAPowerOf1024InEitherCase() throws IOException {
        String file = program();
        for (String size : new String[] {"2M", "2m", "2048k", "2048K", "2097152"}) {
            CliRun outcome = CliRun.of("run", "--max-memory", size, file);
            assertThat(outcome.err()).as(size).isEmpty();
            assertThat(outcome.out()).as(size).endsWith("899\n999\n");
        }
        assertThat(CliRun.of("run", "--max-memory", "1G", file).status()).isZero();
        assertThat(CliRun.of("run", "--max-memory", "1t", file).status()).isZero();
        // ten arrays of 160000 bytes, the table's first block (128) and its second (256): 1600384 bytes
        assertThat(CliRun.of("run", "--max-memory", "1563k", file).status()).as("1600512 bytes").isZero();
        assertThat(CliRun.of("run", "--max-memory", "1562k", file).status()).as("1599488 bytes").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12x", "1.5G", "-1", "+64k", "64KB", "64 k", " 64k", "k", "", "0x400", "1_000_000", "２G"})
    void aSizeNotInOneOfTheFormsIsAUsageError(String size) throws IOException {
        CliRun outcome = CliRun.of("run", "--max-memory", size, program());
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).startsWith("stitch: run: --max-memory takes a size, " + FORMS + ", " + RANGE
                + "; got '" + size + "'\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1023", "1025T", "99999999999999999999", "9223372036854775807", "16777216T"})
    void aSizeOutOfRangeIsAUsageError(String size) throws IOException {
        CliRun outcome = CliRun.of("run", "--max-memory", size, program());
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("stitch: run: --max-memory must be " + RANGE + "; got '" + size + "'\n");
    }

    @Test
    void theOptionNeedsAValueAndTheHelpStatesTheDefault() {
        CliRun missing = CliRun.of("run", "p.tiny", "--max-memory");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).startsWith("stitch: run: --max-memory needs a size, " + FORMS + "\n");
        CliRun help = CliRun.of("run", "--help");
        assertThat(help.out()).contains("[--max-memory SIZE]", "  --max-memory SIZE ",
                "default " + ByteSize.format(ArrayHeap.DEFAULT_LIMIT) + ": 1 GiB or a quarter");
    }
}
