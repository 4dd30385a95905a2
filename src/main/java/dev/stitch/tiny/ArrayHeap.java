package dev.stitch.tiny;

import dev.stitch.jit.ArrayTable;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The arrays of one run. An array value in a tiny program is a reference number, like a file
 * descriptor: a non-negative integer naming an array here, numbered 0, 1, 2... in order of
 * allocation. Arrays live for the whole run.
 *
 * <p>Every access is checked, and a bad one throws {@link TinyRuntimeException} with the message
 * the program's user sees. The arrays live in native memory, in a {@link ArrayTable} whose
 * entries (address, length) are the JIT frame's array table, so compiled traces and the
 * interpreter read and write the same arrays; the reference number is the table handle. The
 * interpreter goes through {@link #get}/{@link #set}, which keep the element segments and lengths
 * in Java arrays for speed. {@link #close} frees the memory (the interpreter closes the heap at
 * the end of a run). A run is on one thread, so the heap belongs to the thread that made it
 * ({@link ArrayTable#confined}): closing a heap any thread could use would cost a wait for every
 * thread of the JVM, at every run.
 *
 * <p>Native memory is outside {@code -Xmx}, so the heap has a byte limit of its own for all its
 * arrays together: {@link #DEFAULT_LIMIT} unless the run gives one ({@code stitch run
 * --max-memory SIZE}, {@link Program#run(java.io.PrintStream, InterpreterHooks, long)}). An
 * {@code array(n)} that would pass it is the runtime error {@code out of memory: array(n) needs
 * B bytes, F of the L-byte limit free (--max-memory)}, raised before any memory is taken, so the
 * arrays allocated before it stay as they were.
 */
public final class ArrayHeap implements AutoCloseable {
    /** The most elements one array may have. */
    public static final long MAX_LENGTH = ArrayTable.MAX_LENGTH;
    /**
     * The byte limit of a heap made without one: 1 GiB, or a quarter of the machine's physical
     * memory (a container's limit, if there is one) if that is less.
     */
    public static final long DEFAULT_LIMIT = ArrayTable.DEFAULT_BYTE_LIMIT;
    /** The smallest byte limit a heap may have (1 KiB). */
    public static final long MIN_LIMIT = ArrayTable.MIN_BYTE_LIMIT;
    /** The largest byte limit a heap may have (2^50 bytes, 1024 TiB). */
    public static final long MAX_LIMIT = ArrayTable.MAX_BYTE_LIMIT;

    private final ArrayTable table;
    private MemorySegment[] segments = new MemorySegment[8];
    private long[] lengths = new long[8];
    private int count;

    /** A heap whose arrays may take {@link #DEFAULT_LIMIT} bytes of native memory in all. */
    public ArrayHeap() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A heap whose arrays may take {@code limit} bytes of native memory in all, the table that
     * names them included.
     *
     * @throws IllegalArgumentException if {@code limit} is outside {@link #MIN_LIMIT}..{@link #MAX_LIMIT}
     */
    public ArrayHeap(long limit) {
        table = ArrayTable.confined(limit);
    }

    /** Allocates a zero-filled array of {@code length} elements and returns its reference number. */
    public long allocate(long length) {
        if (length < 0) {
            throw new TinyRuntimeException("negative array size: " + length);
        }
        if (length > MAX_LENGTH) {
            throw new TinyRuntimeException("array size too large: " + length + " (at most " + MAX_LENGTH + ")");
        }
        if (count == ArrayTable.MAX_ARRAYS) {
            throw new TinyRuntimeException("too many arrays: a run may allocate at most " + ArrayTable.MAX_ARRAYS);
        }
        long needed = table.bytesNeeded(length);
        long free = table.bytesFree();
        if (needed > free) {
            throw new TinyRuntimeException("out of memory: array(" + length + ") needs " + needed + " bytes, " + free
                    + " of the " + table.byteLimit() + "-byte limit free (--max-memory)");
        }
        try {
            if (count == segments.length) {
                int capacity = (int) Math.min(2L * count, ArrayTable.MAX_ARRAYS);
                segments = Arrays.copyOf(segments, capacity);
                lengths = Arrays.copyOf(lengths, capacity);
            }
            segments[count] = table.array(table.allocate(length));
        } catch (OutOfMemoryError e) {
            // under the limit, but the system (or the Java heap) had no more to give
            throw new TinyRuntimeException("out of memory: array(" + length + ") needs " + needed
                    + " bytes, which the system did not give (" + free + " of the " + table.byteLimit()
                    + "-byte limit were free)");
        }
        lengths[count] = length;
        return count++;
    }

    /** The byte limit of this heap's arrays together. */
    public long limit() {
        return table.byteLimit();
    }

    /** The native bytes this heap's arrays (and their table) take. */
    public long bytesUsed() {
        return table.bytesUsed();
    }

    /** True if {@code reference} names an array of this heap. */
    public boolean isArray(long reference) {
        return reference >= 0 && reference < count;
    }

    /** Element {@code index} of array {@code reference}. */
    public long get(long reference, long index) {
        int r = reference(reference);
        if (index < 0 || index >= lengths[r]) {
            throw outOfBounds(r, index);
        }
        return segments[r].getAtIndex(JAVA_LONG, index);
    }

    /** Sets element {@code index} of array {@code reference}. */
    public void set(long reference, long index, long value) {
        int r = reference(reference);
        if (index < 0 || index >= lengths[r]) {
            throw outOfBounds(r, index);
        }
        segments[r].setAtIndex(JAVA_LONG, index, value);
    }

    /** The number of elements of array {@code reference}. */
    public long length(long reference) {
        return lengths[reference(reference)];
    }

    /** The number of arrays allocated so far; references are 0..count()-1. */
    public int count() {
        return count;
    }

    /** The native table of the arrays, for a JIT's frames; owned by this heap. */
    public ArrayTable table() {
        return table;
    }

    /** Frees the arrays; afterwards the heap has none (every reference is "not an array"). */
    @Override
    public void close() {
        count = 0;
        segments = new MemorySegment[0];
        lengths = new long[0];
        table.close();
    }

    private int reference(long reference) {
        if (reference < 0 || reference >= count) {
            throw new TinyRuntimeException("not an array: " + reference);
        }
        return (int) reference;
    }

    private TinyRuntimeException outOfBounds(int reference, long index) {
        return new TinyRuntimeException("index " + index + " out of bounds for length " + lengths[reference]);
    }
}
