package dev.stitch.tiny;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Compiles and runs tiny source in tests. */
final class TinyRunner {
    static final String FILE = "test.tiny";

    /** What a run printed and how it ended. */
    record Outcome(String out, RunResult result) {
        RuntimeError error() {
            assertThat(result.ok()).as("the run should fail; it printed:\n" + out).isFalse();
            return result.error().orElseThrow();
        }
    }

    private TinyRunner() {}

    static Outcome run(String source) {
        return run(source, InterpreterHooks.NONE);
    }

    static Outcome run(String source, InterpreterHooks hooks) {
        return run(source, hooks, ArrayHeap.DEFAULT_LIMIT);
    }

    /** Runs {@code source} with {@code hooks}, its arrays limited to {@code maxMemory} bytes in all. */
    static Outcome run(String source, InterpreterHooks hooks, long maxMemory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        RunResult result = Tiny.compile(source, FILE).run(out, hooks, maxMemory);
        return new Outcome(bytes.toString(StandardCharsets.UTF_8), result);
    }

    /** Runs {@code source}, which must complete, and returns what it printed. */
    static String output(String source) {
        Outcome outcome = run(source);
        assertThat(outcome.result().error()).as("runtime error").isEmpty();
        return outcome.out();
    }

    /** The value {@code expression} prints. */
    static String value(String expression) {
        return output("print(" + expression + ")").strip();
    }

    /** Compiling {@code source} must fail; returns the exception. */
    static TinySyntaxException syntaxError(String source) {
        TinySyntaxException e = catchThrowableOfType(TinySyntaxException.class, () -> Tiny.compile(source, FILE));
        assertThat(e).as("syntax error expected for:\n" + source).isNotNull();
        return e;
    }
}
