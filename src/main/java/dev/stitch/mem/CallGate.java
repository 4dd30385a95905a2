package dev.stitch.mem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps calls into an arena's code apart from the operations that would make that code
 * unrunnable while it runs: making its pages writable under {@link WxPolicy#FLIP}, freeing it
 * (its bytes may be reused) and unmapping it. Calls are "shared": any number run at once. Those
 * operations are "exclusive": they wait until no call is running and hold new calls back until
 * they are done.
 *
 * <p>A thread already inside a call may enter again (its code called back into Java, which
 * called more code) without waiting, and may not start an exclusive operation: that would wait
 * for itself, or make code on its own stack non-executable. It gets an exception instead.
 */
final class CallGate {
    private final AtomicLong running = new AtomicLong();
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private final ReentrantLock exclusiveOwner = new ReentrantLock();
    private final ReentrantLock monitor = new ReentrantLock();
    private final Condition changed = monitor.newCondition();
    private volatile boolean exclusive;

    /** Starts a call; it must be ended with {@link #exit()}. */
    void enter() {
        int[] myDepth = depth.get();
        if (myDepth[0] == 0) {
            for (;;) {
                running.incrementAndGet();
                if (!exclusive) {
                    break;
                }
                exit0();
                if (exclusiveOwner.isHeldByCurrentThread()) {
                    throw new IllegalStateException(
                            "cannot run code from this arena inside its own write, free or close");
                }
                awaitNotExclusive();
            }
        } else {
            running.incrementAndGet();
        }
        myDepth[0]++;
    }

    /** Ends a call started with {@link #enter()}. */
    void exit() {
        depth.get()[0]--;
        exit0();
    }

    private void exit0() {
        if (running.decrementAndGet() == 0 && exclusive) {
            signal();
        }
    }

    /** True while the current thread is inside a call through this gate. */
    boolean insideCall() {
        return depth.get()[0] > 0;
    }

    /**
     * Runs {@code action} while no call is running.
     *
     * @param what the operation, for the message if the current thread is inside a call
     */
    <T> T exclusively(String what, Supplier<T> action) {
        if (insideCall()) {
            throw new IllegalStateException("cannot " + what + " while this thread is running code from the"
                    + " same arena (code called back into Java): it would wait for itself or take away the"
                    + " execute permission of code on this thread's stack; do it from outside the call"
                    + (what.startsWith("write") ? ", or use WxPolicy.DUAL_MAP, whose writes need no exclusive access" : ""));
        }
        exclusiveOwner.lock();
        try {
            exclusive = true;
            awaitNoCalls();
            return action.get();
        } finally {
            if (exclusiveOwner.getHoldCount() == 1) {
                exclusive = false;
                signal();
            }
            exclusiveOwner.unlock();
        }
    }

    private void awaitNoCalls() {
        boolean interrupted = false;
        monitor.lock();
        try {
            while (running.get() != 0) {
                try {
                    // Timed, so that a signal racing with this check costs at most a millisecond.
                    changed.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            monitor.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitNotExclusive() {
        monitor.lock();
        try {
            while (exclusive) {
                changed.awaitUninterruptibly();
            }
        } finally {
            monitor.unlock();
        }
    }

    private void signal() {
        monitor.lock();
        try {
            changed.signalAll();
        } finally {
            monitor.unlock();
        }
    }
}
