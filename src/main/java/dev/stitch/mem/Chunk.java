package dev.stitch.mem;

/**
 * One mapping of whole pages that a {@link CodeArena} carves regions from. Under
 * {@link WxPolicy#DUAL_MAP} the same memory has two addresses: {@link #writeBase} (RW) and
 * {@link #execBase} (RX); under the other policies they are equal.
 *
 * <p>Chunks of the default size that an arena is done with are kept mapped, up to
 * {@link #POOLED} per policy, for the next arena to reuse: mapping a chunk (under
 * {@code DUAL_MAP} a memfd and two mappings) and the first touch of its pages cost tens of
 * microseconds, which a JIT that makes an arena per run would otherwise pay on every run.
 */
final class Chunk {
    private static final int RW = Posix.PROT_READ | Posix.PROT_WRITE;
    private static final int RX = Posix.PROT_READ | Posix.PROT_EXEC;
    private static final int RWX = RW | Posix.PROT_EXEC;
    /** How many retired chunks of the default size are kept mapped per policy. */
    static final int POOLED = 8;
    private static final Chunk[][] POOL = new Chunk[WxPolicy.values().length][POOLED];
    private static final int[] POOL_SIZE = new int[WxPolicy.values().length];

    final WxPolicy policy;
    final long execBase;
    final long writeBase;
    final long size;
    final FreeList freeList;

    private Chunk(WxPolicy policy, long execBase, long writeBase, long size) {
        this.policy = policy;
        this.execBase = execBase;
        this.writeBase = writeBase;
        this.size = size;
        this.freeList = new FreeList(size);
    }

    /** Maps {@code size} bytes (a multiple of the page size) for {@code policy}, or reuses a retired chunk of that size. */
    static Chunk map(WxPolicy policy, long size) {
        if (size == pooledSize()) {
            synchronized (POOL) {
                int kept = POOL_SIZE[policy.ordinal()];
                if (kept > 0) {
                    Chunk chunk = POOL[policy.ordinal()][--kept];
                    POOL[policy.ordinal()][kept] = null;
                    POOL_SIZE[policy.ordinal()] = kept;
                    return new Chunk(policy, chunk.execBase, chunk.writeBase, size);
                }
            }
        }
        int privateAnon = Posix.MAP_PRIVATE | Posix.MAP_ANONYMOUS;
        return switch (policy) {
            // Untouched pages stay inaccessible; each write makes just its pages RW, then RX.
            case FLIP -> {
                long base = Posix.mmap(0, size, Posix.PROT_NONE, privateAnon, -1, 0);
                yield new Chunk(policy, base, base, size);
            }
            case RWX -> {
                long base = Posix.mmap(0, size, RWX, privateAnon, -1, 0);
                yield new Chunk(policy, base, base, size);
            }
            case DUAL_MAP -> mapTwice(size);
        };
    }

    private static long pooledSize() {
        long page = Posix.pageSize();
        return (CodeArena.DEFAULT_CHUNK_BYTES + page - 1) & -page;
    }

    /**
     * Gives the chunk back once no region in it can run again: kept mapped for a later arena
     * while the pool has room (under {@code FLIP} made inaccessible again first, as a new chunk
     * is), otherwise unmapped.
     */
    void retire() {
        if (size == pooledSize()) {
            synchronized (POOL) {
                int kept = POOL_SIZE[policy.ordinal()];
                if (kept < POOLED && sealed()) {
                    POOL[policy.ordinal()][kept] = this;
                    POOL_SIZE[policy.ordinal()] = kept + 1;
                    return;
                }
            }
        }
        unmap();
    }

    /** Under {@code FLIP}, makes the whole chunk inaccessible; false if the kernel refused. */
    private boolean sealed() {
        if (policy != WxPolicy.FLIP) {
            return true;
        }
        try {
            Posix.mprotect(execBase, size, Posix.PROT_NONE);
            return true;
        } catch (PosixException e) {
            return false;
        }
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
            return new Chunk(WxPolicy.DUAL_MAP, rx, rw, size);
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

    private void unmap() {
        Posix.munmap(execBase, size);
        if (writeBase != execBase) {
            Posix.munmap(writeBase, size);
        }
    }
}
