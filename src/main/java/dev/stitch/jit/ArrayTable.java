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
 *
 * <p><b>Memory budget.</b> Native memory is outside the Java heap, so {@code -Xmx} does not bound
 * it; the table does, with a byte limit fixed when it is made ({@link #DEFAULT_BYTE_LIMIT} unless
 * given). Every native byte the table takes counts: each array's elements (8 bytes per element,
 * at least 8 per array) and each block of the table itself, the first one included. An
 * allocation that would pass the limit is refused before any memory is taken;
 * {@link #bytesNeeded} and {@link #bytesFree} let a caller check first and word its own error.
 */
public final class ArrayTable implements AutoCloseable {
    /** The most elements one array may have. */
    public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;
    /** The most arrays a table may hold. */
    public static final int MAX_ARRAYS = Integer.MAX_VALUE - 8;
    /** The smallest byte limit: room for the table's first block and a few small arrays. */
    public static final long MIN_BYTE_LIMIT = 1L << 10;
    /** The largest byte limit, 2^50 bytes (1024 TiB). */
    public static final long MAX_BYTE_LIMIT = 1L << 50;
    /**
     * The byte limit of a table made without one: 1 GiB, or a quarter of the machine's physical
     * memory (as the JVM sees it, so a container's limit counts) if that is less.
     */
    public static final long DEFAULT_BYTE_LIMIT = Math.max(MIN_BYTE_LIMIT, PhysicalMemory.quarterOrAtMost(1L << 30));

    private static final int FIRST_CAPACITY = 8;

    private final Arena arena;
    private final long byteLimit;
    private long bytesUsed;
    private MemorySegment table;
    private MemorySegment[] arrays = new MemorySegment[FIRST_CAPACITY];
    private int count;

    /** A table whose arrays may take {@link #DEFAULT_BYTE_LIMIT} bytes in all. */
    public ArrayTable() {
        this(DEFAULT_BYTE_LIMIT);
    }

    /**
     * A table whose arrays, with the table itself, may take {@code byteLimit} bytes of native
     * memory in all.
     *
     * @throws IllegalArgumentException if {@code byteLimit} is outside
     *     {@link #MIN_BYTE_LIMIT}..{@link #MAX_BYTE_LIMIT}
     */
    public ArrayTable(long byteLimit) {
        this(checkLimit(byteLimit), Arena.ofShared());
    }

    /**
     * A table like {@link #ArrayTable(long)} that only the thread calling this may use (another
     * thread's use throws {@link WrongThreadException}), for an interpreter that runs a program on
     * one thread: closing it takes about a microsecond, where closing a table any thread may use
     * waits for every thread of the JVM to reach a safepoint (70 µs was measured here; see
     * docs/PERFORMANCE.md).
     *
     * @throws IllegalArgumentException if {@code byteLimit} is outside
     *     {@link #MIN_BYTE_LIMIT}..{@link #MAX_BYTE_LIMIT}
     */
    public static ArrayTable confined(long byteLimit) {
        return new ArrayTable(checkLimit(byteLimit), Arena.ofConfined());
    }

    private ArrayTable(long byteLimit, Arena arena) {
        this.arena = arena;
        long firstBlock = tableBytes(FIRST_CAPACITY);
        this.byteLimit = byteLimit;
        table = arena.allocate(firstBlock, 16);
        bytesUsed = firstBlock;
    }

    private static long checkLimit(long byteLimit) {
        if (byteLimit < MIN_BYTE_LIMIT || byteLimit > MAX_BYTE_LIMIT) {
            throw new IllegalArgumentException("array memory limit must be " + MIN_BYTE_LIMIT + ".." + MAX_BYTE_LIMIT
                    + " bytes, got " + byteLimit);
        }
        return byteLimit;
    }

    /**
     * Allocates a zero-filled array of {@code length} elements (0..{@link #MAX_LENGTH}) and returns
     * its handle: 0, 1, 2... in allocation order.
     *
     * @throws IllegalArgumentException for a bad length
     * @throws IllegalStateException if the array would take more than the {@link #bytesFree} bytes
     *     left under the limit (nothing is allocated then), or the table is closed or full
     * @throws OutOfMemoryError if the system does not give the memory
     */
    public int allocate(long length) {
        long needed = bytesNeeded(length);
        if (count == MAX_ARRAYS) {
            throw new IllegalStateException("array table full: it holds " + count + " arrays, the most it can");
        }
        if (needed > bytesFree()) {
            throw new IllegalStateException("array memory limit reached: an array of " + length + " elements needs "
                    + needed + " bytes, " + bytesFree() + " of the " + byteLimit + "-byte limit free");
        }
        if (count == arrays.length) {
            int capacity = grownCapacity();
            MemorySegment[] biggerArrays = Arrays.copyOf(arrays, capacity);
            MemorySegment bigger = arena.allocate(tableBytes(capacity), 16);
            bytesUsed += tableBytes(capacity);
            MemorySegment.copy(table, 0, bigger, 0, tableBytes(count));
            table = bigger;
            arrays = biggerArrays;
        }
        long elementBytes = elementBytes(length);
        MemorySegment elements = arena.allocate(elementBytes, 16).asSlice(0, 8 * length);
        bytesUsed += elementBytes;
        long entry = tableBytes(count);
        table.set(JAVA_LONG, entry, elements.address());
        table.set(JAVA_LONG, entry + 8, length);
        arrays[count] = elements;
        return count++;
    }

    /**
     * The native bytes {@link #allocate allocate(length)} would take now: the elements, and a new
     * block of the table when it is full.
     *
     * @throws IllegalArgumentException for a length outside 0..{@link #MAX_LENGTH}
     * @throws IllegalStateException if the table is closed
     */
    public long bytesNeeded(long length) {
        checkOpen();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("array length must be 0.." + MAX_LENGTH + ", got " + length);
        }
        long growth = count == arrays.length ? tableBytes(grownCapacity()) : 0;
        return elementBytes(length) + growth;
    }

    /** The byte limit given when the table was made. */
    public long byteLimit() {
        return byteLimit;
    }

    /** The native bytes the table and its arrays take. */
    public long bytesUsed() {
        return bytesUsed;
    }

    /** The bytes still free under the limit. */
    public long bytesFree() {
        return byteLimit - bytesUsed;
    }

    private int grownCapacity() {
        return (int) Math.min(2L * arrays.length, MAX_ARRAYS);
    }

    private static long elementBytes(long length) {
        return 8 * Math.max(1, length);
    }

    private static long tableBytes(int entries) {
        return (long) FrameLayout.ARRAY_ENTRY_BYTES * entries;
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
