package dev.stitch.a64;

import dev.stitch.asm.CodeSizeLimit;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Where an assembler's bytes go: a growable heap buffer, or a fixed {@link MemorySegment} such
 * as the writable view of executable memory. Little-endian, as AArch64 instructions are.
 */
public final class CodeBuffer {
    private static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong DWORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private MemorySegment segment;
    private final boolean growable;
    private long position;

    private CodeBuffer(MemorySegment segment, boolean growable) {
        this.segment = segment;
        this.growable = growable;
    }

    /**
     * A heap buffer that grows as needed, up to {@link CodeSizeLimit#MAX_BYTES}; past that a write
     * throws an {@link A64EncodingException}.
     */
    public static CodeBuffer growable() {
        return new CodeBuffer(MemorySegment.ofArray(new byte[1024]), true);
    }

    /** A buffer that writes into {@code target} and throws when it is full. */
    public static CodeBuffer wrap(MemorySegment target) {
        return new CodeBuffer(target, false);
    }

    /** Bytes written so far; the offset of the next byte. */
    public long position() {
        return position;
    }

    /** Forgets what was written, to write again from offset 0 into the same memory. */
    public void reset() {
        position = 0;
    }

    private void ensure(long more) {
        long needed = position + more;
        if (needed <= segment.byteSize()) {
            return;
        }
        if (!growable) {
            throw new IllegalStateException("code buffer full: " + segment.byteSize() + " bytes, cannot write "
                    + more + " more at offset " + position);
        }
        if (needed > CodeSizeLimit.MAX_BYTES) {
            throw new A64EncodingException(CodeSizeLimit.exceeded(position, more), position);
        }
        long capacity = Math.min(Math.max(needed, segment.byteSize() * 2), CodeSizeLimit.MAX_BYTES);
        MemorySegment bigger = MemorySegment.ofArray(new byte[(int) capacity]);
        MemorySegment.copy(segment, 0, bigger, 0, position);
        segment = bigger;
    }

    /** Appends one 32-bit word. */
    public void putInt(int word) {
        ensure(4);
        segment.set(WORD, position, word);
        position += 4;
    }

    /** Appends one 64-bit value. */
    public void putLong(long value) {
        ensure(8);
        segment.set(DWORD, position, value);
        position += 8;
    }

    /** The 32-bit word at {@code offset}. */
    public int intAt(long offset) {
        checkWritten(offset, 4);
        return segment.get(WORD, offset);
    }

    /** Replaces the 32-bit word at {@code offset}. */
    public void setIntAt(long offset, int word) {
        checkWritten(offset, 4);
        segment.set(WORD, offset, word);
    }

    /** Replaces the 64-bit value at {@code offset}. */
    public void setLongAt(long offset, long value) {
        checkWritten(offset, 8);
        segment.set(DWORD, offset, value);
    }

    private void checkWritten(long offset, long length) {
        if (offset < 0 || offset + length > position) {
            throw new IndexOutOfBoundsException("offset " + offset + " (+" + length + ") is outside the "
                    + position + " bytes written");
        }
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return segment.asSlice(0, position).toArray(JAVA_BYTE);
    }

    /** Copies the bytes written into native memory of {@code arena}. */
    public MemorySegment copyTo(Arena arena) {
        MemorySegment copy = arena.allocate(Math.max(1, position), 16);
        MemorySegment.copy(segment, 0, copy, 0, position);
        return copy.asSlice(0, position);
    }
}
