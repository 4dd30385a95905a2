package dev.stitch.jit;

import dev.stitch.mem.CodeArena;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Run in a JVM of its own by {@link NestedInvokeTest}: a trace whose Java upcall invokes the
 * trace again, {@code args[0]} deep. Prints how deep it got and how it ended; a JVM that dies
 * instead prints nothing of the sort.
 */
public final class NestedInvokeMain {
    private static CompiledTrace trace;
    private static long target;
    private static long deepest;

    private NestedInvokeMain() {}

    static long again(long depth) {
        deepest = Math.max(deepest, depth);
        if (depth >= target) {
            return depth;
        }
        try (Frame frame = Frame.allocate(1, 4)) {
            frame.setLocal(0, depth + 1);
            trace.invoke(frame);
            return frame.local(0);
        }
    }

    public static void main(String[] args) throws Exception {
        target = Long.parseLong(args[0]);
        SymbolTable symbols = new SymbolTable();
        symbols.upcall("again", MethodHandles.lookup().findStatic(NestedInvokeMain.class, "again",
                MethodType.methodType(long.class, long.class)));
        Trace nested = Trace.builder("nested", symbols).enter().load(0).call("again", 1).store(0).exit(0).build();
        try (CodeArena arena = CodeArena.create(); Frame frame = Frame.allocate(1, 4)) {
            trace = new TraceCompiler().compile(nested, arena);
            frame.setLocal(0, 1);
            try {
                trace.invoke(frame);
                System.out.println("completed " + frame.local(0));
            } catch (TraceUpcallException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                System.out.println("deepest " + deepest);
                System.out.println("failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
        }
    }
}
