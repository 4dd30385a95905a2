package dev.stitch.mem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.StringJoiner;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The POSIX calls the memory layer needs, made through FFM downcalls into the C library, with
 * {@code errno} captured right after each call ({@link Linker.Option#captureCallState}) and turned
 * into a {@link PosixException} that names the call, its arguments, errno and its meaning.
 *
 * <p>Linux only: the flag values below are Linux's, which are the same on x86-64 and AArch64.
 * Addresses are plain {@code long}s; {@code size_t} and {@code off_t} are 64-bit on both.
 * Package-private: these calls can unmap or unprotect any memory, so only the arena makes them.
 */
final class Posix {
    /** Pages may be read. */
    static final int PROT_READ = 0x1;
    /** Pages may be written. */
    static final int PROT_WRITE = 0x2;
    /** Pages may be executed. */
    static final int PROT_EXEC = 0x4;
    /** Pages may not be accessed. */
    static final int PROT_NONE = 0x0;
    /** Changes are shared with other mappings of the same file. */
    static final int MAP_SHARED = 0x01;
    /** Changes are private to this mapping (copy on write). */
    static final int MAP_PRIVATE = 0x02;
    /** The mapping is not backed by a file; its contents start as zeroes. */
    static final int MAP_ANONYMOUS = 0x20;
    /** {@code memfd_create}: close the descriptor on {@code exec}. */
    static final int MFD_CLOEXEC = 0x1;

    private static final int SC_PAGESIZE = 30;
    private static final long MAP_FAILED = -1L;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));
    private static final String OS = System.getProperty("os.name", "");

    private Posix() {}

    /**
     * The C library's functions, looked up on first use, after {@link #requireLinux()} has checked that
     * this is Linux: elsewhere a failing lookup in a static initializer would surface as an
     * obscure {@code NoClassDefFoundError} instead of a clear message.
     */
    private static final class Libc {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final MethodHandle MMAP = downcall("mmap",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        private static final MethodHandle MPROTECT = downcall("mprotect",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        private static final MethodHandle MUNMAP = downcall("munmap",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        private static final MethodHandle SYSCONF = downcall("sysconf",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
        private static final MethodHandle MEMFD_CREATE = downcall("memfd_create",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        private static final MethodHandle FTRUNCATE = downcall("ftruncate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
        private static final MethodHandle CLOSE = downcall("close",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));

        private static final long PAGE_SIZE = sysconf(SC_PAGESIZE, "_SC_PAGESIZE");

        private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
            MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow(() ->
                    new UnsupportedOperationException("the C library has no symbol '" + name + "'"));
            return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
        }
    }

    private static void requireLinux() {
        if (!OS.toLowerCase(Locale.ROOT).contains("linux")) {
            throw new UnsupportedOperationException(
                    "Stitch's memory layer uses Linux's mmap flags and memfd_create; this JVM runs on os.name=" + OS);
        }
    }

    private static MemorySegment state() {
        return STATE.get();
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static RuntimeException unexpected(String call, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall to " + call + " failed", t);
    }

    /** The size of a memory page, queried once with {@code sysconf(_SC_PAGESIZE)}; never assumed. */
    static long pageSize() {
        requireLinux();
        return Libc.PAGE_SIZE;
    }

    private static long sysconf(int name, String nameText) {
        MemorySegment state = state();
        long value;
        try {
            value = (long) Libc.SYSCONF.invokeExact(state, name);
        } catch (Throwable t) {
            throw unexpected("sysconf", t);
        }
        if (value <= 0) {
            throw new PosixException("sysconf(" + nameText + ")", errno(state));
        }
        return value;
    }

    /**
     * {@code mmap(addr, length, prot, flags, fd, offset)}.
     *
     * @return the address of the new mapping
     * @throws PosixException if the kernel refused
     */
    static long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        requireLinux();
        MemorySegment state = state();
        long result;
        try {
            result = (long) Libc.MMAP.invokeExact(state, addr, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            throw unexpected("mmap", t);
        }
        if (result == MAP_FAILED) {
            throw new PosixException("mmap(addr=" + hex(addr) + ", length=" + length + ", prot=" + protText(prot)
                    + ", flags=" + mapFlagsText(flags) + ", fd=" + fd + ", offset=" + offset + ")", errno(state));
        }
        return result;
    }

    /** {@code mprotect(addr, length, prot)}; {@code addr} must be page-aligned. */
    static void mprotect(long addr, long length, int prot) {
        requireLinux();
        MemorySegment state = state();
        int result;
        try {
            result = (int) Libc.MPROTECT.invokeExact(state, addr, length, prot);
        } catch (Throwable t) {
            throw unexpected("mprotect", t);
        }
        if (result != 0) {
            throw new PosixException("mprotect(addr=" + hex(addr) + ", length=" + length + ", prot="
                    + protText(prot) + ")", errno(state));
        }
    }

    /** {@code munmap(addr, length)}. */
    static void munmap(long addr, long length) {
        requireLinux();
        MemorySegment state = state();
        int result;
        try {
            result = (int) Libc.MUNMAP.invokeExact(state, addr, length);
        } catch (Throwable t) {
            throw unexpected("munmap", t);
        }
        if (result != 0) {
            throw new PosixException("munmap(addr=" + hex(addr) + ", length=" + length + ")", errno(state));
        }
    }

    /**
     * {@code memfd_create(name, flags)}: an anonymous file that lives in memory.
     *
     * @return its file descriptor
     */
    static int memfdCreate(String name, int flags) {
        requireLinux();
        MemorySegment state = state();
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = (int) Libc.MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name), flags);
        } catch (Throwable t) {
            throw unexpected("memfd_create", t);
        }
        if (fd < 0) {
            throw new PosixException("memfd_create(name=\"" + name + "\", flags=" + hex(flags) + ")", errno(state));
        }
        return fd;
    }

    /** {@code ftruncate(fd, length)}. */
    static void ftruncate(int fd, long length) {
        requireLinux();
        MemorySegment state = state();
        int result;
        try {
            result = (int) Libc.FTRUNCATE.invokeExact(state, fd, length);
        } catch (Throwable t) {
            throw unexpected("ftruncate", t);
        }
        if (result != 0) {
            throw new PosixException("ftruncate(fd=" + fd + ", length=" + length + ")", errno(state));
        }
    }

    /** {@code close(fd)}. */
    static void close(int fd) {
        requireLinux();
        MemorySegment state = state();
        int result;
        try {
            result = (int) Libc.CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
        if (result != 0) {
            throw new PosixException("close(fd=" + fd + ")", errno(state));
        }
    }

    /** {@code PROT_READ|PROT_EXEC} style text for a protection value. */
    static String protText(int prot) {
        if (prot == PROT_NONE) {
            return "PROT_NONE";
        }
        StringJoiner text = new StringJoiner("|");
        if ((prot & PROT_READ) != 0) text.add("PROT_READ");
        if ((prot & PROT_WRITE) != 0) text.add("PROT_WRITE");
        if ((prot & PROT_EXEC) != 0) text.add("PROT_EXEC");
        int rest = prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC);
        if (rest != 0) text.add(hex(rest));
        return text.toString();
    }

    private static String mapFlagsText(int flags) {
        StringJoiner text = new StringJoiner("|");
        if ((flags & MAP_SHARED) != 0) text.add("MAP_SHARED");
        if ((flags & MAP_PRIVATE) != 0) text.add("MAP_PRIVATE");
        if ((flags & MAP_ANONYMOUS) != 0) text.add("MAP_ANONYMOUS");
        int rest = flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS);
        if (rest != 0 || flags == 0) text.add(hex(rest));
        return text.toString();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
