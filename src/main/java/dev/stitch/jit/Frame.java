package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;

import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The state a trace runs on, in native memory: local slots, an operand stack, and a table of
 * arrays, laid out as {@link FrameLayout} describes. Values are 64-bit integers; arrays are named
 * by their handle, their index in the table, so a trace can never reach memory the frame does not
 * own. Frames are not thread-safe, but misuse is refused rather than corrupting memory: while a
 * trace runs on a frame, another invoke on it (from another thread, or from a Java method the
 * trace called) and the stack operations ({@link #push}, {@link #pop}, {@link #clearStack}) throw
 * {@link IllegalStateException}. A closed frame refuses every use.
 *
 * <p>Memory: the header, locals, stack and array table are small and live in an automatic arena,
 * freed by the collector once the frame is closed and unreachable; closing a shared arena instead
 * would make every close wait for all threads of the JVM (70 µs measured here, more than a whole
 * run of a small program). The frame's own arrays ({@link #newArray}) can be large, so they live
 * in a shared arena made at the first one and freed at {@link #close}.
 */
public final class Frame implements AutoCloseable {
    private final Arena arena = Arena.ofAuto();
    /** The frame's own arrays, made at the first {@link #newArray}; null until then. */
    private Arena arrayArena;
    private volatile boolean closed;
    private final MemorySegment header;
    private final MemorySegment locals;
    private final MemorySegment stack;
    private final MemorySegment arrayTable;
    private final int localCount;
    private final int stackCapacity;
    private final int arrayCapacity;
    private final List<MemorySegment> arrays = new ArrayList<>();
    /** Arrays owned elsewhere, or null when the frame owns its arrays. */
    private final ArrayTable external;
    /**
     * The thread that runs a trace on the frame, or changes its stack depth, right now; null when
     * none does. Taken with a compare-and-set, so of two racing users one is refused: a trace
     * checks the stack's room before it runs, and a depth changed after that check would let it
     * write past the stack.
     */
    @SuppressWarnings("unused") // through USER
    private volatile Thread user;
    /** The trace that yielded on this frame and was interrupted: invoking it again resumes it. */
    private CompiledTrace suspended;
    private static final VarHandle USER;

    static {
        try {
            USER = MethodHandles.lookup().findVarHandle(Frame.class, "user", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Frame(int localCount, int stackCapacity, int arrayCapacity, ArrayTable external) {
        this.external = external;
        this.localCount = localCount;
        this.stackCapacity = stackCapacity;
        this.arrayCapacity = arrayCapacity;
        header = arena.allocate(FrameLayout.HEADER_BYTES, 16);
        locals = arena.allocate(8L * Math.max(1, localCount), 16);
        stack = arena.allocate(8L * Math.max(1, stackCapacity), 16);
        arrayTable = arena.allocate((long) FrameLayout.ARRAY_ENTRY_BYTES * Math.max(1, arrayCapacity), 16);
        header.set(JAVA_LONG, FrameLayout.LOCALS, locals.address());
        header.set(JAVA_LONG, FrameLayout.STACK_BASE, stack.address());
        header.set(JAVA_LONG, FrameLayout.STACK_DEPTH, 0);
        header.set(JAVA_LONG, FrameLayout.ARRAYS, arrayTable.address());
        header.set(JAVA_LONG, FrameLayout.ARRAY_COUNT, 0);
        header.set(JAVA_LONG, FrameLayout.UPCALL_FAILED, 0);
    }

    /** A frame with {@code locals} slots, room for {@code stackCapacity} stack values and 16 arrays. */
    public static Frame allocate(int locals, int stackCapacity) {
        return allocate(locals, stackCapacity, 16);
    }

    /**
     * A frame with {@code locals} slots (0..{@link FrameLayout#MAX_LOCAL}+1), room for
     * {@code stackCapacity} stack values and {@code arrays} arrays (each 0..2^20).
     */
    public static Frame allocate(int locals, int stackCapacity, int arrays) {
        check("locals", locals, FrameLayout.MAX_LOCAL + 1);
        check("stack capacity", stackCapacity, 1 << 20);
        check("array capacity", arrays, 1 << 20);
        return new Frame(locals, stackCapacity, arrays, null);
    }

    /**
     * A frame with {@code locals} slots and room for {@code stackCapacity} stack values whose
     * arrays are those of {@code arrays}: a trace run on it reads and writes that table's arrays
     * (its address and count are read at each invoke, so arrays added in between are seen). The
     * table stays owned by the caller and must stay open while traces run on the frame;
     * {@link #newArray} adds to it.
     */
    public static Frame allocate(int locals, int stackCapacity, ArrayTable arrays) {
        java.util.Objects.requireNonNull(arrays, "arrays");
        check("locals", locals, FrameLayout.MAX_LOCAL + 1);
        check("stack capacity", stackCapacity, 1 << 20);
        return new Frame(locals, stackCapacity, 0, arrays);
    }

    private static void check(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0.." + max + ", got " + value);
        }
    }

    public int localCount() {
        return localCount;
    }

    public int stackCapacity() {
        return stackCapacity;
    }

    public long local(int slot) {
        checkOpen();
        return locals.get(JAVA_LONG, 8L * checkLocal(slot));
    }

    public Frame setLocal(int slot, long value) {
        checkOpen();
        locals.set(JAVA_LONG, 8L * checkLocal(slot), value);
        return this;
    }

    private int checkLocal(int slot) {
        if (slot < 0 || slot >= localCount) {
            throw new IndexOutOfBoundsException("local slot " + slot + " does not exist; this frame has "
                    + (localCount == 0 ? "no locals" : "slots 0.." + (localCount - 1)));
        }
        return slot;
    }

    /** The number of values on the operand stack. */
    public int depth() {
        checkOpen();
        return (int) header.get(JAVA_LONG, FrameLayout.STACK_DEPTH);
    }

    public Frame push(long value) {
        acquire("push");
        try {
            int depth = depth();
            if (depth == stackCapacity) {
                throw new IllegalStateException("operand stack full: capacity " + stackCapacity);
            }
            stack.set(JAVA_LONG, 8L * depth, value);
            header.set(JAVA_LONG, FrameLayout.STACK_DEPTH, depth + 1);
            return this;
        } finally {
            release();
        }
    }

    public long pop() {
        acquire("pop");
        try {
            int depth = depth();
            if (depth == 0) {
                throw new IllegalStateException("operand stack empty");
            }
            header.set(JAVA_LONG, FrameLayout.STACK_DEPTH, depth - 1);
            return stack.get(JAVA_LONG, 8L * (depth - 1));
        } finally {
            release();
        }
    }

    /** The stack values, bottom first. */
    public long[] stack() {
        return stack.asSlice(0, 8L * depth()).toArray(JAVA_LONG);
    }

    /** Empties the operand stack. */
    public Frame clearStack() {
        acquire("clearStack");
        try {
            header.set(JAVA_LONG, FrameLayout.STACK_DEPTH, 0);
            suspended = null;
            return this;
        } finally {
            release();
        }
    }

    /**
     * Makes the calling thread the frame's only user until {@link #release}: what {@code what}
     * (an operation's name, or the trace about to run) needs.
     *
     * @throws IllegalStateException if another invoke or stack operation is using the frame
     */
    void acquire(String what) {
        acquire(what, "");
    }

    /** {@link #acquire(String)} for the operation {@code what + whose}, joined only for the message. */
    void acquire(String what, String whose) {
        checkOpen();
        Thread me = Thread.currentThread();
        if (!USER.compareAndSet(this, null, me)) {
            Thread other = user;
            throw new IllegalStateException(what + whose + " refused: the frame is in use by "
                    + (other == me ? "a trace running on it on this thread (a Java method the trace called"
                    + " cannot invoke a trace or change the stack on the same frame)"
                    : "another thread" + (other == null ? "" : " (" + other.getName() + ")"))
                    + "; a frame serves one trace invocation at a time: give each thread its own frame");
        }
        if (closed) { // closed between the check and the compare-and-set
            user = null;
            checkOpen();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the frame is closed");
        }
    }

    void release() {
        user = null;
    }

    /** True if {@code trace} yielded on this frame and was interrupted, so invoking it resumes it. */
    boolean suspendedIn(CompiledTrace trace) {
        return suspended == trace;
    }

    void suspend(CompiledTrace trace) {
        suspended = trace;
    }

    /**
     * Allocates a zeroed array of {@code length} values; returns its handle (0, 1, ...). A Java
     * method that a trace running on this frame calls may allocate: the trace sees the array once
     * the call returns.
     */
    public int newArray(long length) {
        checkOpen();
        if (external != null) {
            int handle = external.allocate(length);
            header();
            return handle;
        }
        if (length < 0 || length > (1L << 28)) {
            throw new IllegalArgumentException("array length must be 0.." + (1L << 28) + ", got " + length);
        }
        if (arrays.size() == arrayCapacity) {
            throw new IllegalStateException("array table full: this frame holds " + arrayCapacity + " arrays");
        }
        if (arrayArena == null) {
            arrayArena = Arena.ofShared();
        }
        MemorySegment elements = arrayArena.allocate(8 * Math.max(1, length), 16);
        int handle = arrays.size();
        arrays.add(elements.asSlice(0, 8 * length));
        long entry = (long) FrameLayout.ARRAY_ENTRY_BYTES * handle;
        arrayTable.set(JAVA_LONG, entry, elements.address());
        arrayTable.set(JAVA_LONG, entry + 8, length);
        header.set(JAVA_LONG, FrameLayout.ARRAY_COUNT, arrays.size());
        return handle;
    }

    /** The elements of array {@code handle}, a view to read and write them. */
    public MemorySegment array(int handle) {
        checkOpen();
        if (external != null) {
            return external.array(handle);
        }
        if (handle < 0 || handle >= arrays.size()) {
            throw new IndexOutOfBoundsException("no array with handle " + handle + "; this frame has " + arrays.size());
        }
        return arrays.get(handle);
    }

    public int arrayCount() {
        return external != null ? external.count() : arrays.size();
    }

    /** Copies {@code count} values from {@code values[0..]} into local slots 0..count-1. */
    public Frame setLocals(long[] values, int count) {
        return setLocals(0, values, count);
    }

    /** Copies {@code count} values from {@code values[0..]} into local slots {@code slot..slot+count-1}. */
    public Frame setLocals(int slot, long[] values, int count) {
        checkOpen();
        checkLocals(slot, count, values.length, "source");
        MemorySegment.copy(values, 0, locals, JAVA_LONG, 8L * slot, count);
        return this;
    }

    /** Copies local slots 0..count-1 into {@code values[0..]}. */
    public void getLocals(long[] values, int count) {
        getLocals(0, values, count);
    }

    /** Copies local slots {@code slot..slot+count-1} into {@code values[0..]}. */
    public void getLocals(int slot, long[] values, int count) {
        checkOpen();
        checkLocals(slot, count, values.length, "destination");
        MemorySegment.copy(locals, JAVA_LONG, 8L * slot, values, 0, count);
    }

    private void checkLocals(int slot, int count, int arrayLength, String array) {
        if (slot < 0 || count < 0 || slot > localCount - count || count > arrayLength) {
            throw new IndexOutOfBoundsException("cannot copy " + count + " locals at slot " + slot + ": the frame has "
                    + localCount + " slots and the " + array + " " + arrayLength);
        }
    }

    /** Copies the stack values, bottom first, into {@code values[0..]}; returns the depth. */
    public int getStack(long[] values) {
        int depth = depth();
        if (depth > values.length) {
            throw new IndexOutOfBoundsException("the stack holds " + depth + " values, the destination " + values.length);
        }
        MemorySegment.copy(stack, JAVA_LONG, 0, values, 0, depth);
        return depth;
    }

    /**
     * What must stay alive while a trace runs on this frame besides the header: the external
     * array table, the frame's own arrays, or NULL. The trace ignores it; the linker keeps its
     * memory from being freed.
     */
    MemorySegment arraysKeepAlive() {
        return external != null ? external.keepAlive() : !arrays.isEmpty() ? arrays.get(0) : MemorySegment.NULL;
    }

    /** The header passed to a trace, with an external array table's current address and count. */
    MemorySegment header() {
        if (external != null) {
            header.set(JAVA_LONG, FrameLayout.ARRAYS, external.address());
            header.set(JAVA_LONG, FrameLayout.ARRAY_COUNT, external.count());
        }
        return header;
    }

    /**
     * Makes the arrays added to this frame's external table since the running trace started
     * visible to it: a Java method that a trace on this frame calls, and that added arrays to the
     * table itself (not through {@link #newArray}), calls this before it returns, and the trace
     * sees them once the call returns. Between invocations nothing is needed: each invoke reads the
     * table. Does nothing for a frame that owns its arrays.
     */
    public void arraysAdded() {
        checkOpen();
        if (external != null) {
            header();
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the frame and frees its arrays (its other memory goes with the frame object).
     * Closing twice does nothing.
     *
     * @throws IllegalStateException if a trace is running on the frame (on this thread, from a
     *                               Java method it called, or on another thread)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        acquire("close");
        try {
            if (arrayArena != null) {
                arrayArena.close();
            }
            closed = true;
        } finally {
            user = null;
        }
    }
}
