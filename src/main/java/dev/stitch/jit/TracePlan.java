package dev.stitch.jit;

import java.util.ArrayList;
import java.util.List;

/**
 * What a shape pass chose for a trace, before anything is placed: the hot pieces in order, the
 * cold blocks, and for listings the state the register shape keeps at each uop.
 */
final class TracePlan {
    final CodeShape shape;
    final List<Piece> hot;
    final List<Block> cold = new ArrayList<>();
    /** How many copies of the loop body the hot code holds. */
    int copies = 1;
    /** Per uop (of copy 0), where its stack slots are before it runs, or null (stack shape). */
    String[] states;
    /** Which registers hold which locals for the whole trace, or null. */
    String pinned;
    /** How many back-edges poll: with {@link #copies}, what the fuel is divided by. */
    int backEdges;

    /** @param expectedPieces about how many hot pieces there will be (room is made for them at once) */
    TracePlan(CodeShape shape, int expectedPieces) {
        this.shape = shape;
        this.hot = new ArrayList<>(expectedPieces);
    }

    Block block(Block.Kind kind, int uop, int copy) {
        Block block = new Block(kind, uop, copy);
        cold.add(block);
        return block;
    }
}
