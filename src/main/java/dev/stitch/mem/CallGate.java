package dev.stitch.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>Each thread counts its own running calls in its own {@link Caller}, so that calls from many
 * threads do not contend on one shared counter; an exclusive operation looks at every caller.
 * The entry is a Dekker-style handshake: a caller publishes its count, then reads the exclusive
 * flag; an exclusive operation publishes the flag, then reads the counts (both volatile), so at
 * least one of them sees the other.
 *
 * <p>A thread already inside a call (or a shared write) may enter again (its code called back
 * into Java, which called more code) without waiting, and may not start an exclusive operation:
 * that would wait for itself, or make code on its own stack non-executable. A thread inside an
 * exclusive operation may neither call in nor start another one: the inner one would change
 * the protection of, or unmap, pages the outer one is still writing. Both get an exception.
 *
 * <p>A caller leaves with a release store, which an exclusive operation may see a moment late;
 * so that a wake-up lost that way costs little, an exclusive operation re-checks every
 * millisecond while it waits.
 */
final class CallGate {
    /** One thread's running calls through this gate: how deeply they nest. */
    static final class Caller {
        private static final VarHandle DEPTH;

        static {
            try {
                DEPTH = MethodHandles.lookup().findVarHandle(Caller.class, "depth", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread owner = Thread.currentThread();
        private volatile int depth;
    }

    private final Set<Caller> callers = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Caller> mine = ThreadLocal.withInitial(() -> {
        Caller caller = new Caller();
        callers.add(caller);
        return caller;
    });
    private final ReentrantLock exclusiveOwner = new ReentrantLock();
    private final ReentrantLock monitor = new ReentrantLock();
    private final Condition changed = monitor.newCondition();
    private volatile boolean exclusive;

    /** Starts a call; end it with {@link #exit(Caller)}, passing what this returns, on the same thread. */
    Caller enter() {
        Caller caller = mine.get();
        int depth = caller.depth;
        if (depth > 0) {
            // Nested: an exclusive operation is already waiting for this thread's outer call.
            caller.depth = depth + 1;
            return caller;
        }
        for (;;) {
            caller.depth = 1;
            if (!exclusive) {
                return caller;
            }
            caller.depth = 0;
            signal();
            if (exclusiveOwner.isHeldByCurrentThread()) {
                throw new IllegalStateException("cannot call or read code of this arena inside a write callback"
                        + " of the same arena: its pages are writable, not executable, until the callback returns");
            }
            awaitNotExclusive();
        }
    }

    /** Ends a call started with {@link #enter()}. */
    void exit(Caller caller) {
        int depth = caller.depth - 1;
        // A release store is enough: an exclusive operation polls, and is woken when it is seen waiting.
        Caller.DEPTH.setRelease(caller, depth);
        if (depth == 0 && exclusive) {
            signal();
        }
    }

    /** True while the current thread is inside a call through this gate. */
    boolean insideCall() {
        return mine.get().depth > 0;
    }

    /**
     * Runs {@code action} while no call is running.
     *
     * @param what the operation, for the message if the current thread is inside a call
     */
    <T> T exclusively(String what, Supplier<T> action) {
        checkMayGoExclusive(what);
        exclusiveOwner.lock();
        try {
            exclusive = true;
            awaitNoCalls();
            return action.get();
        } finally {
            exclusive = false;
            signal();
            exclusiveOwner.unlock();
        }
    }

    /**
     * Throws if the current thread may not start an exclusive operation now: because it is
     * inside a call or a write of this arena.
     */
    void checkMayGoExclusive(String what) {
        if (exclusiveOwner.isHeldByCurrentThread()) {
            throw new IllegalStateException("cannot " + what + " inside a write callback of the same arena:"
                    + " it would change the protection of, or unmap, pages that are being written; do it after"
                    + " the callback returns");
        }
        if (insideCall()) {
            throw new IllegalStateException("cannot " + what + " while this thread is inside a call into, or a"
                    + " write to, the same arena (for example code that called back into Java): it would wait"
                    + " for itself or take away the execute permission of code on this thread's stack; do it"
                    + " from outside"
                    + (what.startsWith("write") ? ", or use WxPolicy.DUAL_MAP, whose writes need no exclusive access" : ""));
        }
    }

    private boolean callsRunning() {
        boolean running = false;
        for (Caller caller : callers) {
            if (caller.depth > 0) {
                running = true;
            } else if (!caller.owner.isAlive()) {
                // A thread that ended cannot be inside a call; forget it.
                callers.remove(caller);
            }
        }
        return running;
    }

    private void awaitNoCalls() {
        boolean interrupted = false;
        monitor.lock();
        try {
            while (callsRunning()) {
                try {
                    // Timed: a caller's exit is a release store that may be seen late.
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
