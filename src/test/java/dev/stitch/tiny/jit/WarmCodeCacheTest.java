package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.JitStats;
import dev.stitch.jit.CodeShape;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.InterpreterHooks;
import dev.stitch.tiny.Program;
import dev.stitch.tiny.RunResult;
import dev.stitch.tiny.Tiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One {@link TracingJit} serving many runs of one program: later runs enter the traces the first
 * compiled, on their own arrays, and what cannot be served (another program, two runs at once, a
 * closed JIT) is refused with the reason.
 */
class WarmCodeCacheTest {
    /** A sieve (arrays written and read in a loop) and a loop in a called function. */
    private static final String SOURCE = """
            fn count(n) {
                c = 0
                i = 0
                while i < n { c = c + i % 7; i = i + 1 }
                return c
            }
            n = 2000
            flags = array(n)
            primes = 0
            p = 2
            while p < n {
                if flags[p] == 0 {
                    primes = primes + 1
                    m = p * p
                    while m < n { flags[m] = 1; m = m + p }
                }
                p = p + 1
            }
            print(primes, len(flags))
            t = 0
            k = 0
            while k < 100 { t = t + count(k); k = k + 1 }
            print(t)
            """;

    private static TracingJit newJit(CodeShape shape) {
        return new TracingJit(5, CallStrategy.PER_TRACE, shape,
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), false);
    }

    private static String run(Program program, TracingJit jit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunResult result = program.run(new PrintStream(bytes, false, StandardCharsets.UTF_8), jit);
        assertThat(result.error()).isEmpty();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void laterRunsEnterTheTracesTheFirstCompiledOnTheirOwnArrays(CodeShape shape) {
        Program program = Tiny.compile(SOURCE, "warm.tiny");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        program.run(new PrintStream(expected, false, StandardCharsets.UTF_8));
        try (TracingJit jit = newJit(shape)) {
            assertThat(run(program, jit)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
            JitStats first = jit.stats();
            assertThat(first.traces()).isGreaterThanOrEqualTo(2);
            JitStats before = first;
            for (int i = 0; i < 4; i++) {
                assertThat(run(program, jit)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
                JitStats after = jit.stats();
                assertThat(after.traces()).isEqualTo(first.traces()); // no loop recorded again
                if (i > 0) { // side paths may grow from exits counted over two runs, then nothing changes
                    assertThat(after.uops()).isEqualTo(before.uops());
                    assertThat(after.compileMicros()).isEqualTo(before.compileMicros());
                }
                assertThat(after.exits()).isGreaterThan(before.exits());
                before = after;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void runsOnOtherThreadsOneAfterAnotherShareTheTraces(CodeShape shape) throws InterruptedException {
        Program program = Tiny.compile(SOURCE, "warm.tiny");
        try (TracingJit jit = newJit(shape)) {
            String first = run(program, jit);
            AtomicReference<Object> second = new AtomicReference<>();
            Thread other = new Thread(() -> {
                try {
                    second.set(run(program, jit));
                } catch (Throwable t) {
                    second.set(t);
                }
            });
            other.start();
            other.join();
            assertThat(second.get()).isEqualTo(first);
        }
    }

    @Test
    void threadsWithAJitEachRunOneProgramAtOnce() throws InterruptedException {
        Program program = Tiny.compile(SOURCE, "warm.tiny");
        String expected = interpreted(program);
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            CodeShape shape = CodeShape.values()[t % 2];
            threads[t] = new Thread(() -> {
                try (TracingJit jit = newJit(shape)) {
                    StringBuilder printed = new StringBuilder();
                    for (int run = 0; run < 3; run++) {
                        printed.append(run(program, jit));
                    }
                    outcome.set(printed.toString());
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            threads[t].start();
        }
        for (int t = 0; t < threads.length; t++) {
            threads[t].join();
            assertThat(outcomes.get(t).get()).isEqualTo(expected.repeat(3));
        }
    }

    @Test
    void aRunThatFailedLeavesTheJitReadyForTheNext() {
        Program program = Tiny.compile("""
                i = 0
                s = 0
                while i < 100 { s = s + 100 / (50 - i); i = i + 1 }
                """, "fails.tiny");
        try (TracingJit jit = newJit(CodeShape.REGISTERS)) {
            for (int i = 0; i < 2; i++) {
                RunResult result = program.run(new PrintStream(OutputStream.nullOutputStream()), jit);
                assertThat(result.error().orElseThrow().toString()).isEqualTo("fails.tiny:3: runtime error: division by zero");
            }
        }
    }

    @Test
    void anotherProgramIsRefusedAndTheFirstIsStillServed() {
        Program program = Tiny.compile(SOURCE, "warm.tiny");
        Program other = Tiny.compile(SOURCE, "other.tiny");
        try (TracingJit jit = newJit(CodeShape.REGISTERS)) {
            String first = run(program, jit);
            assertThatThrownBy(() -> run(other, jit)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("this TracingJit serves the runs of warm.tiny (another Program object): its traces are "
                            + "that program's; make a JIT per program");
            assertThat(run(program, jit)).isEqualTo(first);
        }
    }

    @Test
    void aSecondRunWhileOneIsServedIsRefusedAndSoIsClosing() {
        Program program = Tiny.compile("print(1)", "nested.tiny");
        try (TracingJit jit = newJit(CodeShape.REGISTERS)) {
            AtomicReference<Throwable> nested = new AtomicReference<>();
            AtomicReference<Throwable> closing = new AtomicReference<>();
            // the run's output is written while the run is served: try a run and a close from there
            OutputStream meddling = new OutputStream() {
                @Override
                public void write(int b) {
                    if (nested.get() == null) {
                        try {
                            program.run(new PrintStream(OutputStream.nullOutputStream()), jit);
                            nested.set(new AssertionError("the nested run was served"));
                        } catch (IllegalStateException e) {
                            nested.set(e);
                        }
                        try {
                            jit.close();
                            closing.set(new AssertionError("closed during a run"));
                        } catch (IllegalStateException e) {
                            closing.set(e);
                        }
                    }
                }
            };
            assertThat(program.run(new PrintStream(meddling, false, StandardCharsets.UTF_8), jit).ok()).isTrue();
            assertThat(nested.get()).hasMessage("this JIT serves a run on thread \""
                    + Thread.currentThread().getName() + "\" now: runs that share a JIT go one after another (give "
                    + "each thread a JIT of its own)");
            assertThat(closing.get()).hasMessage("this JIT serves a run on thread \""
                    + Thread.currentThread().getName() + "\" now: close it after the run");
            assertThat(run(program, jit)).isEqualTo("1\n");
        }
    }

    @Test
    void aRunStartedFromAnotherRunsPrintKeepsItsOwnOutputAndArrays() {
        // the outer loop's prints fill the output's buffer, which is written from inside its trace's
        // print upcall; the write runs another program with another JIT on the same thread
        Program outer = Tiny.compile("""
                i = 0
                while i < 3000 { print(i, i * i); i = i + 1 }
                """, "outer.tiny");
        Program inner = Tiny.compile("""
                a = array(10)
                k = 0
                while k < 500 { a[k % 10] = a[k % 10] + k; b = array(3); print(k, len(b) + a[k % 10]); k = k + 1 }
                """, "inner.tiny");
        String expectedOuter = interpreted(outer);
        String expectedInner = interpreted(inner);
        ByteArrayOutputStream innerBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream outerBytes = new ByteArrayOutputStream();
        try (TracingJit outerJit = newJit(CodeShape.REGISTERS); TracingJit innerJit = newJit(CodeShape.REGISTERS)) {
            OutputStream startsAnotherRun = new OutputStream() {
                @Override
                public void write(int b) {
                    outerBytes.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    if (innerBytes.size() == 0) {
                        assertThat(inner.run(new PrintStream(innerBytes, false, StandardCharsets.UTF_8), innerJit).ok())
                                .isTrue();
                    }
                    outerBytes.write(bytes, offset, length);
                }
            };
            assertThat(outer.run(new PrintStream(startsAnotherRun, false, StandardCharsets.UTF_8), outerJit).ok()).isTrue();
            assertThat(innerJit.stats().traces()).isPositive();
            assertThat(outerJit.stats().exits()).isPositive();
        }
        assertThat(innerBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedInner);
        assertThat(outerBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedOuter);
    }

    private static String interpreted(Program program) {
        return JitComparison.run(program, InterpreterHooks.NONE, ArrayHeap.DEFAULT_LIMIT).out();
    }

    @Test
    void hooksThatForwardOnlyTheLoopEventsAreToldWhatIsMissing() {
        Program program = Tiny.compile("i = 0\nwhile i < 100 { i = i + 1 }", "forward.tiny");
        try (TracingJit jit = newJit(CodeShape.REGISTERS)) {
            InterpreterHooks onlyJumps = new InterpreterHooks() {
                @Override
                public int onBackwardJump(FunctionCode function, int targetPc,
                        CallFrame frame) {
                    return jit.onBackwardJump(function, targetPc, frame);
                }
            };
            assertThatThrownBy(() -> program.run(new PrintStream(OutputStream.nullOutputStream()), onlyJumps))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("no run of this JIT was started on this thread: startRun first (with interpreter hooks: "
                            + "forward onRunStart and onRunEnd as well as the loop events)");
            assertThat(run(program, jit)).isEmpty(); // and it serves a run it is given whole
        }
    }

    @Test
    void aClosedJitServesNoRun() {
        Program program = Tiny.compile("print(1)", "closed.tiny");
        TracingJit jit = newJit(CodeShape.REGISTERS);
        run(program, jit);
        jit.close();
        jit.close();
        assertThatThrownBy(() -> run(program, jit)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this JIT is closed: make a new one");
    }
}
