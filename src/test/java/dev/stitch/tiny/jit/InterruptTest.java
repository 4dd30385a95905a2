package dev.stitch.tiny.jit;

import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Thread#interrupt()} of a thread running a tiny program ends the run with a runtime error
 * at the loop, its output kept, whether the loop is interpreted or runs as a compiled trace.
 */
class InterruptTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anInterruptEndsAnEndlessLoop(boolean jit) throws Exception {
        Program program = Tiny.compile("print(1)\ni = 0\nwhile 1 {\n    i = i + 1\n}\n", "forever.tiny");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<RunResult> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                if (jit) {
                    try (TracingJit tracing = new TracingJit(1, CallStrategy.PER_TRACE, System.err, false)) {
                        result.set(program.run(out, tracing));
                    }
                } else {
                    result.set(program.run(out));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        runner.start();
        Thread.sleep(300);
        assertThat(runner.isAlive()).as("still looping").isTrue();
        runner.interrupt();
        runner.join(Duration.ofSeconds(20));
        assertThat(runner.isAlive()).as("the run ended").isFalse();
        assertThat(failure.get()).isNull();
        assertThat(result.get().error()).map(Object::toString)
                .hasValue("forever.tiny:3: runtime error: interrupted: the thread running the program was interrupted");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("1\n");
    }

    @Test
    void aJitWhoseRunWasInterruptedServesTheNextRun() throws Exception {
        // both runs are interrupted inside the endless loop's trace; the second enters the trace the
        // first compiled (nothing is recorded again), on a frame of its own, and stops the same way
        Program program = Tiny.compile("print(1)\ni = 0\nwhile 1 {\n    i = i + 1\n}\n", "forever.tiny");
        try (TracingJit tracing = new TracingJit(1, CallStrategy.PER_TRACE, System.err, false)) {
            for (int run = 0; run < 2; run++) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                AtomicReference<RunResult> result = new AtomicReference<>();
                Thread runner = new Thread(() -> result.set(
                        program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), tracing)));
                runner.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (tracing.stats().traces() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(100);
                runner.interrupt();
                runner.join(Duration.ofSeconds(20));
                assertThat(runner.isAlive()).as("run %d ended", run).isFalse();
                assertThat(result.get().error()).map(Object::toString)
                        .hasValue("forever.tiny:3: runtime error: interrupted: the thread running the program was interrupted");
                assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("1\n");
                assertThat(tracing.stats().traces()).isEqualTo(1);
            }
        }
    }
}
