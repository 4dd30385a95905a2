package dev.stitch.mem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The bounds of the calling thread's native stack, from {@code pthread_getattr_np} and
 * {@code pthread_attr_getstack} (glibc): what lets a caller that is about to enter native code
 * which calls back into Java check that the thread has room left for it.
 */
public final class ThreadStack {
    /** Room for any glibc {@code pthread_attr_t} (56 bytes on x86-64, 64 on AArch64). */
    private static final long ATTR_BYTES = 256;
    private static final ThreadLocal<long[]> BOUNDS = ThreadLocal.withInitial(ThreadStack::query);

    private ThreadStack() {}

    /** The lowest address of the calling thread's stack (stacks grow down towards it). */
    public static long lowestAddress() {
        return BOUNDS.get()[0];
    }

    /** The size in bytes of the calling thread's stack. */
    public static long size() {
        return BOUNDS.get()[1];
    }

    private static long[] query() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(ATTR_BYTES, 16);
            MemorySegment address = arena.allocate(ADDRESS);
            MemorySegment size = arena.allocate(JAVA_LONG);
            long self = (long) Pthread.SELF.invokeExact();
            check("pthread_getattr_np", (int) Pthread.GETATTR.invokeExact(self, attr));
            try {
                check("pthread_attr_getstack", (int) Pthread.GETSTACK.invokeExact(attr, address, size));
            } finally {
                int ignored = (int) Pthread.DESTROY.invokeExact(attr);
            }
            return new long[] {address.get(ADDRESS, 0).address(), size.get(JAVA_LONG, 0)};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot query the thread's stack", t);
        }
    }

    /** The pthread functions return an error number rather than setting errno. */
    private static void check(String call, int error) {
        if (error != 0) {
            throw new PosixException(call, error);
        }
    }

    private static final class Pthread {
        private static final Linker LINKER = Linker.nativeLinker();
        static final MethodHandle SELF = downcall("pthread_self", FunctionDescriptor.of(JAVA_LONG));
        static final MethodHandle GETATTR = downcall("pthread_getattr_np",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
        static final MethodHandle GETSTACK = downcall("pthread_attr_getstack",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle DESTROY = downcall("pthread_attr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));

        private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow(() ->
                    new UnsupportedOperationException("the C library has no symbol '" + name + "'"));
            return LINKER.downcallHandle(symbol, descriptor);
        }
    }
}
