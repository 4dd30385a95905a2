package dev.stitch.jit;

import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Back-edge polls: a trace comes back to Java when its fuel is spent and goes on where it was, so
 * a safepoint or an interrupt never waits for a looping trace. Every back-edge kind (LOOP, JUMP,
 * JUMP_IF_TRUE, JUMP_IF_FALSE to an earlier uop) is run with fuel for 1, 2, 3 and 7 back-edges per
 * trip, which makes it yield and resume at every iteration or every few, under every strategy;
 * the results must equal a run that never yields. The liveness checks use bounds of seconds.
 */
class TraceYieldTest {
    private static CodeArena arena;

    @BeforeAll
    static void createArena() {
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
    }

    @AfterAll
    static void closeArena() {
        if (arena != null) {
            arena.close();
        }
    }

    private static List<CompiledTrace> compileAll(Trace trace) {
        List<CompiledTrace> compiled = new ArrayList<>();
        for (CallStrategy strategy : CallStrategy.values()) {
            compiled.add(new TraceCompiler(Architecture.host(), strategy, CodeShape.STACK).compile(trace, arena));
        }
        return compiled;
    }

    /** sum += n; n -= 1 while n != 0, closed by {@code backEdge}; locals: n, sum. */
    private static Trace sumLoop(String name, Uop backEdge) {
        Trace.Builder b = Trace.builder(name, new SymbolTable()).enter();
        b.load(0).add(Uop.GUARD_TRUE, 1)                                       // 1, 2
                .load(1).load(0).add(Uop.ADD).store(1)                         // 3..6
                .load(0).constant(1).add(Uop.SUB).store(0);                    // 7..10
        switch (backEdge) {
            case LOOP -> b.loop();
            case JUMP -> b.jump(Uop.JUMP, 1);
            case JUMP_IF_TRUE -> b.constant(1).jump(Uop.JUMP_IF_TRUE, 1).exit(3);
            case JUMP_IF_FALSE -> b.constant(0).jump(Uop.JUMP_IF_FALSE, 1).exit(3);
            default -> throw new IllegalArgumentException(backEdge.name());
        }
        return b.build();
    }

    @Test
    void everyBackEdgeYieldsAndResumesWithTheSameResult() {
        for (Uop backEdge : List.of(Uop.LOOP, Uop.JUMP, Uop.JUMP_IF_TRUE, Uop.JUMP_IF_FALSE)) {
            Trace trace = sumLoop("sum by " + backEdge, backEdge);
            try (Frame frame = Frame.allocate(2, 8)) {
                for (CompiledTrace compiled : compileAll(trace)) {
                    for (long fuel : new long[] {1, 2, 3, 7, Long.MAX_VALUE}) {
                        for (long n : new long[] {0, 1, 5, 100}) {
                            frame.clearStack().push(11).push(22);   // values below the trace's, kept
                            frame.setLocal(0, n).setLocal(1, 0);
                            assertThat(compiled.invoke(frame, fuel)).as("%s fuel %d n %d", compiled, fuel, n)
                                    .isEqualTo(1);
                            assertThat(frame.local(1)).isEqualTo(n * (n + 1) / 2);
                            assertThat(frame.stack()).containsExactly(11, 22);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aTraceThatCallsYieldsToo() {
        SymbolTable symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        // sum += labs(-n) while n != 0
        Trace trace = Trace.builder("calls", symbols).enter()
                .load(0).add(Uop.GUARD_TRUE, 1)
                .load(1).load(0).add(Uop.NEG).call("labs", 1).add(Uop.ADD).store(1)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .loop().build();
        try (symbols; Frame frame = Frame.allocate(2, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                frame.setLocal(0, 50).setLocal(1, 0);
                assertThat(compiled.invoke(frame, 1)).isEqualTo(1);
                assertThat(frame.local(1)).isEqualTo(50 * 51 / 2);
            }
        }
    }

    @Test
    void anInterruptedTraceStopsAtABackEdgeAndGoesOnWhenInvokedAgain() {
        Trace trace = sumLoop("interrupted", Uop.LOOP);
        try (Frame frame = Frame.allocate(2, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                frame.clearStack().setLocal(0, 10).setLocal(1, 0);
                Thread.currentThread().interrupt();
                assertThatThrownBy(() -> compiled.invoke(frame, 3))
                        .isInstanceOf(TraceInterruptedException.class)
                        .hasMessageContaining("trace interrupted stopped: its thread was interrupted")
                        .hasMessageContaining("invoking it again on this frame goes on where it stopped");
                assertThat(Thread.interrupted()).as("the interrupt status is cleared").isFalse();
                // Three back-edges ran: n went 10, 9, 8 into the sum, and the frame is at the loop head.
                assertThat(frame.local(0)).isEqualTo(7);
                assertThat(frame.local(1)).isEqualTo(10 + 9 + 8);
                assertThat(compiled.invoke(frame, 3)).isEqualTo(1);
                assertThat(frame.local(1)).isEqualTo(55);
            }
        }
    }

    @Test
    void aTraceThatNeverYieldedStartsAfreshAfterAnotherOne() {
        Trace trace = sumLoop("one", Uop.LOOP);
        Trace other = sumLoop("two", Uop.JUMP);
        try (Frame frame = Frame.allocate(2, 4)) {
            CompiledTrace first = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, CodeShape.STACK).compile(trace, arena);
            CompiledTrace second = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, CodeShape.STACK).compile(other, arena);
            frame.setLocal(0, 10).setLocal(1, 0);
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> first.invoke(frame, 1)).isInstanceOf(TraceInterruptedException.class);
            // Another trace on the frame enters at its start, and the first one's resume point is dropped.
            frame.setLocal(0, 4).setLocal(1, 0);
            assertThat(second.invoke(frame)).isEqualTo(1);
            assertThat(frame.local(1)).isEqualTo(10);
            frame.setLocal(0, 3).setLocal(1, 0);
            assertThat(first.invoke(frame)).isEqualTo(1);
            assertThat(frame.local(1)).isEqualTo(6);
        }
    }

    @Test
    void fuelMustBePositive() {
        CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, CodeShape.STACK).compile(sumLoop("fuel", Uop.LOOP), arena);
        try (Frame frame = Frame.allocate(2, 4)) {
            assertThatThrownBy(() -> compiled.invoke(frame, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("fuel must be at least 1 back-edge, got 0");
        }
    }

    @Test
    void aTraceThatLoopsForeverLetsAGcRunAndEndsWhenItsThreadIsInterrupted() throws Exception {
        // n = n + 1 forever: no exit but the interrupt. It calls nothing, so it runs as a critical downcall.
        Trace forever = Trace.builder("forever", new SymbolTable()).enter()
                .load(0).constant(1).add(Uop.ADD).store(0).loop().build();
        CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, CodeShape.STACK).compile(forever, arena);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Frame frame = Frame.allocate(1, 4);
        Thread runner = new Thread(() -> {
            started.countDown();
            try {
                compiled.invoke(frame);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "forever");
        runner.start();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            while (frame.local(0) == 0) {
                Thread.onSpinWait();
            }
            // A GC needs every thread at a safepoint: the looping trace must get there.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> System.gc());
            assertThat(runner.isAlive()).as("the trace is still looping").isTrue();
            runner.interrupt();
            runner.join(Duration.ofSeconds(20));
            assertThat(runner.isAlive()).as("the interrupted trace has returned").isFalse();
            assertThat(outcome.get()).isInstanceOf(TraceInterruptedException.class);
            assertThat(frame.local(0)).isPositive();
        } finally {
            if (runner.isAlive()) {
                runner.interrupt();
                runner.join(Duration.ofSeconds(20));
            }
            frame.close();
        }
    }
}
