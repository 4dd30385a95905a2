package dev.stitch.stencil;

import dev.stitch.a64.GpRegister;
import dev.stitch.a64.Registers;
import dev.stitch.x64.Register;

/**
 * The contract between stencils and the code that runs a trace: the frame header a trace is
 * called with, and the registers pinned across uops.
 *
 * <p>A trace is a C function {@code long trace(FrameHeader *header)}. The header holds, as 8-byte
 * fields at these offsets: the address of the locals, the address of the operand stack's first
 * slot, the stack depth in slots (read on entry, written on every exit), the address and length of
 * the array table (16-byte entries: element address, element count), the flag an upcall sets
 * when it failed, the trace's fuel and where a yielded trace resumes. The return value is the
 * exit value.
 *
 * <p><b>Back-edge polls.</b> No trace may keep the JVM waiting at a safepoint (a GC, a thread
 * dump, exit) or ignore an interrupt for long, so every back-edge of a trace (a {@code LOOP}, a
 * jump to an earlier uop) spends one unit of fuel, which the caller writes into the header before
 * each entry. When the fuel runs out the back-edge leaves through its yield stub: it stores the
 * address of the uop it was jumping to in the header and returns {@link #YIELD_EXIT}, with the
 * frame exactly as at that uop. The caller then reaches a safepoint, checks for an interrupt and
 * enters again through the trace's resume entry, which continues at that uop. A path between two
 * back-edges runs each uop at most once, so a trace of {@code n} uops given {@code B / n} fuel
 * runs at most about {@code B} uops between two trips to Java.
 *
 * <p>Pinned registers are callee-saved, so calls out of a trace keep them: on AArch64 x19..x23
 * (AAPCS64 x19..x28 are callee-saved; x16 and x17 are left to trampolines, as AAPCS64 reserves
 * them for veneers), and x24 for the fuel; on x86-64 rbx, r12, r13 (System V callee-saved
 * registers; rbp is the entry's frame pointer). x86-64 reads the array table's place and count
 * from the header where it needs them, which leaves r14 and r15 to the register shape.
 *
 * <p>The register shape ({@code CodeShape.REGISTERS}) keeps the stack pointer fixed at the entry's
 * depth (exits and calls move it to theirs), gives x25..x28 (saved by the entry on both shapes) and
 * r14, r15 to locals, and the caller-saved registers its {@link RegisterFile} lists to stack slots
 * and locals; its exit stubs write them back before the epilogue, so the header and the frame
 * mean the same in both shapes.
 */
public final class FrameLayout {
    /** Offset of the address of local slot 0. */
    public static final int LOCALS = 0;
    /** Offset of the address of the operand stack's first slot. */
    public static final int STACK_BASE = 8;
    /** Offset of the operand stack depth, in 8-byte slots. */
    public static final int STACK_DEPTH = 16;
    /** Offset of the address of the array table. */
    public static final int ARRAYS = 24;
    /** Offset of the number of entries in the array table. */
    public static final int ARRAY_COUNT = 32;
    /** Offset of the flag that is non-zero after an upcall failed. */
    public static final int UPCALL_FAILED = 40;
    /** Offset of the back-edges the trace may take before it yields (written by the caller at each entry). */
    public static final int FUEL = 48;
    /** Offset of the code address a yielded trace continues at, written by its yield stub. */
    public static final int RESUME = 56;
    /** Size of the header in bytes. */
    public static final int HEADER_BYTES = 64;
    /** Size of an array table entry: element address, element count. */
    public static final int ARRAY_ENTRY_BYTES = 16;

    /** Locals base. */
    public static final GpRegister LOCALS_REG = Registers.X19;
    /** Operand stack pointer: the address of the next free slot. */
    public static final GpRegister STACK_REG = Registers.X20;
    /** The frame header. */
    public static final GpRegister HEADER_REG = Registers.X21;
    /** The array table. */
    public static final GpRegister ARRAYS_REG = Registers.X22;
    /** The number of arrays in the table. */
    public static final GpRegister ARRAY_COUNT_REG = Registers.X23;
    /** The fuel left for back-edges (on x86-64 it stays in the header: no callee-saved register is free). */
    public static final GpRegister FUEL_REG = Registers.X24;

    /** x86-64: locals base. */
    public static final Register X64_LOCALS_REG = dev.stitch.x64.Registers.RBX;
    /** x86-64: operand stack pointer, the address of the next free slot. */
    public static final Register X64_STACK_REG = dev.stitch.x64.Registers.R12;
    /** x86-64: the frame header. */
    public static final Register X64_HEADER_REG = dev.stitch.x64.Registers.R13;

    /** The largest local slot number a uop can name (its byte offset must fit a 12-bit low part). */
    public static final int MAX_LOCAL = 511;

    /** The exit value a trace returns when an upcall failed; never a uop's exit value. */
    public static final long UPCALL_FAILED_EXIT = -1;

    /** The exit value of a trace that ran out of fuel at a back-edge and can be resumed; never a uop's exit value. */
    public static final long YIELD_EXIT = -2;

    private FrameLayout() {}
}
