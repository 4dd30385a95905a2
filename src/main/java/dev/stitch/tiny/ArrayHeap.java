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
 * the end of a run).
 */
public final class ArrayHeap implements AutoCloseable {
    /** The most elements one array may have. */
    public static final long MAX_LENGTH = ArrayTable.MAX_LENGTH;

    private final ArrayTable table = new ArrayTable();
    private MemorySegment[] segments = new MemorySegment[8];
    private long[] lengths = new long[8];
    private int count;

    /** Allocates a zero-filled array of {@code length} elements and returns its reference number. */
    public long allocate(long length) {
        if (length < 0) {
            throw new TinyRuntimeException("negative array size: " + length);
        }
        if (length > MAX_LENGTH) {
            throw new TinyRuntimeException("array size too large: " + length + " (at most " + MAX_LENGTH + ")");
        }
        int handle;
        try {
            handle = table.allocate(length);
        } catch (OutOfMemoryError e) {
            throw new TinyRuntimeException("out of memory allocating an array of " + length + " elements");
        }
        if (count == segments.length) {
            segments = Arrays.copyOf(segments, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        segments[count] = table.array(handle);
        lengths[count] = length;
        return count++;
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
