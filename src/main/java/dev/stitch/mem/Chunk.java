package dev.stitch.mem;

/**
 * One mapping of whole pages that a {@link CodeArena} carves regions from. Under
 * {@link WxPolicy#DUAL_MAP} the same memory has two addresses: {@link #writeBase} (RW) and
 * {@link #execBase} (RX); under the other policies they are equal.
 */
final class Chunk {
    private static final int RW = Posix.PROT_READ | Posix.PROT_WRITE;
    private static final int RX = Posix.PROT_READ | Posix.PROT_EXEC;
    private static final int RWX = RW | Posix.PROT_EXEC;

    final long execBase;
    final long writeBase;
    final long size;
    final FreeList freeList;

    private Chunk(long execBase, long writeBase, long size) {
        this.execBase = execBase;
        this.writeBase = writeBase;
        this.size = size;
        this.freeList = new FreeList(size);
    }

    /** Maps {@code size} bytes (a multiple of the page size) for {@code policy}. */
    static Chunk map(WxPolicy policy, long size) {
        int privateAnon = Posix.MAP_PRIVATE | Posix.MAP_ANONYMOUS;
        return switch (policy) {
            // Untouched pages stay inaccessible; each write makes just its pages RW, then RX.
            case FLIP -> {
                long base = Posix.mmap(0, size, Posix.PROT_NONE, privateAnon, -1, 0);
                yield new Chunk(base, base, size);
            }
            case RWX -> {
                long base = Posix.mmap(0, size, RWX, privateAnon, -1, 0);
                yield new Chunk(base, base, size);
            }
            case DUAL_MAP -> mapTwice(size);
        };
    }

    private static Chunk mapTwice(long size) {
        int fd = Posix.memfdCreate("stitch-code", Posix.MFD_CLOEXEC);
        long rw = 0;
        long rx = 0;
        try {
            Posix.ftruncate(fd, size);
            rw = Posix.mmap(0, size, RW, Posix.MAP_SHARED, fd, 0);
            rx = Posix.mmap(0, size, RX, Posix.MAP_SHARED, fd, 0);
            // Both mappings keep the memory alive; the descriptor is no longer needed.
            Posix.close(fd);
            return new Chunk(rx, rw, size);
        } catch (PosixException e) {
            long rxMapped = rx;
            long rwMapped = rw;
            undo(e, () -> Posix.munmap(rxMapped, size), rxMapped != 0);
            undo(e, () -> Posix.munmap(rwMapped, size), rwMapped != 0);
            undo(e, () -> Posix.close(fd), true);
            throw e;
        }
    }

    /** Cleans up after a failure; a cleanup that fails too is kept with the first failure. */
    private static void undo(PosixException failure, Runnable cleanup, boolean needed) {
        if (needed) {
            try {
                cleanup.run();
            } catch (PosixException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** FLIP only: makes the pages holding {@code [offset, offset + length)} writable. */
    void makeWritable(long offset, long length) {
        protectPages(offset, length, RW);
    }

    /** FLIP only: makes the pages holding {@code [offset, offset + length)} executable again. */
    void makeExecutable(long offset, long length) {
        protectPages(offset, length, RX);
    }

    private void protectPages(long offset, long length, int prot) {
        long page = Posix.pageSize();
        long first = offset & -page;
        long end = (offset + length + page - 1) & -page;
        Posix.mprotect(execBase + first, end - first, prot);
    }

    void unmap() {
        Posix.munmap(execBase, size);
        if (writeBase != execBase) {
            Posix.munmap(writeBase, size);
        }
    }
}
