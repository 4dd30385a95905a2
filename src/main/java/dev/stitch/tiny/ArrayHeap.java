package dev.stitch.tiny;

import java.util.Arrays;

/**
 * The arrays of one run. An array value in a tiny program is a reference number, like a file
 * descriptor: a non-negative integer naming an array here, numbered 0, 1, 2... in order of
 * allocation. Arrays live for the whole run.
 *
 * <p>Every access is checked, and a bad one throws {@link TinyRuntimeException} with the message
 * the program's user sees. The arrays are Java {@code long[]}s for now; everything goes through
 * this class so that they can move to native memory (an array table of address and length
 * entries, as the JIT's frame header describes) without touching the interpreter.
 */
public final class ArrayHeap {
    /** The most elements one array may have. */
    public static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private long[][] arrays = new long[8][];
    private int count;

    /** Allocates a zero-filled array of {@code length} elements and returns its reference number. */
    public long allocate(long length) {
        if (length < 0) {
            throw new TinyRuntimeException("negative array size: " + length);
        }
        if (length > MAX_LENGTH) {
            throw new TinyRuntimeException("array size too large: " + length + " (at most " + MAX_LENGTH + ")");
        }
        long[] array;
        try {
            array = new long[(int) length];
        } catch (OutOfMemoryError e) {
            throw new TinyRuntimeException("out of memory allocating an array of " + length + " elements");
        }
        if (count == arrays.length) {
            arrays = Arrays.copyOf(arrays, count * 2);
        }
        arrays[count] = array;
        return count++;
    }

    /** True if {@code reference} names an array of this heap. */
    public boolean isArray(long reference) {
        return reference >= 0 && reference < count;
    }

    /** Element {@code index} of array {@code reference}. */
    public long get(long reference, long index) {
        long[] array = array(reference);
        return array[checkIndex(array, index)];
    }

    /** Sets element {@code index} of array {@code reference}. */
    public void set(long reference, long index, long value) {
        long[] array = array(reference);
        array[checkIndex(array, index)] = value;
    }

    /** The number of elements of array {@code reference}. */
    public long length(long reference) {
        return array(reference).length;
    }

    /** The number of arrays allocated so far; references are 0..count()-1. */
    public int count() {
        return count;
    }

    private long[] array(long reference) {
        if (reference < 0 || reference >= count) {
            throw new TinyRuntimeException("not an array: " + reference);
        }
        return arrays[(int) reference];
    }

    private static int checkIndex(long[] array, long index) {
        if (index < 0 || index >= array.length) {
            throw new TinyRuntimeException("index " + index + " out of bounds for length " + array.length);
        }
        return (int) index;
    }
}
