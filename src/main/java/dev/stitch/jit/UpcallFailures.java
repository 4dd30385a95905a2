package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Where an exception thrown by a Java upcall goes. An exception must not leave an upcall (the JVM
 * would terminate), so the upcall wrapper catches it, records it for the trace invocation running
 * on this thread and raises the frame's flag; the call stencil sees the flag and leaves the trace,
 * and {@link CompiledTrace#invoke} throws it.
 */
final class UpcallFailures {
    private static final ThreadLocal<Invocations> INVOCATIONS = ThreadLocal.withInitial(Invocations::new);

    /**
     * One running {@link CompiledTrace#invoke}: its frame header and the first failure, if any.
     * A thread keeps one per nesting depth and reuses it, so an invoke allocates nothing.
     */
    static final class Invocation {
        MemorySegment header;
        Invocation outer;
        /** 1 for an invoke from plain Java, 2 for one from a Java method a trace called, and so on. */
        final int depth;
        Throwable failure;

        private Invocation(int depth) {
            this.depth = depth;
        }
    }

    /** A thread's invocations: the one running now (innermost), and one per depth reached so far. */
    private static final class Invocations {
        Invocation current;
        Invocation[] byDepth = new Invocation[4];
    }

    private UpcallFailures() {}

    /** The invocation running on this thread, innermost first, or null. */
    static Invocation current() {
        return INVOCATIONS.get().current;
    }

    /** Begins an invocation inside {@code outer} (null from plain Java); its failure is cleared. */
    static Invocation enter(MemorySegment header, Invocation outer) {
        Invocations invocations = INVOCATIONS.get();
        int depth = outer == null ? 1 : outer.depth + 1;
        if (depth >= invocations.byDepth.length) {
            invocations.byDepth = Arrays.copyOf(invocations.byDepth, 2 * depth);
        }
        Invocation invocation = invocations.byDepth[depth];
        if (invocation == null) {
            invocation = invocations.byDepth[depth] = new Invocation(depth);
        }
        invocation.header = header;
        invocation.outer = outer;
        invocation.failure = null;
        invocations.current = invocation;
        return invocation;
    }

    /** Ends {@code invocation}: its outer one runs again. Its failure stays readable until the next invoke at its depth. */
    static void exit(Invocation invocation) {
        INVOCATIONS.get().current = invocation.outer;
        invocation.header = null; // the frame's memory is not kept alive by a thread that ran a trace once
        invocation.outer = null;
    }

    /** Called by the upcall wrapper with what the Java method threw. */
    static void record(Throwable failure) {
        Invocation invocation = INVOCATIONS.get().current;
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
