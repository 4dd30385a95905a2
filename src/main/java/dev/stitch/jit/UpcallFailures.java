package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where an exception thrown by a Java upcall goes. An exception must not leave an upcall (the JVM
 * would terminate), so the upcall wrapper catches it, records it for the trace invocation running
 * on this thread and raises the frame's flag; the call stencil sees the flag and leaves the trace,
 * and {@link CompiledTrace#invoke} throws it.
 */
final class UpcallFailures {
    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();

    /** One running {@link CompiledTrace#invoke}: its frame header and the first failure, if any. */
    static final class Invocation {
        final MemorySegment header;
        final Invocation outer;
        /** 1 for an invoke from plain Java, 2 for one from a Java method a trace called, and so on. */
        final int depth;
        Throwable failure;

        Invocation(MemorySegment header, Invocation outer) {
            this.header = header;
            this.outer = outer;
            this.depth = outer == null ? 1 : outer.depth + 1;
        }
    }

    private UpcallFailures() {}

    /** The invocation running on this thread, innermost first, or null. */
    static Invocation current() {
        return CURRENT.get();
    }

    static Invocation enter(MemorySegment header, Invocation outer) {
        Invocation invocation = new Invocation(header, outer);
        CURRENT.set(invocation);
        return invocation;
    }

    static void exit(Invocation invocation) {
        // set, not remove: a removed thread-local is re-initialised by the next get, on every invoke.
        CURRENT.set(invocation.outer);
    }

    /** Called by the upcall wrapper with what the Java method threw. */
    static void record(Throwable failure) {
        Invocation invocation = CURRENT.get();
        if (invocation == null) {
            // Called from native code that is not a trace run by invoke(): nobody can be told, and
            // the exception must not escape into native code.
            return;
        }
        if (invocation.failure == null) {
            invocation.failure = failure;
        } else {
            invocation.failure.addSuppressed(failure);
        }
        invocation.header.set(JAVA_LONG, FrameLayout.UPCALL_FAILED, 1);
    }
}
