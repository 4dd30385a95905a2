package dev.stitch.jit;

import dev.stitch.stencil.Field;
import dev.stitch.stencil.Stencil;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The memory one compilation works in: pieces, blocks, the register pass's tables and the image
 * buffer, kept from one trace to the next so that compiling allocates almost nothing (Cranelift's
 * reusable {@code Context} is the model). Allocating them afresh was most of what a compile cost:
 * about 12 KB for a 64-uop trace, written to memory that was not in any cache.
 *
 * <p>A context serves one compilation at a time. {@link #take()} lends one from a small pool
 * shared by all threads (virtual threads included) and {@link #release()} gives it back; what a
 * compilation returns ({@link CompiledTrace}) never refers to a context. Listings make a context
 * of their own.
 */
final class CompileContext {
    /** Contexts kept for reuse: enough for every core to compile at once. */
    private static final AtomicReferenceArray<CompileContext> POOL =
            new AtomicReferenceArray<>(Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** A context that grew past this many pieces is not kept: one huge trace must not pin its memory. */
    static final int MAX_KEPT_PIECES = 1 << 14;

    /** Whether plannable pieces of one uop are merged into runs (compiling); listings see every piece. */
    final boolean runs;
    /** The bytes of the runs' prefixes ({@link Piece#prefix}), {@code runUsed} of them in use. */
    byte[] runBytes = new byte[1024];
    private int runUsed;
    private Piece[] pieces = new Piece[128];
    private int piecesUsed;
    private Block[] blocks = new Block[16];
    private int blocksUsed;
    /** The hot pieces and cold blocks of the plan being made. */
    final ArrayList<Piece> hot = new ArrayList<>(128);
    final ArrayList<Block> cold = new ArrayList<>(16);
    /** The register shape's pass, whose tables are reused. */
    final RegisterShapePass registerPass = new RegisterShapePass(this);
    private byte[] image = new byte[2048];
    private int[] labels = new int[256];
    private final Symbol[] symbols = new Symbol[64];
    private final int[] callCounts = new int[64];

    /** A context that keeps every piece apart, as listings want them. */
    CompileContext() {
        this(false);
    }

    /** @param runs whether plannable pieces of one uop are merged into runs before layout */
    CompileContext(boolean runs) {
        this.runs = runs;
    }

    /** A context from the pool, or a new one when every pooled one is in use. */
    static CompileContext take() {
        for (int i = 0; i < POOL.length(); i++) {
            CompileContext context = POOL.get(i);
            if (context != null && POOL.compareAndSet(i, context, null)) {
                return context;
            }
        }
        return new CompileContext(true);
    }

    /**
     * Returns the context to the pool; nothing of it may be used afterwards. It lets go of what
     * the trace referred to (its symbols, the trace itself), so that a pooled context keeps no
     * user object alive.
     */
    void release() {
        if (pieces.length > MAX_KEPT_PIECES) {
            return;
        }
        for (int p = 0; p < piecesUsed; p++) {
            pieces[p].symbol = null;
        }
        java.util.Arrays.fill(symbols, null);
        hot.clear();
        cold.clear();
        registerPass.forget();
        for (int i = 0; i < POOL.length(); i++) {
            if (POOL.get(i) == null && POOL.compareAndSet(i, null, this)) {
                return;
            }
        }
    }

    /** Starts a plan: forgets every piece and block of the last one. */
    void clear() {
        piecesUsed = 0;
        blocksUsed = 0;
        runUsed = 0;
        hot.clear();
        cold.clear();
    }

    Piece piece(Stencil stencil, int uop, int copy, long operand, int d, int a, int b, int c, Symbol symbol) {
        if (piecesUsed == pieces.length) {
            pieces = java.util.Arrays.copyOf(pieces, 2 * piecesUsed);
        }
        Piece piece = pieces[piecesUsed];
        if (piece == null) {
            piece = pieces[piecesUsed] = new Piece();
        }
        piecesUsed++;
        return piece.set(stencil, uop, copy, operand, d, a, b, c, symbol);
    }

    /**
     * Appends a piece to {@code sequence}, or, when it and the sequence's last piece are both
     * {@linkplain Stencil#plannable() plannable} and of the same uop (or {@code joins}: no jump
     * lands on this uop, so nothing needs its label), lets the last absorb it: the
     * last's stencil is copied and patched into the run buffer now, and this stencil becomes its
     * tail. The bytes come out the same; layout and emission handle one piece instead of several.
     * Returns the piece the stencil went to.
     */
    Piece append(java.util.List<Piece> sequence, Stencil stencil, int uop, int copy, long operand, int d, int a,
                 int b, int c, boolean joins) {
        if (runs && stencil.plannable() && !sequence.isEmpty()) {
            Piece last = sequence.getLast();
            if ((last.uop == uop || joins) && last.copy == copy && last.stencil.plannable()
                    && (last.prefix == 0 || last.prefixStart + last.prefix == runUsed)) {
                Stencil absorbed = last.stencil;
                if (runBytes.length < runUsed + absorbed.codeSize() + Field.WINDOW) {
                    runBytes = java.util.Arrays.copyOf(runBytes, 2 * runBytes.length + absorbed.codeSize());
                }
                if (last.prefix == 0) {
                    last.prefixStart = runUsed;
                }
                int copied = absorbed.copyPlanned(runBytes, runUsed, last.values);
                runUsed += copied;
                last.prefix += copied;
                last.prefixHoles += absorbed.fieldCount();
                last.prefixJumps += absorbed.endsWithContinuationJump() ? 1 : 0;
                last.setTail(stencil, operand, d, a, b, c);
                return last;
            }
        }
        Piece piece = piece(stencil, uop, copy, operand, d, a, b, c, null);
        sequence.add(piece);
        return piece;
    }

    /** A new cold block, appended to the plan's. */
    Block block(Block.Kind kind, int uop, int copy) {
        if (blocksUsed == blocks.length) {
            blocks = java.util.Arrays.copyOf(blocks, 2 * blocksUsed);
        }
        Block block = blocks[blocksUsed];
        if (block == null) {
            block = blocks[blocksUsed] = new Block();
        }
        blocksUsed++;
        block.set(kind, uop, copy);
        cold.add(block);
        return block;
    }

    /** A table of at least {@code size} labels (to be filled by the caller). */
    int[] labels(int size) {
        if (labels.length < size) {
            labels = new int[Math.max(size, 2 * labels.length)];
        }
        return labels;
    }

    /** The table of the symbols a trace calls by ordinal, emptied. */
    Symbol[] symbols() {
        java.util.Arrays.fill(symbols, null);
        return symbols;
    }

    /** Calls per symbol ordinal, zeroed. */
    int[] callCounts() {
        java.util.Arrays.fill(callCounts, 0);
        return callCounts;
    }

    /** A buffer of at least {@code size} bytes for the image (its old contents are overwritten by emission). */
    byte[] image(int size) {
        if (image.length < size) {
            image = new byte[Math.max(size, 2 * image.length)];
        }
        return image;
    }
}
