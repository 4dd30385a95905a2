package dev.stitch.jit;

import dev.stitch.stencil.Stencil;

/**
 * One stencil placed in a trace: the uop it implements (in which copy of an unrolled loop), the
 * values of its operand holes, where its jumps go, and, once laid out, where it is. Built by a
 * shape pass ({@link StackShapePass}, {@link RegisterShapePass}) and placed by {@link TraceLayout};
 * reused from one compilation to the next ({@link CompileContext}).
 */
final class Piece {
    Stencil stencil;
    /** The uop the piece belongs to, or -1 for the epilogue and the resume entry. */
    int uop;
    /** The copy of the loop body the piece is in (0 unless the loop is unrolled). */
    int copy;
    /** The operand, oparg or slot of the piece's value holes. */
    long operand;
    /** The registers of its REGISTER_D, _A, _B and _C holes, or -1. */
    int d;
    int a;
    int b;
    int c;
    /** D, A, B, C, the operand, operand × 8 and ~operand: what a stencil's {@link dev.stitch.stencil.Field}s take, by source. */
    final long[] values = new long[dev.stitch.stencil.Field.SOURCES];
    /** What a CALL piece calls, else null. */
    Symbol symbol;
    /** The uop a TARGET hole jumps to (in {@link #targetCopy}), or -1 when it jumps to {@link #targetBlock}. */
    int target;
    int targetCopy;
    Block targetBlock;
    /** The block its EXIT hole branches to, and its YIELD hole's. */
    Block exit;
    Block yield;

    int offset;
    /** Bytes copied: the stencil's size, less its final jump when that is elided. */
    int length;
    /** Offset of its data from the start of the data section, or -1. */
    int data;
    /** Where its CONTINUATION hole goes: the next piece's offset. */
    int continuation;
    /**
     * A run: the bytes of the plannable pieces of the same uop this one absorbed, copied and
     * patched before layout, {@code prefix} bytes at {@code prefixStart} of its context's run
     * buffer; the piece's own stencil follows them. With the holes they filled and the jumps they
     * dropped, for the statistics.
     */
    int prefix;
    int prefixStart;
    int prefixHoles;
    int prefixJumps;

    Piece set(Stencil stencil, int uop, int copy, long operand, int d, int a, int b, int c, Symbol symbol) {
        this.stencil = stencil;
        this.uop = uop;
        this.copy = copy;
        this.operand = operand;
        this.d = d;
        this.a = a;
        this.b = b;
        this.c = c;
        this.symbol = symbol;
        target = -1;
        targetCopy = 0;
        targetBlock = null;
        exit = null;
        yield = null;
        offset = -1;
        length = 0;
        data = -1;
        continuation = -1;
        prefix = 0;
        prefixStart = -1;
        prefixHoles = 0;
        prefixJumps = 0;
        setValues();
        return this;
    }

    /** Makes {@code stencil} the piece's own, after the prefix (a run that absorbed its last stencil). */
    void setTail(Stencil stencil, long operand, int d, int a, int b, int c) {
        this.stencil = stencil;
        this.operand = operand;
        this.d = d;
        this.a = a;
        this.b = b;
        this.c = c;
        setValues();
    }

    private void setValues() {
        long[] values = this.values;
        values[0] = d;
        values[1] = a;
        values[2] = b;
        values[3] = c;
        values[4] = operand;
        values[5] = operand * 8;
        values[6] = ~operand;
    }

    boolean elided() {
        return length - prefix < stencil.codeSize();
    }
}
