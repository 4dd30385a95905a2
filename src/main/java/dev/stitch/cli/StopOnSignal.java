package dev.stitch.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a run at once when the JVM is told to exit (SIGINT, SIGTERM) with its output kept. The JVM
 * runs shutdown hooks and then halts whatever the other threads are doing, which would drop what
 * the program printed but had not yet flushed; so the hook interrupts the thread running the
 * program (the interpreter and compiled traces see that within about a millisecond, and the run
 * ends with a runtime error after flushing its output) and waits until that thread says the run
 * is over, for at most {@link #WAIT_MILLIS}.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the JVM's exit waits for the run to flush. */
    static final long WAIT_MILLIS = 2_000;

    private final Thread runner = Thread.currentThread();
    private final CountDownLatch over = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "stitch run: stop on signal");

    StopOnSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void stop() {
        runner.interrupt();
        try {
            over.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is over and its output written: the JVM may exit. */
    @Override
    public void close() {
        over.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is exiting and the hook is running: it was waiting for the countdown above.
        }
    }
}
