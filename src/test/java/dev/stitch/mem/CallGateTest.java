package dev.stitch.mem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallGateTest {
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
        assertThat(done.await(200, TimeUnit.MILLISECONDS)).isFalse();
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
        assertThat(entered.await(200, TimeUnit.MILLISECONDS)).isFalse();
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
                .hasMessageStartingWith("cannot free code while this thread is running code from the same arena");
        gate.exit(nested);
        gate.exit(outer);
        assertThat(gate.insideCall()).isFalse();
        assertThat(gate.exclusively("free code", () -> "done")).isEqualTo("done");
    }

    @Test
    void theExclusiveHolderCannotCallIn() {
        CallGate gate = new CallGate();
        assertThatThrownBy(() -> gate.exclusively("write", () -> {
            gate.enter();
            return null;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot run code from this arena inside its own write, free or close");
        gate.exit(gate.enter());
        assertThat(gate.insideCall()).isFalse();
    }
}
