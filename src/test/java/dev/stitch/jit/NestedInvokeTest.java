package dev.stitch.jit;

import dev.stitch.testing.ForkedJvm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces nested through Java upcalls (a Java method a trace called invoking a trace), 200 deep,
 * must end in an exception that names the limit, at any thread stack size: a stack overflow as
 * an upcall enters Java would terminate the JVM, so each case runs in a JVM of its own.
 */
class NestedInvokeTest {
    @ParameterizedTest
    @ValueSource(strings = {"default", "-Xss168k", "-Xss256k", "-Xss512k", "-Xss2m"})
    void nestingTooDeepFailsCleanlyAtAnyStackSize(String stack) throws Exception {
        List<String> options = stack.equals("default") ? List.of() : List.of(stack);
        ForkedJvm.Result result = ForkedJvm.run(options, NestedInvokeMain.class, "200");
        assertThat(result.status()).as("exit status; stderr:\n%s", result.err()).isZero();
        assertThat(result.err()).doesNotContain("fatal error", "StackOverflowError");
        assertThat(result.out()).contains("failed: IllegalStateException: invoke of trace nested refused: ");
        assertThat(result.out()).containsPattern(
                "at most 64 traces that call Java may nest|the thread has \\d+ bytes of stack left, and a trace that"
                        + " calls Java needs \\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "-Xss256k"})
    void nestingWithinTheLimitCompletes(String stack) throws Exception {
        List<String> options = stack.equals("default") ? List.of() : List.of(stack);
        ForkedJvm.Result result = ForkedJvm.run(options, NestedInvokeMain.class, "8");
        assertThat(result.status()).as("exit status; stderr:\n%s", result.err()).isZero();
        assertThat(result.out()).isEqualTo("completed 8\n");
    }
}
