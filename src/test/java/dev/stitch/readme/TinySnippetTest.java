package dev.stitch.readme;

import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import dev.stitch.tiny.jit.TracingJit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's tiny snippet: one JIT serving many runs of a program, later runs compiling nothing. */
class TinySnippetTest {
    @Test
    void tinySnippetRunsAProgramManyTimesOnOneJit() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        String expected = Files.readString(Path.of("examples/sieve.expected"), StandardCharsets.UTF_8);
        long uopsAfterTwoRuns = 0;
        // README snippet
        Program program = Tiny.compile(Path.of("examples/sieve.tiny"));
        try (TracingJit jit = new TracingJit()) {
            for (int i = 0; i < 1000; i++) {
                if (i == 5) break; // test
                RunResult result = program.run(out, jit); // later runs enter the first one's traces
                assertThat(result.ok()).isTrue(); // test
                assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.repeat(i + 1)); // test
                if (i == 1) uopsAfterTwoRuns = jit.stats().uops(); // test
                if (i > 1) assertThat(jit.stats().uops()).isEqualTo(uopsAfterTwoRuns); // test
            }
        }
        // README end
    }
}
