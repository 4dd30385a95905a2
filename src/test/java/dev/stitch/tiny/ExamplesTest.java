package dev.stitch.tiny;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every {@code examples/*.tiny} and compares its output with {@code examples/*.expected},
 * which were computed independently of tiny (the same algorithms written in Python).
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> programs = files.filter(p -> p.toString().endsWith(Tiny.EXTENSION)).sorted().toList();
            assertThat(programs).extracting(p -> p.getFileName().toString()).contains("sum_squares.tiny",
                    "fib_iter.tiny", "fib_rec.tiny", "sieve.tiny", "collatz.tiny", "mandelbrot.tiny", "matmul.tiny",
                    "print_loop.tiny");
            return programs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void printsWhatIsExpected(Path program) throws IOException {
        String name = program.getFileName().toString();
        Path expected = program.resolveSibling(name.substring(0, name.length() - Tiny.EXTENSION.length()) + ".expected");
        Program compiled = Tiny.compile(program);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long start = System.nanoTime();
        RunResult result = compiled.run(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("tiny example %-18s %8.1f ms%n", name, micros / 1000.0);
        assertThat(result.error()).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
