package dev.stitch.tiny.jit;

import dev.stitch.jit.CodeShape;
import dev.stitch.jit.tree.JitStats;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny program run interpreted and with a fresh {@link TracingJit}, for tests that compare the two. */
final class JitComparison {
    /** What a run printed, how it ended (the error's text, or "none"), and what the JIT did (null interpreted). */
    record Outcome(String out, String error, JitStats stats) {}

    private JitComparison() {}

    /** {@code program} run with {@code hooks} and arrays of at most {@code maxMemory} bytes. */
    static Outcome run(Program program, InterpreterHooks hooks, long maxMemory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), hooks, maxMemory);
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), result.error().map(Object::toString).orElse("none"),
                hooks instanceof TracingJit jit ? jit.stats() : null);
    }

    /**
     * Runs {@code source} (as {@code file}) interpreted and with a JIT at {@code threshold} in
     * {@code shape}, checks that both print the same and end the same way, and returns the JIT's
     * statistics.
     */
    static JitStats sameAsInterpreter(String source, String file, int threshold, CodeShape shape, long maxMemory) {
        Program program = Tiny.compile(source, file);
        Outcome expected = run(program, InterpreterHooks.NONE, maxMemory);
        try (TracingJit jit = new TracingJit(threshold, CallStrategy.PER_TRACE, shape,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), false)) {
            Outcome outcome = run(program, jit, maxMemory);
            assertThat(outcome.out()).isEqualTo(expected.out());
            assertThat(outcome.error()).isEqualTo(expected.error());
            return outcome.stats();
        }
    }
}
