package dev.stitch.mem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallGateTest {
    /** Waits until {@code thread} blocks, so that a check that it has not gone on means something. */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(thread.isAlive()).as("thread still running").isTrue();
            assertThat(System.nanoTime()).as("thread blocked within a minute").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    @Test
    void anExclusiveOperationWaitsForRunningCalls() throws Exception {
        CallGate gate = new CallGate();
        CallGate.Caller caller = gate.enter();
        AtomicBoolean ran = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread exclusive = Thread.ofPlatform().start(() -> {
            gate.exclusively("test", () -> ran.getAndSet(true));
            done.countDown();
        });
        awaitBlocked(exclusive);
        assertThat(ran).isFalse();
        gate.exit(caller);
        assertThat(done.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(ran).isTrue();
        exclusive.join();
    }

    @Test
    void callsWaitWhileAnExclusiveOperationRuns() throws Exception {
        CallGate gate = new CallGate();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread exclusive = Thread.ofPlatform().start(() -> gate.exclusively("test", () -> {
            inside.countDown();
            try {
                return release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(inside.await(1, TimeUnit.MINUTES)).isTrue();
        CountDownLatch entered = new CountDownLatch(1);
        Thread caller = Thread.ofPlatform().start(() -> {
            CallGate.Caller inner = gate.enter();
            entered.countDown();
            gate.exit(inner);
        });
        awaitBlocked(caller);
        assertThat(entered.getCount()).isEqualTo(1);
        release.countDown();
        assertThat(entered.await(1, TimeUnit.MINUTES)).isTrue();
        exclusive.join();
        caller.join();
    }

    @Test
    void aThreadInsideACallMayEnterAgainButNotGoExclusive() {
        CallGate gate = new CallGate();
        CallGate.Caller outer = gate.enter();
        CallGate.Caller nested = gate.enter();
        assertThat(nested).isSameAs(outer);
        assertThat(gate.insideCall()).isTrue();
        assertThatThrownBy(() -> gate.exclusively("free code", () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot free code while this thread is inside a call into, or a write to, the same arena");
        gate.exit(nested);
        gate.exit(outer);
        assertThat(gate.insideCall()).isFalse();
        assertThat(gate.exclusively("free code", () -> "done")).isEqualTo("done");
    }

    @Test
    void theExclusiveHolderCannotCallInNorGoExclusiveAgain() {
        CallGate gate = new CallGate();
        assertThatThrownBy(() -> gate.exclusively("write", () -> {
            gate.enter();
            return null;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot call or read code of this arena inside a write callback");
        assertThatThrownBy(() -> gate.exclusively("write", () -> gate.exclusively("free code", () -> null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot free code inside a write callback of the same arena");
        gate.exit(gate.enter());
        assertThat(gate.insideCall()).isFalse();
    }
}
