package dev.stitch.mem;

/**
 * Makes freshly written code visible to instruction fetch. A {@link CodeArena} calls
 * {@link #flush} for exactly the bytes of every install and re-patch, before the code can run.
 *
 * <p>Injectable, so that a test can count the flushes: emulators do not notice a missing flush,
 * so counting is the only way to prove that every path flushes.
 */
public interface ICache {
    /**
     * Flushes the instruction cache for {@code [address, address + length)}, addressed through
     * the executable view of the code.
     */
    void flush(long address, long length);

    /** How this flusher works, as printed by {@code stitch info}. */
    String description();

    /**
     * The flusher for the running host: on AArch64 a downcall to {@code __clear_cache} from
     * {@code libgcc_s.so.1}; on x86-64 a documented no-op.
     */
    static ICache host() {
        return switch (Architecture.host()) {
            case AARCH64 -> ClearCacheICache.load();
            case X86_64 -> coherent();
        };
    }

    /**
     * A flusher that does nothing, for hosts whose hardware keeps instruction fetch coherent with
     * data stores: on x86-64, a store to code is seen by later instruction fetches (the
     * architecture handles self-modifying code), so there is nothing to flush.
     */
    static ICache coherent() {
        return CoherentICache.INSTANCE;
    }
}
