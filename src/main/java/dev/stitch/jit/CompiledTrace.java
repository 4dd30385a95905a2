package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeRegion;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.FrameLayout;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A compiled trace: its machine code, where it is, its statistics and listing, and, when it was
 * compiled into a {@link dev.stitch.mem.CodeArena}, a way to run it on a {@link Frame}.
 */
public final class CompiledTrace {
    /**
     * {@code long trace(Header *header, void *keepAlive)}: the trace reads only the header; the
     * second argument is there so that the linker keeps an external array table's memory alive
     * (a concurrent close fails instead of freeing memory a trace is using).
     */
    private static final FunctionDescriptor TRACE = FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS);
    /**
     * {@code (CodeRegion, long entry, MemorySegment header, MemorySegment keepAlive) -> long},
     * shared by every trace, so that installing one links no downcall. Traces that call nothing
     * run as critical downcalls, the cheapest entry: they come back to Java within a bounded
     * number of uops. A call may take any time (a Java method can block, a C function can sleep),
     * so a trace that calls runs in a plain downcall, during which the JVM does not wait for the thread.
     */
    private static final MethodHandle CALLING = CodeRegion.invoker(TRACE);
    private static final MethodHandle CRITICAL = CodeRegion.invoker(TRACE, Linker.Option.critical(false));

    private final Trace trace;
    private final Architecture architecture;
    private final CallStrategy strategy;
    private final CodeShape shape;
    private final boolean polls;
    /** The back-edges the trace takes per entry before it yields. */
    private final long fuel;
    /** Offset of the resume entry, or -1. */
    private final long resumeOffset;
    /** True if the trace calls a symbol. */
    private final boolean calls;
    private final long address;
    private final CodeRegion region;
    private final byte[] image;
    private final TraceStats stats;
    /** The layout made again for listings (the compiler's lived in a context it reuses), or null. */
    private TraceLayout layout;
    private TrampolinePlan plan;

    /** Keeps what it needs of {@code layout} and {@code plan}, whose context the compiler reuses. */
    CompiledTrace(TraceLayout layout, TrampolinePlan plan, long address, CodeRegion region, byte[] image) {
        this.trace = layout.trace;
        this.architecture = layout.architecture;
        this.strategy = layout.strategy;
        this.shape = layout.shape();
        this.polls = layout.polls;
        this.fuel = layout.fuel;
        this.resumeOffset = layout.resumeOffset;
        this.calls = layout.symbolMask != 0;
        this.address = address;
        this.region = region;
        this.image = image;
        this.stats = statistics(layout, plan, region != null ? region.size() : image.length);
    }

    private static TraceStats statistics(TraceLayout layout, TrampolinePlan plan, long size) {
        int direct = 0;
        int trampolined = 0;
        for (long mask = layout.perTraceTrampolines() ? layout.symbolMask : 0; mask != 0; mask &= mask - 1) {
            int ordinal = Long.numberOfTrailingZeros(mask);
            if (plan.slot[ordinal] < 0) {
                direct += layout.callCounts[ordinal];
            } else {
                trampolined += layout.callCounts[ordinal];
            }
        }
        int dataStart = TraceLayout.dataStart(plan.end);
        int padding = layout.alignmentPadding + (plan.start - layout.coldEnd) + (dataStart - plan.end);
        return new TraceStats(layout.trace.size(), layout.hotBytes, layout.coldBytes, plan.end - plan.start, layout.dataSize, padding,
                (int) size, layout.holesPatched, layout.jumpsElided, plan.count, layout.stencilTrampolines, direct,
                trampolined);
    }

    public Trace trace() {
        return trace;
    }

    public CallStrategy strategy() {
        return strategy;
    }

    /** The shape the trace was compiled in. */
    public CodeShape shape() {
        return shape;
    }

    /** The instruction set the trace was compiled for. */
    public Architecture architecture() {
        return architecture;
    }

    /** The installed code, or null for a trace compiled at an address for inspection. */
    CodeRegion region() {
        return region;
    }

    /** The address of the trace's first instruction (its entry). */
    public long address() {
        return address;
    }

    /** The size in bytes. */
    public int size() {
        return stats.totalBytes();
    }

    public TraceStats stats() {
        return stats;
    }

    /** True if the trace was installed in executable memory (and not yet freed). */
    public boolean isInstalled() {
        return region != null && !region.isFreed();
    }

    /** The trace's bytes: read back from executable memory when installed. */
    public byte[] bytes() {
        return region != null ? region.bytes() : image.clone();
    }

    /**
     * The instructions one iteration of the trace's loop runs on its main path: every guard
     * holding and every side path skipped, from the loop head (the earliest uop a back-edge goes
     * to) back to it (an unrolled loop's copies averaged). Counted on the installed bytes, so it is exactly what runs.
     *
     * @throws IllegalStateException if the trace has no back-edge, or its main path does not come back to the head
     */
    public double instructionsPerIteration() {
        return IterationCount.of(this);
    }

    /** The disassembly of the trace's bytes with uops, holes, exits, trampolines and data named. */
    public String listing() {
        return TraceListing.of(this);
    }

    /**
     * The trace's layout, made again at its address: compiling is deterministic, so it is the one
     * the bytes were emitted from (listings and instruction counts read it).
     */
    synchronized TraceLayout layout() {
        if (layout == null) {
            TraceLayout remade = new TraceLayout(trace, architecture, strategy, shape, polls);
            TrampolinePlan remadePlan = new TrampolinePlan(remade, address);
            // Compiling merged runs of pieces this layout keeps apart: the bytes must be the same.
            byte[] expected = bytes();
            byte[] image = new byte[remade.maxSize()];
            int size = TraceCompiler.emit(remade, remadePlan, image, address);
            int mismatch = java.util.Arrays.mismatch(image, 0, size, expected, 0, expected.length);
            if (mismatch >= 0) {
                throw new IllegalStateException("trace " + trace.name() + ": its layout made again for a listing gives "
                        + "other bytes than were compiled, from offset " + mismatch + " (" + size + " against "
                        + expected.length + " bytes); this is a bug in the trace compiler");
            }
            layout = remade;
            plan = remadePlan;
        }
        return layout;
    }

    /** The trampoline plan of {@link #layout()}. */
    synchronized TrampolinePlan plan() {
        layout();
        return plan;
    }

    /** The back-edges the trace takes per entry before it yields. */
    long fuel() {
        return fuel;
    }

    /**
     * Runs the trace on {@code frame} until it leaves, and returns its exit value. The frame holds
     * the locals, stack and arrays as the trace left them.
     *
     * <p>A trace never keeps the JVM waiting: it comes back to Java at its back-edges every
     * 65,536 uops or so (see {@link FrameLayout}), where this method
     * reaches a safepoint, checks whether the thread was interrupted, and goes on. A trace that
     * calls anything runs in a downcall the JVM does not wait for at all.
     *
     * @throws IllegalStateException         if the trace is not installed or was freed, the frame is
     *                                       closed or in use by another invoke, its symbol table is
     *                                       closed, or the thread's stack has no room for another
     *                                       nested invoke
     * @throws IllegalArgumentException      if the frame has too few locals or too little stack for the trace
     * @throws UnsupportedOperationException on a JVM of another architecture than the trace's
     * @throws TraceUpcallException          if a Java method the trace called threw
     * @throws TraceInterruptedException     if the thread was interrupted while the trace ran (the
     *                                       interrupt status is cleared, as with
     *                                       {@link InterruptedException}); the frame is as at the
     *                                       uop it stopped at, and invoking the trace again on it goes on there
     */
    public long invoke(Frame frame) {
        return invoke(frame, fuel);
    }

    /** {@link #invoke(Frame)} with {@code fuel} back-edges per trip instead of the trace's own: for tests of yielding. */
    long invoke(Frame frame, long fuel) {
        if (fuel < 1) {
            throw new IllegalArgumentException("fuel must be at least 1 back-edge, got " + fuel);
        }
        if (region == null) {
            throw new IllegalStateException("trace " + trace.name() + " was compiled at 0x"
                    + Long.toHexString(address) + " for inspection only; compile it into a CodeArena to run it");
        }
        Architecture host = Architecture.host();
        if (host != architecture) {
            throw new UnsupportedOperationException("trace " + trace.name() + " is "
                    + architecture.displayName() + " code and this JVM runs on " + host.displayName()
                    + "; compile it for " + host.displayName() + ", or run it on " + architecture.displayName()
                    + " (an emulated JVM will do)");
        }
        if (frame.isClosed()) {
            throw new IllegalStateException("the frame is closed");
        }
        if (frame.localCount() <= trace.maxLocal()) {
            throw new IllegalArgumentException("trace " + trace.name() + " uses local slot " + trace.maxLocal()
                    + " but the frame has " + frame.localCount() + " local(s)");
        }
        frame.acquire("invoke of trace ", trace.name()); // the message is made only if refused: an invoke allocates nothing
        try {
            // Checked while the frame is ours: nobody can change the depth before the trace reads it.
            if (frame.depth() + trace.maxDepth() > frame.stackCapacity()) {
                throw new IllegalArgumentException("trace " + trace.name() + " pushes up to " + trace.maxDepth()
                        + " value(s) on a stack already " + frame.depth() + " deep, but the frame holds "
                        + frame.stackCapacity());
            }
            return run(frame, fuel);
        } finally {
            frame.release();
        }
    }

    private long run(Frame frame, long fuel) {
        MemorySegment header = frame.header();
        header.set(JAVA_LONG, FrameLayout.UPCALL_FAILED, 0);
        boolean resume = frame.suspendedIn(this);
        frame.suspend(null);
        // Only a trace that calls Java can have an upcall fail, or run invoke again inside it.
        UpcallFailures.Invocation invocation = null;
        if (trace.callsJava()) {
            UpcallFailures.Invocation outer = UpcallFailures.current();
            NestingLimit.check(trace, outer == null ? 1 : outer.depth + 1);
            invocation = UpcallFailures.enter(header, outer);
        }
        if (calls) {
            trace.symbols().acquire();
        }
        long exit;
        try {
            MemorySegment keepAlive = frame.arraysKeepAlive();
            while (true) {
                header.set(JAVA_LONG, FrameLayout.FUEL, fuel);
                long entry = resume ? resumeOffset : 0;
                exit = calls ? (long) CALLING.invokeExact(region, entry, header, keepAlive)
                        : (long) CRITICAL.invokeExact(region, entry, header, keepAlive);
                if (exit != FrameLayout.YIELD_EXIT) {
                    break;
                }
                resume = true;
                if (Thread.interrupted()) {
                    frame.suspend(this);
                    throw new TraceInterruptedException("trace " + trace.name()
                            + " stopped: its thread was interrupted; invoking it again on this frame goes on where it stopped");
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            if (invocation != null) {
                UpcallFailures.exit(invocation);
            }
            if (calls) {
                trace.symbols().release();
            }
        }
        if (invocation != null && invocation.failure != null) {
            throw new TraceUpcallException("trace " + trace.name() + ": a Java method it called threw "
                    + invocation.failure, invocation.failure);
        }
        return exit;
    }

    /** Returns the trace's memory to its arena; it cannot run afterwards. */
    public void free() {
        if (region == null) {
            throw new IllegalStateException("trace " + trace.name() + " was not installed");
        }
        region.free();
    }

    @Override
    public String toString() {
        return "CompiledTrace[" + trace.name() + ", " + architecture.displayName() + ", " + strategy + ", "
                + shape + ", " + stats.totalBytes() + " bytes at 0x"
                + Long.toHexString(address) + "]";
    }
}
