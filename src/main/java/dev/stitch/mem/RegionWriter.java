package dev.stitch.mem;

import java.lang.foreign.MemorySegment;

/**
 * Writes code that must know where it will run (PC-relative branches to fixed addresses), and
 * may use less room than it asked for: see {@link CodeArena#install(long, long, RegionWriter)}.
 */
@FunctionalInterface
public interface RegionWriter {
    /**
     * Writes the code through {@code view}, a writable view valid only during the call, for code
     * whose first byte will execute at {@code address}.
     *
     * @return how many bytes were used, from 1 to the view's size; the rest goes back to the arena
     */
    long write(MemorySegment view, long address);
}
