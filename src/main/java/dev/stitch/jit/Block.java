package dev.stitch.jit;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of pieces in a trace's cold code: the epilogue, an exit or yield stub, a reload, the
 * resume entry. Reused from one compilation to the next ({@link CompileContext}).
 */
final class Block {
    enum Kind {
        /** Restores the caller's registers and returns: shared by every exit. */
        EPILOGUE,
        /** Writes the state of an exit back to the frame and returns its exit value. */
        EXIT,
        /** Writes the state back and returns {@code YIELD_EXIT} when a back-edge's fuel is spent. */
        YIELD,
        /** Where a yielded trace goes on: loads the state the yield wrote back, then jumps on. */
        RELOAD,
        /** The second entry of a trace with back-edges. */
        RESUME
    }

    Kind kind;
    /** The uop the block belongs to, or -1. */
    int uop;
    int copy;
    final List<Piece> pieces = new ArrayList<>(4);
    int offset;
    int end;

    Block set(Kind kind, int uop, int copy) {
        this.kind = kind;
        this.uop = uop;
        this.copy = copy;
        pieces.clear();
        offset = -1;
        end = 0;
        return this;
    }
}
