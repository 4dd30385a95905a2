package dev.stitch.tiny.jit;

import dev.stitch.jit.Frame;
import dev.stitch.jit.Trace;
import dev.stitch.jit.tree.FrontEnd;
import dev.stitch.jit.tree.Recording;
import dev.stitch.jit.tree.TraceTree;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.CallFrame;
import dev.stitch.tiny.CallStack;
import dev.stitch.tiny.FunctionCode;
import dev.stitch.tiny.ProgramOutput;

import java.util.BitSet;
import java.util.function.BiPredicate;

/**
 * tiny's side of the trace trees: loops are (function index, head pc), recordings are
 * {@link TraceRecorder}'s, and a trace's frame is filled from the {@link CallStack} at entry (the
 * loop's frame, and the calling site's for a trace that returns into its caller) and puts the
 * call stack back from an {@link ExitSnapshot} at exit.
 */
final class TinyFrontEnd implements FrontEnd<Loop, ExitSnapshot, CallStack> {
    private final BiPredicate<FunctionCode, Integer> hasTrace;
    /** The sink of the run served now, whose frame is set to the trace's at each entry, and the one it replaced; null between runs. */
    private Builtins.Sink sink;
    private Builtins.Sink outer;

    /** @param hasTrace whether the loop with its head at a pc of a function has a trace */
    TinyFrontEnd(BiPredicate<FunctionCode, Integer> hasTrace) {
        this.hasTrace = hasTrace;
    }

    /**
     * The run served now prints to {@code output} and allocates on {@code heap}: its traces'
     * built-ins do too, through the calling thread's sink, until {@link #unbind}.
     */
    void bind(ProgramOutput output, ArrayHeap heap) {
        sink = new Builtins.Sink(output, heap);
        outer = Builtins.install(sink);
    }

    /** The run ended: the thread's sink is as it was before (a run that ran this one from a print goes on with its own). */
    void unbind() {
        if (sink != null) {
            Builtins.install(outer);
            sink = null;
            outer = null;
        }
    }

    @Override
    public Loop loop(CallStack calls, int pc) {
        return new Loop(calls.top().function(), pc);
    }

    @Override
    public String traceName(Loop loop) {
        return loop.traceName();
    }

    @Override
    public Recording record(TraceTree<Loop, ExitSnapshot> tree, CallStack calls, Trace.Builder builder,
            BitSet branchGuards) {
        return TraceRecorder.record(tree, calls, builder, hasTrace, branchGuards);
    }

    @Override
    public Recording recordSide(TraceTree<Loop, ExitSnapshot> tree, ExitSnapshot from, CallStack calls,
            Trace.Builder builder, BitSet branchGuards) {
        return TraceRecorder.recordSide(tree, from, calls, builder, hasTrace, branchGuards);
    }

    @Override
    public int slotCount(Loop loop) {
        return loop.slotCount();
    }

    @Override
    public void installed(Loop loop, Trace trace) {
        loop.installed(trace);
    }

    /**
     * Copies the loop frame's locals the trace uses in, and if the trace returns into callers, which call site
     * called it (its key) with that caller's slots and pending values. False if its inlined calls
     * would go past the call limit: the interpreter reports that.
     */
    @Override
    public boolean enter(TraceTree<Loop, ExitSnapshot> tree, CallStack calls, Frame frame) {
        Loop loop = tree.loop();
        if (calls.depth() - 1 + loop.maxInlined() > CallStack.MAX_CALLS) {
            return false;
        }
        frame.setLocals(calls.top().locals(), loop.ownSlotsUsed);
        frame.clearStack();
        sink.frame = frame;
        if (loop.installedKey) {
            frame.setLocal(loop.key(), callerKey(loop, calls, frame));
        }
        return true;
    }

    /**
     * The key the trace's entry puts in its key slot: which of the loop's call sites called the
     * frame on top (its index + 1), having copied that caller's slots and pending values into the
     * trace's frame; 0 if none did.
     */
    private static long callerKey(Loop loop, CallStack calls, Frame frame) {
        if (calls.depth() < 2) {
            return 0;
        }
        CallFrame caller = calls.frame(calls.depth() - 2);
        for (int i = 0; i < loop.installedSites; i++) {
            CallSite site = loop.callSite(i);
            if (site.caller() == caller.function() && site.resumePc() == caller.resumePc()) {
                frame.setLocals(site.base(), caller.locals(), caller.locals().length);
                frame.setLocals(site.pendingBase(), caller.stack(), site.pending());
                return i + 1;
            }
        }
        return 0;
    }

    /**
     * Leaves the call stack as the interpreter would have it at {@code snapshot}, from the trace's
     * frame: the frame the trace started in (or its caller, if it returned), then a frame per call
     * it was running inline, each with its slots and its part of the trace's stack.
     */
    @Override
    public int exit(TraceTree<Loop, ExitSnapshot> tree, ExitSnapshot snapshot, CallStack calls, Frame frame) {
        Loop loop = tree.loop();
        CallFrame started = calls.top();
        long key = loop.installedKey ? frame.local(loop.key()) : 0;
        if (key != 0) { // the trace may have run code of the caller: put its state back
            CallSite site = loop.callSite((int) key - 1);
            CallFrame caller = calls.frame(calls.depth() - 2);
            frame.getLocals(site.base(), caller.locals(), caller.locals().length);
            if (!snapshot.inCaller()) {
                frame.getLocals(site.pendingBase(), caller.stack(), site.pending());
                caller.setStackDepth(site.pending());
                caller.setResumePc(site.resumePc());
            }
        }
        CallFrame current;
        if (snapshot.inCaller()) {
            current = calls.pop();
        } else {
            current = started;
            frame.getLocals(0, started.locals(), loop.ownSlotsUsed);
        }
        if (snapshot.calls().isEmpty()) {
            current.setStackDepth(frame.getStack(current.stack()));
            return snapshot.pc();
        }
        long[] values = frame.stack();
        int from = 0;
        for (InlinedCall call : snapshot.calls()) {
            int to = call.stackStart();
            System.arraycopy(values, from, current.stack(), 0, to - from);
            current.setStackDepth(to - from);
            current.setResumePc(call.callerResumePc());
            current = calls.push(call.callee());
            frame.getLocals(call.base(), current.locals(), current.locals().length);
            from = to;
        }
        System.arraycopy(values, from, current.stack(), 0, snapshot.depth() - from);
        current.setStackDepth(snapshot.depth() - from);
        return snapshot.pc();
    }

    @Override
    public int unitAt(CallStack calls) {
        CallFrame top = calls.top();
        return top.stackDepth() == 0 ? top.function().index() : -1;
    }
}
