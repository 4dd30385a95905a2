package dev.stitch.mem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Executable memory for generated code. An arena maps pages in chunks and hands out
 * {@link CodeRegion}s of any size from them, packing small regions into shared pages (a tiny
 * trace does not cost a page), reusing freed space, and giving everything back on {@link #close()}
 * (chunks of {@link #DEFAULT_CHUNK_BYTES} stay mapped, a few per policy, for the next arena).
 *
 * <pre>{@code
 * try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
 *     CodeRegion add = arena.install(machineCode);
 *     MethodHandle h = add.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
 *     long sum = (long) h.invokeExact(40L, 2L);
 * }
 * }</pre>
 *
 * <p>Invariants:
 * <ul>
 *   <li>W^X: under {@link WxPolicy#FLIP} and {@link WxPolicy#DUAL_MAP} no page is writable and
 *       executable at once; only {@link WxPolicy#RWX}, chosen by name, breaks this.</li>
 *   <li>Every install and every re-patch flushes the {@link ICache} for exactly the bytes written,
 *       before the code can be called.</li>
 *   <li>Bytes are written only through a {@link MemorySegment} that is valid for the duration of
 *       one write callback; a view kept past it throws {@link IllegalStateException} on use
 *       instead of writing to sealed memory.</li>
 *   <li>Calls made through {@link CodeRegion#handle} never run freed or unmapped code, and under
 *       {@code FLIP} never run while their pages are writable: freeing, closing and {@code FLIP}
 *       writes wait for running calls to end and hold new ones back (see {@link CodeRegion#handle}).</li>
 * </ul>
 * Thread-safe: any thread may install, patch, call and free.
 */
public final class CodeArena implements AutoCloseable {
    /** The largest region an arena hands out: 1 GiB, far more than any branch can span. */
    public static final long MAX_REGION_BYTES = 1L << 30;
    /** Regions start at a multiple of this many bytes unless asked for more. */
    public static final long DEFAULT_ALIGNMENT = 16;
    /** How much an arena maps at a time, unless a region needs more (rounded up to whole pages). */
    public static final long DEFAULT_CHUNK_BYTES = 64 * 1024;

    private final WxPolicy policy;
    private final ICache icache;
    private final long chunkBytes;
    private final CallGate gate = new CallGate();
    private final Object lock = new Object();
    private final List<Chunk> chunks = new ArrayList<>();
    private int liveRegions;
    private long liveBytes;
    private volatile boolean closed;
    private volatile PosixException protectionFailure;

    private CodeArena(Builder builder) {
        this.policy = builder.policy;
        this.icache = builder.icache != null ? builder.icache : ICache.host();
        long page = pageSize();
        this.chunkBytes = (builder.chunkBytes + page - 1) & -page;
    }

    /** An arena with the default policy ({@link WxPolicy#FLIP}) and the host's {@link ICache}. */
    public static CodeArena create() {
        return builder().build();
    }

    /** An arena with the given policy and the host's {@link ICache}. */
    public static CodeArena create(WxPolicy policy) {
        return builder().policy(policy).build();
    }

    /** A builder for an arena with a chosen policy, flusher or chunk size. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link CodeArena}. */
    public static final class Builder {
        private WxPolicy policy = WxPolicy.FLIP;
        private ICache icache;
        private long chunkBytes = DEFAULT_CHUNK_BYTES;

        private Builder() {}

        /** The W^X policy; {@link WxPolicy#FLIP} unless set. */
        public Builder policy(WxPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The instruction-cache flusher; {@link ICache#host()} unless set. */
        public Builder icache(ICache icache) {
            this.icache = Objects.requireNonNull(icache, "icache");
            return this;
        }

        /**
         * How many bytes to map at a time (rounded up to whole pages); regions larger than this
         * get a mapping of their own.
         */
        public Builder chunkBytes(long chunkBytes) {
            if (chunkBytes < 1 || chunkBytes > MAX_REGION_BYTES) {
                throw new IllegalArgumentException("chunk size must be between 1 and " + MAX_REGION_BYTES
                        + " bytes, got " + chunkBytes);
            }
            this.chunkBytes = chunkBytes;
            return this;
        }

        /** The arena. Maps nothing until the first install. */
        public CodeArena build() {
            return new CodeArena(this);
        }
    }

    /** This arena's W^X policy. */
    public WxPolicy policy() {
        return policy;
    }

    /** The flusher this arena calls after every write. */
    public ICache icache() {
        return icache;
    }

    /** True once {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The size of a memory page on this host, which arenas map and protect in; queried with
     * {@code sysconf(_SC_PAGESIZE)}, never assumed (AArch64 Linux runs with 4, 16 or 64 KiB pages).
     */
    public static long pageSize() {
        return Posix.pageSize();
    }

    /** True if calls into this arena are refused: it is closed, or it could not restore a page protection. */
    boolean refusesCalls() {
        return closed || protectionFailure != null;
    }

    /** Why calls are refused, as an exception to throw; {@code null} if they are not. */
    IllegalStateException refusal(CodeRegion region) {
        if (closed) {
            return new IllegalStateException(region + " belongs to a closed CodeArena");
        }
        PosixException failure = protectionFailure;
        if (failure != null) {
            return new IllegalStateException(region + " cannot be used: its CodeArena could not restore the"
                    + " protection of its pages (" + failure.getMessage() + "), so it runs no more code;"
                    + " close it", failure);
        }
        return null;
    }

    /** Installs a copy of {@code code}: allocate, write, seal, flush. */
    public CodeRegion install(byte[] code) {
        Objects.requireNonNull(code, "code");
        return install(code.length, DEFAULT_ALIGNMENT, view -> MemorySegment.copy(code, 0, view, JAVA_BYTE, 0, code.length));
    }

    /** Installs a copy of the bytes of {@code code}: allocate, write, seal, flush. */
    public CodeRegion install(MemorySegment code) {
        Objects.requireNonNull(code, "code");
        return install(code.byteSize(), DEFAULT_ALIGNMENT, view -> view.copyFrom(code));
    }

    /**
     * Allocates {@code size} bytes, lets {@code writer} fill them through a writable view that
     * is valid only during the call, then seals and flushes them.
     */
    public CodeRegion install(long size, Consumer<MemorySegment> writer) {
        return install(size, DEFAULT_ALIGNMENT, writer);
    }

    /**
     * Like {@link #install(long, Consumer)}, with the region's address a multiple of
     * {@code alignment}: a power of two from 1 to the page size. If {@code writer} throws, the
     * region is freed and the exception passes through.
     *
     * @throws IllegalArgumentException for a size outside 1..{@link #MAX_REGION_BYTES} or a bad alignment
     * @throws IllegalStateException    if the arena is closed
     * @throws PosixException           if the kernel refuses memory or a protection change
     */
    public CodeRegion install(long size, long alignment, Consumer<MemorySegment> writer) {
        Objects.requireNonNull(writer, "writer");
        return install(size, alignment, (view, address) -> {
            writer.accept(view);
            return size;
        });
    }

    /**
     * Allocates up to {@code maxSize} bytes and lets {@code writer} fill them knowing the address
     * they will run at; the bytes it reports unused go back to the arena before the region is
     * sealed, so the region is exactly as large as the code. For code whose size depends on where
     * it lands (a call is direct when its target is near, through a trampoline otherwise). If
     * {@code writer} throws, the region is freed and the exception passes through.
     *
     * @throws IllegalArgumentException for a size outside 1..{@link #MAX_REGION_BYTES}, a bad
     *                                  alignment, or a writer that reports a size outside 1..maxSize
     * @throws IllegalStateException    if the arena is closed
     * @throws PosixException           if the kernel refuses memory or a protection change
     */
    public CodeRegion install(long maxSize, long alignment, RegionWriter writer) {
        if (maxSize < 1 || maxSize > MAX_REGION_BYTES) {
            throw new IllegalArgumentException("code size must be between 1 and " + MAX_REGION_BYTES
                    + " bytes, got " + maxSize);
        }
        long page = pageSize();
        if (alignment < 1 || alignment > page || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two from 1 to the page size ("
                    + page + "), got " + alignment);
        }
        Objects.requireNonNull(writer, "writer");
        if (policy == WxPolicy.FLIP) {
            gate.checkMayGoExclusive("install code under WxPolicy.FLIP");
        }
        CodeRegion region = allocate(maxSize, Math.max(alignment, DEFAULT_ALIGNMENT));
        try {
            long used = write(region, 0, maxSize, writer);
            return used == maxSize ? region : trimmed(region, used);
        } catch (RuntimeException | Error e) {
            try {
                free(region);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The region cut to its first {@code used} bytes; the tail goes back to the free list. */
    private CodeRegion trimmed(CodeRegion region, long used) {
        long granted = (used + DEFAULT_ALIGNMENT - 1) & -DEFAULT_ALIGNMENT;
        synchronized (lock) {
            ensureOpen();
            Chunk chunk = region.chunk;
            if (granted < region.granted) {
                chunk.freeList.release(region.offset + granted, region.granted - granted);
                liveBytes -= region.granted - granted;
            }
            return new CodeRegion(this, chunk, region.offset, used, Math.min(granted, region.granted));
        }
    }

    private CodeRegion allocate(long size, long alignment) {
        long granted = (size + DEFAULT_ALIGNMENT - 1) & -DEFAULT_ALIGNMENT;
        synchronized (lock) {
            ensureOpen();
            for (Chunk chunk : chunks) {
                long offset = chunk.freeList.allocate(granted, alignment);
                if (offset >= 0) {
                    return taken(chunk, offset, size, granted);
                }
            }
            long page = pageSize();
            Chunk chunk = Chunk.map(policy, Math.max(chunkBytes, (granted + page - 1) & -page));
            chunks.add(chunk);
            return taken(chunk, chunk.freeList.allocate(granted, alignment), size, granted);
        }
    }

    private CodeRegion taken(Chunk chunk, long offset, long size, long granted) {
        liveRegions++;
        liveBytes += granted;
        return new CodeRegion(this, chunk, offset, size, granted);
    }

    /** Writes {@code [offset, offset + length)} of {@code region}, then seals and flushes those bytes. */
    void write(CodeRegion region, long offset, long length, Consumer<MemorySegment> writer) {
        write(region, offset, length, (view, address) -> {
            writer.accept(view);
            return length;
        });
    }

    /**
     * Writes {@code [offset, offset + length)} of {@code region} through {@code writer}, seals
     * those bytes and flushes the ones it reports used (starting at {@code offset}); returns that count.
     */
    private long write(CodeRegion region, long offset, long length, RegionWriter writer) {
        Chunk chunk = region.chunk;
        long at = region.offset + offset;
        long[] used = {length};
        if (policy == WxPolicy.FLIP) {
            gate.exclusively("write code under WxPolicy.FLIP", () -> {
                region.checkLive();
                protect(() -> chunk.makeWritable(at, length));
                try {
                    used[0] = writeThroughScopedView(chunk.writeBase + at, chunk.execBase + at, length, writer);
                } finally {
                    protect(() -> chunk.makeExecutable(at, length));
                    icache.flush(chunk.execBase + at, used[0]);
                }
                return null;
            });
        } else {
            CallGate.Caller caller = region.enterCall();
            try {
                used[0] = writeThroughScopedView(chunk.writeBase + at, chunk.execBase + at, length, writer);
            } finally {
                icache.flush(chunk.execBase + at, used[0]);
                region.exitCall(null, caller);
            }
        }
        return used[0];
    }

    /**
     * Runs a FLIP protection change. If the kernel refuses one, some pages of other regions may
     * be left writable and not executable (mprotect can fail part-way), so from then on the arena
     * refuses every call rather than let one fault.
     */
    private void protect(Runnable change) {
        try {
            change.run();
        } catch (PosixException e) {
            protectionFailure = e;
            throw e;
        }
    }

    private static long writeThroughScopedView(long address, long runAddress, long length, RegionWriter writer) {
        long used;
        try (Arena scope = Arena.ofConfined()) {
            used = writer.write(MemorySegment.ofAddress(address).reinterpret(length, scope, null), runAddress);
        }
        if (used < 1 || used > length) {
            throw new IllegalArgumentException("a RegionWriter must report between 1 and " + length
                    + " bytes used, got " + used);
        }
        return used;
    }

    /** Returns the region's bytes to the arena, after waiting for calls into the arena to end. */
    void free(CodeRegion region) {
        gate.exclusively("free code", () -> {
            synchronized (lock) {
                region.checkLive();
                Chunk chunk = region.chunk;
                chunk.freeList.release(region.offset, region.granted);
                region.markFreed();
                liveRegions--;
                liveBytes -= region.granted;
                if (chunk.freeList.isEmpty() && (chunk.size > chunkBytes || emptyChunks() > 1)) {
                    // Keep one empty chunk so that install/free cycles do not mmap each time.
                    chunks.remove(chunk);
                    chunk.retire();
                }
            }
            return null;
        });
    }

    private int emptyChunks() {
        int empty = 0;
        for (Chunk chunk : chunks) {
            if (chunk.freeList.isEmpty()) {
                empty++;
            }
        }
        return empty;
    }

    CallGate gate() {
        return gate;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this CodeArena is closed");
        }
    }

    /** What the arena holds now. */
    public ArenaStats stats() {
        synchronized (lock) {
            long mapped = 0;
            for (Chunk chunk : chunks) {
                mapped += chunk.size;
            }
            return new ArenaStats(policy, chunks.size(), mapped, liveRegions, liveBytes);
        }
    }

    /**
     * Frees every region and unmaps its memory (but for a few chunks of the default size, kept
     * for later arenas), after waiting for running calls to end. Later
     * calls through any region's handle throw {@link IllegalStateException}. Closing twice does
     * nothing.
     */
    @Override
    public void close() {
        gate.exclusively("close the arena", () -> {
            synchronized (lock) {
                if (closed) {
                    return null;
                }
                closed = true;
                PosixException failure = null;
                for (Chunk chunk : chunks) {
                    try {
                        chunk.retire();
                    } catch (PosixException e) {
                        failure = e;
                    }
                }
                chunks.clear();
                liveRegions = 0;
                liveBytes = 0;
                if (failure != null) {
                    throw failure;
                }
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "CodeArena[" + policy + (closed ? ", closed" : "") + "]";
    }
}
