package dev.stitch.jit;

import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Uop;

/**
 * The memory-stack shape: one stencil per uop, its operands on the in-memory operand stack, so
 * an exit stub only returns its exit value. Cold code: the epilogue, one exit stub per uop that
 * can exit, one yield stub per back-edge, and the resume entry.
 */
final class StackShapePass {
    private StackShapePass() {}

    static TracePlan plan(Trace trace, StencilLibrary library, boolean polls) {
        TracePlan plan = new TracePlan(CodeShape.STACK, trace.size());
        Block epilogue = plan.block(Block.Kind.EPILOGUE, -1, 0);
        epilogue.pieces.add(new Piece(library.epilogue(), -1, 0, 0, -1, -1, -1, -1, null));
        int n = trace.size();
        Piece[] pieces = new Piece[n];
        for (int i = 0; i < n; i++) {
            TraceUop u = trace.uop(i);
            Stencil stencil;
            Symbol symbol = null;
            if (u.uop() == Uop.CALL) {
                symbol = u.symbol();
                stencil = library.call(symbol.ordinal(), symbol.arity(), symbol.result(), symbol.upcall());
            } else if (polls && TraceLayout.isBackEdge(u, i)) {
                stencil = library.backEdge(u.uop());
            } else {
                stencil = library.stencil(u.uop(), u.arg());
            }
            Piece piece = new Piece(stencil, i, 0, u.arg(), -1, -1, -1, -1, symbol);
            piece.target = u.uop() == Uop.LOOP ? 1 : u.target();
            pieces[i] = piece;
            plan.hot.add(piece);
        }
        for (int i = 0; i < n; i++) {
            if (pieces[i].stencil.exits()) {
                boolean call = trace.uop(i).uop() == Uop.CALL;
                Block exit = plan.block(Block.Kind.EXIT, i, 0);
                exit.pieces.add(new Piece(call ? library.upcallFailedExit() : library.exitStub(), i, 0,
                        trace.uop(i).arg(), -1, -1, -1, -1, null));
                pieces[i].exit = exit;
            }
        }
        for (int i = 0; i < n; i++) {
            if (polls && TraceLayout.isBackEdge(trace.uop(i), i)) {
                Block yield = plan.block(Block.Kind.YIELD, i, 0);
                Piece stub = new Piece(library.yieldExit(), i, 0, 0, -1, -1, -1, -1, null);
                stub.target = pieces[i].target;
                yield.pieces.add(stub);
                pieces[i].yield = yield;
                plan.backEdges++;
            }
        }
        if (plan.backEdges > 0) {
            plan.block(Block.Kind.RESUME, -1, 0).pieces.add(new Piece(library.resumeEntry(), -1, 0, 0, -1, -1, -1, -1, null));
        }
        return plan;
    }
}
