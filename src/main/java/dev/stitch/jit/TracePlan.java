package dev.stitch.jit;

import java.util.List;

/**
 * What a shape pass chose for a trace, before anything is placed: the hot pieces in order, the
 * cold blocks, and for listings the state the register shape keeps at each uop. Its pieces and
 * blocks live in a {@link CompileContext}, which a new plan clears.
 */
final class TracePlan {
    final CodeShape shape;
    final CompileContext context;
    final List<Piece> hot;
    final List<Block> cold;
    /** How many copies of the loop body the hot code holds. */
    int copies = 1;
    /** Per uop (of copy 0), where its stack slots are before it runs, or null (stack shape). */
    String[] states;
    /** Which registers hold which locals for the whole trace, or null. */
    String pinned;
    /** How many back-edges poll: with {@link #copies}, what the fuel is divided by. */
    int backEdges;

    TracePlan(CodeShape shape, CompileContext context) {
        this.shape = shape;
        this.context = context;
        context.clear();
        this.hot = context.hot;
        this.cold = context.cold;
    }

    Block block(Block.Kind kind, int uop, int copy) {
        return context.block(kind, uop, copy);
    }

    /** A new piece, not yet in any sequence. */
    Piece piece(dev.stitch.stencil.Stencil stencil, int uop, int copy, long operand, int d, int a, int b, int c,
                Symbol symbol) {
        return context.piece(stencil, uop, copy, operand, d, a, b, c, symbol);
    }
}
