package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.ThreadStack;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.StencilLibrary;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Keeps traces that call Java from running where the thread's stack could overflow inside an
 * upcall. A {@code StackOverflowError} raised as an upcall enters Java, before any handler of
 * Stitch's can catch it, terminates the JVM; so before a trace that calls Java is entered, the
 * thread must have room for the upcall's entry: the JVM's shadow zone (what every Java frame
 * requires below it) and guard zones, plus a margin for the native frames in between. Nesting
 * (a Java method a trace called invoking a trace) is also capped at {@link #MAX_DEPTH}, whatever
 * the stack size.
 */
final class NestingLimit {
    /** The most traces that call Java running nested on one thread. */
    static final int MAX_DEPTH = 64;
    /** For the downcall stub, the trace's frame and the upcall stub between two Java frames, with room to spare. */
    private static final long NATIVE_MARGIN = 32 * 1024;
    /** The stack room a trace that calls Java needs when it is entered. */
    static final long REQUIRED_ROOM = zonePages() * 4096L + NATIVE_MARGIN;

    private NestingLimit() {}

    /**
     * @throws IllegalStateException if {@code trace}, entered {@code depth} deep (1 from plain
     *                               Java), would nest too deep or find too little stack
     */
    static void check(Trace trace, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalStateException("invoke of trace " + trace.name() + " refused: it would be trace number "
                    + depth + " nested on this thread (a Java method called by a trace invoking a trace); at most "
                    + MAX_DEPTH + " traces that call Java may nest");
        }
        long room = Probe.stackPointer() - ThreadStack.lowestAddress();
        if (room < REQUIRED_ROOM) {
            throw new IllegalStateException("invoke of trace " + trace.name() + " refused: " + (depth == 1 ? "" : "nested "
                    + depth + " deep, ") + "the thread has " + room + " bytes of stack left, and a trace that calls"
                    + " Java needs " + REQUIRED_ROOM + " (the JVM's shadow and guard zones and a margin); give the"
                    + " thread a bigger stack (-Xss, or the stackSize of new Thread(...))");
        }
    }

    /**
     * The JVM's shadow, red, yellow and reserved zones in 4 KiB units (HotSpot's flags), or
     * generous defaults on a JVM that does not say.
     */
    private static long zonePages() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long pages = 0;
            for (String flag : new String[] {"StackShadowPages", "StackRedPages", "StackYellowPages", "StackReservedPages"}) {
                pages += Long.parseLong(vm.getVMOption(flag).getValue());
            }
            return pages;
        } catch (RuntimeException | LinkageError e) {
            return 64;
        }
    }

    /** The stack pointer probe, installed once for the host, in an arena that lives as long as the JVM. */
    private static final class Probe {
        private static final MethodHandle STACK_POINTER = install();

        private static MethodHandle install() {
            byte[] code = StencilLibrary.of(Architecture.host(), CallStrategy.PER_TRACE).stackPointerProbe().code();
            return CodeArena.create().install(code).handle(FunctionDescriptor.of(JAVA_LONG), Linker.Option.critical(false));
        }

        static long stackPointer() {
            try {
                return (long) STACK_POINTER.invokeExact();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }
}
