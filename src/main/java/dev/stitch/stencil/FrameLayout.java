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
 * the array table (16-byte entries: element address, element count), and the flag an upcall sets
 * when it failed. The return value is the exit value.
 *
 * <p>Pinned registers are callee-saved, so calls out of a trace keep them: on AArch64 x19..x23
 * (AAPCS64 x19..x28 are callee-saved; x16 and x17 are left to trampolines, as AAPCS64 reserves
 * them for veneers); on x86-64 rbx, r12..r15 (the System V ABI's callee-saved registers besides
 * rbp, which the entry uses as the frame pointer).
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
    /** Size of the header in bytes. */
    public static final int HEADER_BYTES = 48;
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

    /** x86-64: locals base. */
    public static final Register X64_LOCALS_REG = dev.stitch.x64.Registers.RBX;
    /** x86-64: operand stack pointer, the address of the next free slot. */
    public static final Register X64_STACK_REG = dev.stitch.x64.Registers.R12;
    /** x86-64: the frame header. */
    public static final Register X64_HEADER_REG = dev.stitch.x64.Registers.R13;
    /** x86-64: the array table. */
    public static final Register X64_ARRAYS_REG = dev.stitch.x64.Registers.R14;
    /** x86-64: the number of arrays in the table. */
    public static final Register X64_ARRAY_COUNT_REG = dev.stitch.x64.Registers.R15;

    /** The largest local slot number a uop can name (its byte offset must fit a 12-bit low part). */
    public static final int MAX_LOCAL = 511;

    /** The exit value a trace returns when an upcall failed; never a uop's exit value. */
    public static final long UPCALL_FAILED_EXIT = -1;

    private FrameLayout() {}
}
