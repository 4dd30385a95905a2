package dev.stitch.jit.tree;

import dev.stitch.jit.ArrayTable;
import dev.stitch.jit.CodeShape;
import dev.stitch.jit.Frame;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceException;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The trace-tree machinery with a front end that is not tiny's: a one-loop language whose state
 * is two Java fields ({@code while n > 0 { sum += n; n -= 1 }}), interpreted by a Java loop that
 * calls {@link TreeJit#atLoopHead} at every backward jump. What the machinery does (counting,
 * recording once, running, aborts by policy, runs one after another) must not depend on tiny.
 */
class TreeJitTest {
    private static final int HEAD = 0;
    private static final int DONE = 1;

    /** The interpreter state: the loop's two variables. */
    private static final class Countdown {
        long n;
        long sum;

        Countdown(long n) {
            this.n = n;
        }
    }

    /** Records the loop (executing one iteration for real), or gives up as told. */
    private static final class CountdownFrontEnd implements FrontEnd<String, Integer, Countdown> {
        int recordings;
        Abort refuse;

        @Override
        public String loop(Countdown state, int pc) {
            return "countdown";
        }

        @Override
        public String traceName(String loop) {
            return loop;
        }

        @Override
        public Recording record(TraceTree<String, Integer> tree, Countdown state, Trace.Builder builder,
                BitSet branchGuards) {
            recordings++;
            if (refuse != null) {
                return Recording.aborted(HEAD, refuse);
            }
            if (state.n <= 0) {
                return Recording.aborted(DONE, () -> Abort.Policy.RETRY);
            }
            state.sum += state.n;
            state.n--;
            builder.enter().load(0).constant(0).add(Uop.GT).add(Uop.GUARD_TRUE, tree.exit(DONE))
                    .load(1).load(0).add(Uop.ADD).store(1)
                    .load(0).constant(1).add(Uop.SUB).store(0).loop();
            try {
                return Recording.recorded(builder.build(), HEAD, 0, 0);
            } catch (TraceException e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public Recording recordSide(TraceTree<String, Integer> tree, Integer from, Countdown state,
                Trace.Builder builder, BitSet branchGuards) {
            throw new AssertionError("no branch guard was marked: no side path grows");
        }

        @Override
        public int slotCount(String loop) {
            return 2;
        }

        @Override
        public void installed(String loop, Trace trace) {
        }

        @Override
        public boolean enter(TraceTree<String, Integer> tree, Countdown state, Frame frame) {
            frame.setLocal(0, state.n).setLocal(1, state.sum);
            return true;
        }

        @Override
        public int exit(TraceTree<String, Integer> tree, Integer snapshot, Countdown state, Frame frame) {
            state.n = frame.local(0);
            state.sum = frame.local(1);
            return snapshot;
        }

        @Override
        public int unitAt(Countdown state) {
            return 0;
        }
    }

    /** The language's interpreter: one run of the loop, the JIT called at each backward jump. */
    private static long run(TreeJit<String, Integer, Countdown> jit, long n) {
        Countdown state = new Countdown(n);
        try (ArrayTable arrays = new ArrayTable()) {
            jit.startRun();
            try {
                jit.bind(arrays);
                int pc = HEAD;
                while (pc == HEAD) {
                    if (state.n <= 0) {
                        break;
                    }
                    state.sum += state.n;
                    state.n--;
                    pc = jit.atLoopHead(0, 2, HEAD, state);
                }
            } finally {
                jit.endRun();
            }
        }
        return state.sum;
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aLoopIsRecordedOnceRunsNativelyAndLaterRunsEnterItsTrace(CodeShape shape) {
        CountdownFrontEnd frontEnd = new CountdownFrontEnd();
        List<JitEvent<String, Integer>> events = new ArrayList<>();
        try (TreeJit<String, Integer, Countdown> jit = new TreeJit<>(frontEnd, 3, CallStrategy.PER_TRACE, shape, null,
                (event, state) -> events.add(event))) {
            assertThat(run(jit, 1000)).isEqualTo(500_500);
            assertThat(frontEnd.recordings).isEqualTo(1);
            assertThat(events).singleElement().isInstanceOfSatisfying(JitEvent.Compiled.class, compiled -> {
                assertThat(compiled.uops()).isEqualTo(14);
                assertThat(compiled.tree().loop()).isEqualTo("countdown");
                assertThat(compiled.tree().head()).isEqualTo(HEAD);
            });
            assertThat(jit.stats().traces()).isEqualTo(1);
            assertThat(jit.stats().exits()).isEqualTo(1);
            assertThat(jit.stats().uops()).isEqualTo(14);
            assertThat(run(jit, 2000)).isEqualTo(2_001_000);
            assertThat(frontEnd.recordings).isEqualTo(1);
            assertThat(jit.stats().exits()).isEqualTo(2);
            assertThat(jit.stats().interpreterReturns()).isEqualTo(2);
        }
    }

    @Test
    void abortsFollowTheirPolicy() {
        for (Abort.Policy policy : Abort.Policy.values()) {
            CountdownFrontEnd frontEnd = new CountdownFrontEnd();
            Abort why = () -> policy;
            frontEnd.refuse = why;
            List<JitEvent<String, Integer>> events = new ArrayList<>();
            try (TreeJit<String, Integer, Countdown> jit = new TreeJit<>(frontEnd, 2, CallStrategy.PER_TRACE,
                    CodeShape.REGISTERS, null, (event, state) -> events.add(event))) {
                assertThat(run(jit, 100)).isEqualTo(5050);
                int expected = switch (policy) {
                    case RETRY -> 50; // at every second of the 100 arrivals, never counted against the loop
                    case COUNT -> TreeJit.MAX_ABORTS;
                    case GIVE_UP -> 1;
                };
                assertThat(frontEnd.recordings).as(policy.name()).isEqualTo(expected);
                assertThat(jit.stats().aborts()).as(policy.name()).isEqualTo(policy == Abort.Policy.RETRY ? 0 : expected);
                assertThat(jit.stats().traces()).isZero();
                assertThat(events).hasSize(expected).allSatisfy(event -> assertThat(event)
                        .isInstanceOfSatisfying(JitEvent.Aborted.class, aborted -> assertThat(aborted.why()).isSameAs(why)));
                JitEvent.Aborted<?, ?> last = (JitEvent.Aborted<?, ?>) events.getLast();
                assertThat(last.givenUp()).as(policy.name()).isEqualTo(policy != Abort.Policy.RETRY);
                assertThat(last.tries()).as(policy.name()).isEqualTo(policy == Abort.Policy.RETRY ? 0 : expected);
            }
        }
    }

    @Test
    void runsGoOneAfterAnotherOnBoundArrays() {
        CountdownFrontEnd frontEnd = new CountdownFrontEnd();
        TreeJit<String, Integer, Countdown> jit = new TreeJit<>(frontEnd, 3, CallStrategy.PER_TRACE,
                CodeShape.REGISTERS, null, null);
        try (ArrayTable arrays = new ArrayTable()) {
            assertThatThrownBy(() -> jit.bind(arrays)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no run of this JIT was started on this thread: startRun first");
        }
        jit.startRun();
        assertThatThrownBy(() -> jit.atLoopHead(0, 2, HEAD, new Countdown(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no run is bound to arrays: startRun and bind first");
        assertThatThrownBy(jit::startRun).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("this JIT serves a run on thread \"" + Thread.currentThread().getName() + "\"");
        assertThatThrownBy(jit::close).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("now: close it after the run");
        jit.endRun();
        jit.close();
        assertThatThrownBy(jit::startRun).isInstanceOf(IllegalStateException.class)
                .hasMessage("this JIT is closed: make a new one");
        assertThatThrownBy(() -> new TreeJit<>(frontEnd, 0, CallStrategy.PER_TRACE, CodeShape.REGISTERS, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("threshold must be at least 1, got 0");
    }
}
