package dev.stitch.jit;

import dev.stitch.stencil.Stencil;
import dev.stitch.stencil.StencilLibrary;
import dev.stitch.stencil.Uop;

import java.util.List;

/**
 * The memory-stack shape: one stencil per uop, its operands on the in-memory operand stack, so
 * an exit stub only returns its exit value. Cold code: the epilogue, one exit stub per uop that
 * can exit, one yield stub per back-edge, and the resume entry.
 */
final class StackShapePass {
    private StackShapePass() {}

    static TracePlan plan(Trace trace, StencilLibrary library, boolean polls, CompileContext context) {
        TracePlan plan = new TracePlan(CodeShape.STACK, context);
        Block epilogue = plan.block(Block.Kind.EPILOGUE, -1, 0);
        epilogue.pieces.add(plan.piece(library.epilogue(), -1, 0, 0, -1, -1, -1, -1, null));
        int n = trace.size();
        List<Piece> pieces = plan.hot; // one per uop, in order
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
            Piece piece = plan.piece(stencil, i, 0, u.arg(), -1, -1, -1, -1, symbol);
            piece.target = u.uop() == Uop.LOOP ? 1 : u.target();
            pieces.add(piece);
        }
        for (int i = 0; i < n; i++) {
            if (pieces.get(i).stencil.exits()) {
                boolean call = trace.uop(i).uop() == Uop.CALL;
                Block exit = plan.block(Block.Kind.EXIT, i, 0);
                exit.pieces.add(plan.piece(call ? library.upcallFailedExit() : library.exitStub(), i, 0,
                        trace.uop(i).arg(), -1, -1, -1, -1, null));
                pieces.get(i).exit = exit;
            }
        }
        for (int i = 0; i < n; i++) {
            if (polls && TraceLayout.isBackEdge(trace.uop(i), i)) {
                Block yield = plan.block(Block.Kind.YIELD, i, 0);
                Piece stub = plan.piece(library.yieldExit(), i, 0, 0, -1, -1, -1, -1, null);
                stub.target = pieces.get(i).target;
                yield.pieces.add(stub);
                pieces.get(i).yield = yield;
                plan.backEdges++;
            }
        }
        if (plan.backEdges > 0) {
            plan.block(Block.Kind.RESUME, -1, 0).pieces.add(plan.piece(library.resumeEntry(), -1, 0, 0, -1, -1, -1, -1, null));
        }
        return plan;
    }
}
