package dev.stitch.tiny;

import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.jit.TracingJit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run's byte limit on its arrays, through {@link Program#run(PrintStream, InterpreterHooks, long)}. */
class ArrayMemoryLimitTest {
    /** Every 1000th time round, an array of 160000 bytes: the 7th does not fit in 1 MiB. */
    static final String GROWING = """
            i = 0
            n = 0
            while i < 10000 {
                if i % 1000 == 999 {
                    b = array(20000)
                    b[19999] = i
                    n = n + 1
                    print(n, b[19999])
                }
                i = i + 1
            }
            print(999)
            """;
    static final String OUTPUT = "1 999\n2 1999\n3 2999\n4 3999\n5 4999\n6 5999\n";
    /** 1 MiB less the table's first block (128 bytes) and six arrays of 160000 bytes. */
    static final String ERROR = "out of memory: array(20000) needs 160000 bytes, 88448 of the 1048576-byte limit free "
            + "(--max-memory)";

    @Test
    void anArrayPastTheLimitStopsTheRunAtItsLineAndKeepsTheOutput() {
        TinyRunner.Outcome outcome = TinyRunner.run(GROWING, InterpreterHooks.NONE, 1 << 20);
        assertThat(outcome.out()).isEqualTo(OUTPUT);
        assertThat(outcome.error()).isEqualTo(new RuntimeError(TinyRunner.FILE, 5, ERROR));
    }

    @Test
    void withTheJitTheErrorIsTheSame() {
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        try (TracingJit jit = new TracingJit(1, CallStrategy.PER_TRACE,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8), false)) {
            TinyRunner.Outcome outcome = TinyRunner.run(GROWING, jit, 1 << 20);
            assertThat(jit.stats().traces()).as("the loop ran as a trace between the allocations").isPositive();
            assertThat(outcome.out()).isEqualTo(OUTPUT);
            assertThat(outcome.error()).isEqualTo(new RuntimeError(TinyRunner.FILE, 5, ERROR));
        }
        assertThat(diagnostics.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void underTheLimitTheProgramCompletes() {
        TinyRunner.Outcome outcome = TinyRunner.run(GROWING, InterpreterHooks.NONE, 2 << 20);
        assertThat(outcome.result().ok()).isTrue();
        assertThat(outcome.out()).startsWith(OUTPUT).endsWith("10 9999\n999\n");
    }

    @Test
    void theDefaultLimitStopsAnArrayLargerThanIt() {
        // 1.6 GB, more than the default of at most 1 GiB: refused before the system is asked
        TinyRunner.Outcome outcome = TinyRunner.run("print(1)\na = array(200000000)\nprint(2)\n");
        assertThat(outcome.out()).isEqualTo("1\n");
        assertThat(outcome.error().line()).isEqualTo(2);
        assertThat(outcome.error().message()).isEqualTo("out of memory: array(200000000) needs 1600000000 bytes, "
                + (ArrayHeap.DEFAULT_LIMIT - 128) + " of the " + ArrayHeap.DEFAULT_LIMIT + "-byte limit free (--max-memory)");
    }

    @Test
    void aLimitOutOfRangeIsRefusedBeforeTheRun() {
        Program program = Tiny.compile("print(1)", TinyRunner.FILE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> program.run(out, InterpreterHooks.NONE, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array memory limit must be 1024..1125899906842624 bytes, got 0");
        assertThat(bytes.size()).isZero();
    }
}
