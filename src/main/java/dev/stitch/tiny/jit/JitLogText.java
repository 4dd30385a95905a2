package dev.stitch.tiny.jit;

import dev.stitch.jit.tree.Abort;
import dev.stitch.jit.tree.JitEvent;
import dev.stitch.jit.tree.TreeJit;
import dev.stitch.tiny.CallStack;
import dev.stitch.tiny.FunctionCode;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The JIT's events as lines of text, one per event, in the form of tiny's error messages
 * ({@code FILE:LINE: jit: ...}): which loops were compiled and how big, which were not and why
 * (the reason and the line where recording stopped), where trees grew side paths and where they
 * stopped growing. What {@code stitch run --jit-log} prints.
 */
final class JitLogText implements JitEvent.Listener<Loop, ExitSnapshot, CallStack> {
    private final PrintStream out;
    private final Supplier<String> fileName;

    JitLogText(PrintStream out, Supplier<String> fileName) {
        this.out = out;
        this.fileName = fileName;
    }

    @Override
    public void event(JitEvent<Loop, ExitSnapshot> event, CallStack state) {
        Loop loop = event.tree().loop();
        String name = loop.traceName();
        String line = switch (event) {
            case JitEvent.Compiled<Loop, ExitSnapshot> c -> at(loop.function, loop.head) + "compiled the loop in "
                    + loop.function.name() + " as trace " + name + ": " + c.uops() + " uops"
                    + count(c.inlinedCalls(), "inlined call") + count(c.returns(), "return into the caller");
            case JitEvent.Grew<Loop, ExitSnapshot> g -> at(function(loop, g.from()), g.from().pc()) + "trace " + name
                    + " grew the side path from here: " + g.uops() + " uops, side path " + g.sidePaths() + " of "
                    + TreeJit.MAX_SIDE_PATHS;
            case JitEvent.Aborted<Loop, ExitSnapshot> a -> {
                FunctionCode stopped = state.top().function();
                String what = a.from() == null ? "the loop in " + loop.function.name()
                        : "the side path of trace " + name + " from here";
                String where = a.from() == null ? at(loop.function, loop.head) : at(function(loop, a.from()), a.from().pc());
                yield where + "did not record " + what + ": " + a.why() + " at line " + stopped.lineAt(a.pc())
                        + (a.why().policy() == Abort.Policy.RETRY ? "; trying again later"
                        : a.givenUp() ? "; not trying again" : "; try " + a.tries() + " of " + TreeJit.MAX_ABORTS);
            }
            case JitEvent.NotCompiled<Loop, ExitSnapshot> n -> at(loop.function, loop.head) + "could not compile trace "
                    + name + ": " + n.why();
            case JitEvent.Full<Loop, ExitSnapshot> f -> at(loop.function, loop.head) + "trace " + name
                    + " grows no more (" + f.why() + "): exits that get hot stay exits";
        };
        out.println(line);
        out.flush();
    }

    private String at(FunctionCode function, int pc) {
        return fileName.get() + ":" + function.lineAt(pc) + ": jit: ";
    }

    /** The function whose code {@code snapshot}'s pc is in: the innermost inlined call's, or the caller's the trace returned to, or the loop's. */
    private static FunctionCode function(Loop loop, ExitSnapshot snapshot) {
        if (!snapshot.calls().isEmpty()) {
            return snapshot.calls().getLast().callee();
        }
        return snapshot.inCaller() ? loop.callSite(snapshot.site()).caller() : loop.function;
    }

    private static String count(int n, String what) {
        return n == 0 ? "" : ", " + n + " " + what + (n == 1 ? "" : "s");
    }
}
