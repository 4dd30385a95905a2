package dev.stitch.tiny.jit;

import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Upcall;
import dev.stitch.stencil.CallResult;
import dev.stitch.tiny.ArrayHeap;
import dev.stitch.tiny.ProgramOutput;
import dev.stitch.tiny.TinyRuntimeException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Java side of what tiny's traces call ({@code print} with 0..4 values, {@code min},
 * {@code max}, and {@code array(n)}): one upcall stub each for the whole JVM, made at its first
 * use, since making a stub per run and freeing it again cost more than a small program's whole
 * run; and {@code abs}, which is libc's {@code labs}. A {@code print} prints to the output of the
 * run served on the calling thread, and {@code array(n)} allocates on its heap for the trace
 * running on that thread's frame: the run {@link #install}s its {@link Sink} while it lasts.
 */
final class Builtins {
    static final String PRINT = "tiny_print";
    static final String ABS = "labs";
    static final String MIN = "tiny_min";
    static final String MAX = "tiny_max";
    static final String ARRAY = "tiny_array";

    /**
     * What the traces of one run print to and allocate on (its output and heap, and the frame the
     * trace running now runs on), and the run's buffer for the values of one line. Each run has its
     * own, so a run started from a print (its output written from inside the upcall) leaves the
     * outer print's values alone.
     */
    static final class Sink {
        final ProgramOutput output;
        final ArrayHeap heap;
        Frame frame;
        final long[] values = new long[4];

        Sink(ProgramOutput output, ArrayHeap heap) {
            this.output = output;
            this.heap = heap;
        }
    }

    private static final ThreadLocal<Sink> SINK = new ThreadLocal<>();
    private static final Map<String, Upcall> STUBS = new ConcurrentHashMap<>();

    private Builtins() {}

    /**
     * Defines the symbol {@code name} ({@link #PRINT}0..4, {@link #ABS}, {@link #MIN},
     * {@link #MAX} or {@link #ARRAY}) in {@code symbols} the first time a trace calls it.
     */
    static void define(SymbolTable symbols, String name) {
        if (symbols.find(name).isPresent()) {
            return;
        }
        if (name.equals(ABS)) {
            symbols.libc(ABS, 1, CallResult.LONG);
        } else {
            symbols.upcall(name, stub(name));
        }
    }

    /** The stub of built-in {@code name}: {@code print0}..{@code print4}, {@code min} or {@code max}. */
    private static Upcall stub(String name) {
        return STUBS.computeIfAbsent(name, Builtins::make);
    }

    private static Upcall make(String name) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType binary = MethodType.methodType(long.class, long.class, long.class);
            return switch (name) {
                case MIN -> Upcall.global(lookup.findStatic(Math.class, "min", binary));
                case MAX -> Upcall.global(lookup.findStatic(Math.class, "max", binary));
                case ARRAY -> Upcall.global(lookup.findStatic(Builtins.class, "newArray",
                        MethodType.methodType(long.class, long.class)));
                default -> {
                    int n = Integer.parseInt(name.substring(PRINT.length()));
                    MethodType type = MethodType.methodType(void.class, Collections.nCopies(n, long.class));
                    yield Upcall.global(lookup.findStatic(Builtins.class, "print" + n, type));
                }
            };
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes {@code sink} the calling thread's (the traces it runs print and allocate through it);
     * returns the one it replaces, or null, to be put back the same way when the run ends.
     */
    static Sink install(Sink sink) {
        Sink previous = SINK.get();
        SINK.set(sink);
        return previous;
    }

    /**
     * {@code array(n)} in a trace: the new array's reference, seen by the trace once this returns;
     * or -1, with nothing allocated, if the allocation fails (the trace then exits to the
     * interpreter, which allocates again and reports the error).
     */
    private static long newArray(long length) {
        Sink sink = SINK.get();
        long reference;
        try {
            reference = sink.heap.allocate(length);
        } catch (TinyRuntimeException e) {
            return -1;
        }
        sink.frame.arraysAdded();
        return reference;
    }

    private static void print0() {
        Sink sink = SINK.get();
        sink.output.printLine(sink.values, 0, 0);
    }

    private static void print1(long a) {
        SINK.get().output.printLine(a);
    }

    private static void print2(long a, long b) {
        Sink sink = SINK.get();
        sink.values[0] = a;
        sink.values[1] = b;
        sink.output.printLine(sink.values, 0, 2);
    }

    private static void print3(long a, long b, long c) {
        Sink sink = SINK.get();
        sink.values[0] = a;
        sink.values[1] = b;
        sink.values[2] = c;
        sink.output.printLine(sink.values, 0, 3);
    }

    private static void print4(long a, long b, long c, long d) {
        Sink sink = SINK.get();
        sink.values[0] = a;
        sink.values[1] = b;
        sink.values[2] = c;
        sink.values[3] = d;
        sink.output.printLine(sink.values, 0, 4);
    }
}
