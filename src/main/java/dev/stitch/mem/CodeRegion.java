package dev.stitch.mem;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Objects;
import java.util.function.Consumer;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Installed code: a range of executable memory in a {@link CodeArena}, with its address, its
 * size, method handles to call it, and ways to re-patch and free it. Once the region is freed or
 * its arena closed, {@link #handle}, the handles it returned, {@link #patch}, {@link #write},
 * {@link #bytes()} and {@link #free()} throw {@link IllegalStateException}.
 */
public final class CodeRegion {
    private final CodeArena arena;
    final Chunk chunk;
    final long offset;
    final long granted;
    private final long size;
    private volatile boolean freed;

    CodeRegion(CodeArena arena, Chunk chunk, long offset, long size, long granted) {
        this.arena = arena;
        this.chunk = chunk;
        this.offset = offset;
        this.size = size;
        this.granted = granted;
    }

    /** The address code runs at (under {@link WxPolicy#DUAL_MAP}, the address of the RX view). */
    public long address() {
        return chunk.execBase + offset;
    }

    /** The size in bytes, as asked for at install. */
    public long size() {
        return size;
    }

    /** The arena the region belongs to. */
    public CodeArena arena() {
        return arena;
    }

    /** True once the region has been freed or its arena closed. */
    public boolean isFreed() {
        return freed || arena.isClosed();
    }

    void markFreed() {
        freed = true;
    }

    void checkLive() {
        if (freed) {
            throw new IllegalStateException(this + " was freed; install the code again to use it");
        }
        IllegalStateException refusal = arena.refusal(this);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Overwrites the bytes at {@code offset} with {@code bytes}, then re-seals and flushes them. */
    public void patch(long offset, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        write(offset, bytes.length, view -> MemorySegment.copy(bytes, 0, view, JAVA_BYTE, 0, bytes.length));
    }

    /** Overwrites the bytes at {@code offset} with those of {@code bytes}, then re-seals and flushes them. */
    public void patch(long offset, MemorySegment bytes) {
        Objects.requireNonNull(bytes, "bytes");
        write(offset, bytes.byteSize(), view -> view.copyFrom(bytes));
    }

    /**
     * Lets {@code writer} change {@code [offset, offset + length)} through a writable view of just
     * those bytes, valid only during the call; then re-seals them and flushes exactly them. Bytes
     * written before an exception from {@code writer} stay written (and are flushed).
     *
     * @throws IndexOutOfBoundsException if the range is not inside the region
     */
    public void write(long offset, long length, Consumer<MemorySegment> writer) {
        if (offset < 0 || length < 1 || offset > size - length) {
            throw new IndexOutOfBoundsException("cannot write " + length + " bytes at offset " + offset + " of "
                    + this + ": the range must be non-empty and within 0.." + size);
        }
        Objects.requireNonNull(writer, "writer");
        arena.write(this, offset, length, writer);
    }

    /** A copy of the installed bytes, read back from the executable memory. */
    public byte[] bytes() {
        CallGate.Caller caller = enterCall();
        try {
            return MemorySegment.ofAddress(address()).reinterpret(size).toArray(JAVA_BYTE);
        } finally {
            exitCall(null, caller);
        }
    }

    /**
     * A method handle that calls the code at {@link #address()} with the C calling convention
     * described by {@code descriptor}. The handle is guarded: it throws
     * {@link IllegalStateException} instead of running the code once the region is freed or the
     * arena closed, and the arena keeps the code mapped and executable for the whole call (see
     * {@link CodeArena}); under {@link WxPolicy#FLIP} its bytes also stay unchanged, while under
     * the other policies a concurrent {@link #patch} may change them, as it would on any JIT.
     * The guard costs a few nanoseconds per call (see docs/PERFORMANCE.md); a caller that wants
     * the bare downcall can build one from {@link #address()} with {@link Linker#downcallHandle},
     * and then owns those guarantees.
     *
     * @param options linker options, for example {@link Linker.Option#critical(boolean)} for code
     *                that never calls back into Java
     */
    public MethodHandle handle(FunctionDescriptor descriptor, Linker.Option... options) {
        return handle(0, descriptor, options);
    }

    /**
     * Like {@link #handle(FunctionDescriptor, Linker.Option...)}, for a function that starts
     * {@code entry} bytes into the region (code with more than one entry point).
     *
     * @throws IndexOutOfBoundsException if {@code entry} is not inside the region
     */
    public MethodHandle handle(long entry, FunctionDescriptor descriptor, Linker.Option... options) {
        Objects.requireNonNull(descriptor, "descriptor");
        checkEntry(entry);
        checkLive();
        return MethodHandles.insertArguments(invoker(descriptor, options), 0, this, entry);
    }

    /**
     * A method handle that calls code in any region, guarded as {@link #handle} is: its type is
     * that of {@code descriptor} with two leading arguments, the {@code CodeRegion} and the entry
     * offset into it ({@code long}), so {@code (CodeRegion, long, args...) -> R}. Made once per
     * descriptor and options and shared by every region, so that code installed often (a JIT's
     * traces) does not link a downcall for each (which costs tens of microseconds). A call throws
     * {@link IllegalStateException} if the region is freed or its arena closed, and
     * {@link IndexOutOfBoundsException} if the entry is not inside the region.
     *
     * @param options linker options, for example {@link Linker.Option#critical(boolean)} for code
     *                that never calls back into Java
     */
    public static MethodHandle invoker(FunctionDescriptor descriptor, Linker.Option... options) {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(options, "options");
        return GuardedCall.invoker(descriptor, options);
    }

    private void checkEntry(long entry) {
        if (entry < 0 || entry >= size) {
            throw new IndexOutOfBoundsException("entry offset " + entry + " is outside the region; allowed 0.."
                    + (size - 1));
        }
    }

    /** The address of {@code entry}, for a call that has entered the gate. */
    MemorySegment entryAddress(long entry) {
        checkEntry(entry);
        return MemorySegment.ofAddress(address() + entry);
    }

    /** Starts a guarded call: waits while the arena is exclusively held, refuses freed code. */
    CallGate.Caller enterCall() {
        CallGate gate = arena.gate();
        CallGate.Caller caller = gate.enter();
        if (freed || arena.refusesCalls()) {
            gate.exit(caller);
            checkLive();
        }
        return caller;
    }

    /** Ends a guarded call, whether the code returned or threw. */
    void exitCall(Throwable ignored, CallGate.Caller caller) {
        arena.gate().exit(caller);
    }

    /**
     * Frees the region: its bytes may be reused by later installs. Waits for running calls into
     * the arena to end.
     *
     * @throws IllegalStateException if already freed, or called from code running in this arena
     *                               or from inside a write callback of this arena
     */
    public void free() {
        arena.free(this);
    }

    @Override
    public String toString() {
        return "CodeRegion[" + Posix.hex(address()) + "+" + size + ", " + arena.policy() + "]";
    }
}
