package dev.stitch.mem;

import java.util.Map;
import java.util.TreeMap;

/**
 * First-fit allocator over the byte offsets of one mapping. Free blocks are kept sorted by offset
 * and coalesced with their neighbours on release, so freed space is found again by any later
 * request that fits. Not thread-safe: {@link CodeArena} serializes access.
 */
final class FreeList {
    private final long capacity;
    private final TreeMap<Long, Long> blocks = new TreeMap<>();
    private long freeBytes;

    FreeList(long capacity) {
        this.capacity = capacity;
        this.blocks.put(0L, capacity);
        this.freeBytes = capacity;
    }

    /**
     * Takes {@code length} bytes starting at a multiple of {@code alignment} (a power of two).
     *
     * @return the offset, or -1 when no free block is large enough
     */
    long allocate(long length, long alignment) {
        for (Map.Entry<Long, Long> block : blocks.entrySet()) {
            long start = block.getKey();
            long end = start + block.getValue();
            long aligned = (start + alignment - 1) & -alignment;
            if (aligned + length <= end) {
                blocks.remove(start);
                if (aligned > start) {
                    blocks.put(start, aligned - start);
                }
                if (aligned + length < end) {
                    blocks.put(aligned + length, end - aligned - length);
                }
                freeBytes -= length;
                return aligned;
            }
        }
        return -1;
    }

    /** Returns {@code [offset, offset + length)}, which must have come from {@link #allocate}. */
    void release(long offset, long length) {
        long start = offset;
        long end = offset + length;
        Map.Entry<Long, Long> before = blocks.floorEntry(offset);
        Long after = blocks.ceilingKey(offset);
        // Check everything before changing anything, so that a bad release leaves the list intact.
        if ((before != null && before.getKey() + before.getValue() > offset) || (after != null && after < end)) {
            throw new IllegalStateException("free list corrupted: [" + offset + ", " + end + ") is already free");
        }
        if (before != null && before.getKey() + before.getValue() == offset) {
            start = before.getKey();
            blocks.remove(start);
        }
        if (after != null && after == end) {
            end = after + blocks.remove(after);
        }
        blocks.put(start, end - start);
        freeBytes += length;
    }

    boolean isEmpty() {
        return freeBytes == capacity;
    }

    long freeBytes() {
        return freeBytes;
    }
}
