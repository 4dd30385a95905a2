package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A growable table of arrays of 64-bit values in native memory, laid out as the frame's array
 * table ({@link FrameLayout#ARRAY_ENTRY_BYTES}-byte entries: element address, element count), so
 * that an interpreter and compiled traces see the same arrays. Give it to traces with
 * {@link Frame#allocate(int, int, ArrayTable)}: the frame reads the table's address and count at
 * each invoke, so arrays added between invocations are seen.
 *
 * <p>The table owns every array in it and the table memory itself; a trace addresses arrays only
 * by handle, checked against the count, so it can reach no memory the table does not own. Growing
 * the table copies it into a block twice as large (the old block stays allocated until
 * {@link #close}, so a stale address never dangles). Not thread-safe.
 */
public final class ArrayTable implements AutoCloseable {
    /** The most elements one array may have. */
    public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final Arena arena = Arena.ofShared();
    private MemorySegment table;
    private MemorySegment[] arrays = new MemorySegment[8];
    private int count;

    public ArrayTable() {
        table = arena.allocate((long) FrameLayout.ARRAY_ENTRY_BYTES * arrays.length, 16);
    }

    /**
     * Allocates a zero-filled array of {@code length} elements (0..{@link #MAX_LENGTH}) and returns
     * its handle: 0, 1, 2... in allocation order.
     *
     * @throws IllegalArgumentException for a bad length
     * @throws OutOfMemoryError if the memory cannot be had
     */
    public int allocate(long length) {
        checkOpen();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("array length must be 0.." + MAX_LENGTH + ", got " + length);
        }
        if (count == Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("array table full");
        }
        MemorySegment elements = arena.allocate(8 * Math.max(1, length), 16).asSlice(0, 8 * length);
        if (count == arrays.length) {
            int capacity = arrays.length * 2;
            MemorySegment bigger = arena.allocate((long) FrameLayout.ARRAY_ENTRY_BYTES * capacity, 16);
            MemorySegment.copy(table, 0, bigger, 0, (long) FrameLayout.ARRAY_ENTRY_BYTES * count);
            table = bigger;
            arrays = Arrays.copyOf(arrays, capacity);
        }
        long entry = (long) FrameLayout.ARRAY_ENTRY_BYTES * count;
        table.set(JAVA_LONG, entry, elements.address());
        table.set(JAVA_LONG, entry + 8, length);
        arrays[count] = elements;
        return count++;
    }

    /** The number of arrays; handles are 0..count()-1. */
    public int count() {
        return count;
    }

    /** The elements of array {@code handle}: a view to read and write them. */
    public MemorySegment array(int handle) {
        if (handle < 0 || handle >= count) {
            throw new IndexOutOfBoundsException("no array with handle " + handle + "; this table has " + count);
        }
        return arrays[handle];
    }

    /** The address of the table's first entry (it changes when the table grows). */
    long address() {
        checkOpen();
        return table.address();
    }

    /**
     * A segment of the table's memory, passed along with each trace call so that the linker keeps
     * the table's memory alive (and refuses to close it) while a trace may read it.
     */
    MemorySegment keepAlive() {
        checkOpen();
        return table;
    }

    public boolean isClosed() {
        return !arena.scope().isAlive();
    }

    private void checkOpen() {
        if (isClosed()) {
            throw new IllegalStateException("the array table is closed");
        }
    }

    /** Frees every array and the table. */
    @Override
    public void close() {
        if (!isClosed()) {
            arena.close();
        }
    }
}
