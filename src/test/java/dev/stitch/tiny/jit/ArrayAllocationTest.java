package dev.stitch.tiny.jit;

import dev.stitch.jit.CodeShape;
import dev.stitch.jit.tree.JitStats;
import dev.stitch.tiny.ArrayHeap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code array(n)} inside traces: the trace allocates on the run's heap through an upcall and uses
 * the new array at once; an allocation that fails (a negative size, the memory limit) leaves the
 * trace at the instruction, and the interpreter reports the error with its line after exactly the
 * output the interpreted program printed. Every case runs in both code shapes.
 */
class ArrayAllocationTest {
    private static final String FILE = "arrays.tiny";

    private static JitStats sameAsInterpreter(String source, long maxMemory, CodeShape shape) {
        return JitComparison.sameAsInterpreter(source, FILE, 2, shape, maxMemory);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aLoopThatAllocatesRunsInItsTraceAndUsesTheNewArrays(CodeShape shape) {
        String source = """
                i = 0
                s = 0
                while i < 3000 {
                    a = array(i % 7 + 1)
                    a[len(a) - 1] = i
                    s = s + a[len(a) - 1] + len(a) + a
                    i = i + 1
                }
                print(s, len(array(5)))
                """;
        JitStats stats = sameAsInterpreter(source, ArrayHeap.DEFAULT_LIMIT, shape);
        assertThat(stats.traces()).isEqualTo(1);
        assertThat(stats.aborts()).isZero();
        assertThat(stats.exits()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aNegativeSizeInsideTheTraceIsReportedWithItsLine(CodeShape shape) {
        String source = """
                i = 0
                while i < 100 {
                    a = array(40 - i)
                    print(len(a))
                    i = i + 1
                }
                """;
        JitStats stats = sameAsInterpreter(source, ArrayHeap.DEFAULT_LIMIT, shape);
        assertThat(stats.traces()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void runningOutOfMemoryInsideTheTraceIsReportedAsTheInterpreterDoes(CodeShape shape) {
        String source = """
                fn make(n) { b = array(n); b[0] = n; return b }
                i = 0
                t = 0
                while i < 100000 {
                    t = t + make(100)[0]
                    i = i + 1
                    if i % 100 == 0 { print(i, t) }
                }
                """;
        JitStats stats = sameAsInterpreter(source, 64 * 1024, shape);
        assertThat(stats.traces()).isEqualTo(1);
        assertThat(stats.inlinedCalls()).isEqualTo(1);
    }
}
