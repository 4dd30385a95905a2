package dev.stitch.tiny.jit;

import dev.stitch.jit.CodeShape;
import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instructions per iteration of the inner loops of the examples as the JIT compiles them, on this
 * JVM's architecture (the AArch64 figures on the emulated JVM), pinned next to what
 * {@code clang -O2} makes of the same loops in C (docs/PERFORMANCE.md): the register shape within
 * 1.2 times clang's count. The first trace each program compiles is its inner loop.
 */
class LoopInstructionCountTest {
    private static final Pattern COUNT = Pattern.compile("instructions/iter +([0-9.]+)");

    private static double firstTraceCount(String example, CodeShape shape) throws IOException {
        Program program = Tiny.compile(Path.of("examples", example + ".tiny"));
        ByteArrayOutputStream listings = new ByteArrayOutputStream();
        try (TracingJit jit = new TracingJit(TracingJit.DEFAULT_THRESHOLD, CallStrategy.PER_TRACE, shape,
                new PrintStream(listings, true, StandardCharsets.UTF_8), true)) {
            program.run(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8), jit);
        }
        Matcher m = COUNT.matcher(listings.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("a listing with a loop count for " + example).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @ParameterizedTest(name = "{0}: at most {1} (AArch64) / {3} (x86-64) instructions; clang {2} / {4}")
    @CsvSource({
            "sum_squares, 4.5, 4, 6.5, 6",
            "sieve,       6.5, 6, 6.5, 6",
            "mandelbrot,  15.5, 14, 19.5, 19",
    })
    void theRegisterShapeIsWithinAFifthOfClang(String example, double a64, double clangA64, double x64, double clangX64)
            throws IOException {
        boolean aarch64 = Architecture.host() == Architecture.AARCH64;
        double reached = aarch64 ? a64 : x64;
        double clang = aarch64 ? clangA64 : clangX64;
        double count = firstTraceCount(example, CodeShape.REGISTERS);
        assertThat(count).isLessThanOrEqualTo(reached).isLessThanOrEqualTo(1.2 * clang);
        assertThat(firstTraceCount(example, CodeShape.STACK)).as("the stack shape").isGreaterThan(4 * count);
    }
}
