package dev.stitch.jit;

import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A frame serves one invocation at a time. Frames are not thread-safe, but sharing one must be an
 * exception, never a trace writing past its stack: another thread's invoke or stack operation
 * while a trace runs, and an invoke on the same frame from a Java method the trace called, are
 * refused.
 */
class FrameMisuseTest {
    private static CodeArena arena;
    private static CountDownLatch entered;
    private static CountDownLatch release;
    private static Frame shared;
    private static CompiledTrace inner;

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

    /** The upcall of the blocking trace: says it is running, waits to be let go. */
    static long block(long value) throws InterruptedException {
        entered.countDown();
        if (!release.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return value;
    }

    /** The upcall of the re-entrant trace: invokes a trace on the frame it runs on. */
    static long reenter(long value) {
        return inner.invoke(shared) + value;
    }

    private static Trace callingTrace(SymbolTable symbols, String method) throws ReflectiveOperationException {
        symbols.upcall(method, MethodHandles.lookup().findStatic(FrameMisuseTest.class, method,
                MethodType.methodType(long.class, long.class)));
        return Trace.builder(method, symbols).enter().constant(5).call(method, 1).store(0).exit(0).build();
    }

    @Test
    void whileATraceRunsAnotherThreadCanNeitherInvokeNorChangeTheStack() throws Exception {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(1, 4)) {
            CompiledTrace blocking = new TraceCompiler().compile(callingTrace(symbols, "block"), arena);
            CompiledTrace other = new TraceCompiler().compile(
                    Trace.builder("other", new SymbolTable()).enter().constant(1).store(0).exit(0).build(), arena);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    blocking.invoke(frame);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            runner.start();
            assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> other.invoke(frame)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("invoke of trace other refused: the frame is in use by another thread ("
                            + runner.getName() + ")")
                    .hasMessageEndingWith("a frame serves one trace invocation at a time: give each thread its own frame");
            assertThatThrownBy(() -> frame.push(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("push refused: the frame is in use by another thread");
            assertThatThrownBy(frame::pop).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("pop refused");
            assertThatThrownBy(frame::clearStack).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("clearStack refused");
            release.countDown();
            runner.join(Duration.ofSeconds(20));
            assertThat(failure.get()).isNull();
            assertThat(frame.local(0)).isEqualTo(5);
            // Free again once the trace has returned.
            assertThat(other.invoke(frame)).isZero();
            assertThat(frame.push(3).pop()).isEqualTo(3);
        }
    }

    @Test
    void aJavaMethodATraceCalledCannotInvokeATraceOnTheSameFrame() throws Exception {
        try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(1, 4)) {
            CompiledTrace outer = new TraceCompiler().compile(callingTrace(symbols, "reenter"), arena);
            inner = new TraceCompiler().compile(
                    Trace.builder("inner", new SymbolTable()).enter().constant(1).store(0).exit(7).build(), arena);
            shared = frame;
            assertThatThrownBy(() -> outer.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessage("invoke of trace inner refused: the frame is in use by a trace running on it on this"
                            + " thread (a Java method the trace called cannot invoke a trace or change the stack on"
                            + " the same frame); a frame serves one trace invocation at a time: give each thread its own frame");
            // On a frame of its own the same nesting works.
            try (Frame own = Frame.allocate(1, 4)) {
                shared = own;
                assertThat(outer.invoke(frame)).isZero();
                assertThat(frame.local(0)).isEqualTo(12);
            }
        }
    }

    @Test
    void twoThreadsHammeringOneFrameNeverOverrunItsStack() throws Exception {
        // Each invoke pushes 3 values on a 4-slot stack: two at once would overrun it.
        Trace trace = Trace.builder("pushes", new SymbolTable()).enter()
                .constant(1).constant(2).constant(3).add(Uop.ADD).add(Uop.ADD).store(0).exit(0).build();
        CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
        int rounds = System.getProperty("stitch.emulated") != null ? 2_000 : 50_000;
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        try (Frame frame = Frame.allocate(1, 4)) {
            frame.push(9);
            Runnable hammer = () -> {
                for (int i = 0; i < rounds && unexpected.get() == null; i++) {
                    try {
                        if (compiled.invoke(frame) != 0) {
                            throw new AssertionError("wrong exit");
                        }
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet();
                    } catch (Throwable t) {
                        unexpected.set(t);
                    }
                }
            };
            Thread a = new Thread(hammer);
            Thread b = new Thread(hammer);
            a.start();
            b.start();
            a.join();
            b.join();
            assertThat(unexpected.get()).isNull();
            assertThat(frame.stack()).containsExactly(9);
            assertThat(frame.local(0)).isEqualTo(6);
        }
    }
}
