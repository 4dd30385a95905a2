package dev.stitch.jit;

import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.Uop;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The external functions traces may call, by name: C library functions, native code at a known
 * address, and Java methods through upcall stubs. Each symbol gets an ordinal, 0..63, the bit
 * that stands for it in stencil symbol masks. Closing the table frees its upcall stubs; traces
 * that call them must not run afterwards. Thread-safe.
 *
 * <p>Functions take 0..4 arguments, each a 64-bit integer (a C {@code int} parameter reads the
 * low 32 bits), and return a C {@code long}, an {@code int} (sign-extended) or nothing.
 */
public final class SymbolTable implements AutoCloseable {
    /** The most symbols a table holds: one bit each in a 64-bit mask. */
    public static final int MAX_SYMBOLS = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.$]*");

    private final Map<String, Symbol> byName = new LinkedHashMap<>();
    private final List<Symbol> byOrdinal = new ArrayList<>();
    private final Arena upcallArena = Arena.ofShared();
    private boolean closed;
    private int running;

    /** A table with no symbols. */
    public SymbolTable() {}

    /**
     * Adds the C library function {@code name}, found with the native linker's default lookup.
     * Calling a C function with arguments it does not expect can crash the process: like
     * {@link Linker#downcallHandle}, this is a restricted operation.
     *
     * @throws IllegalArgumentException if there is no such function, or for a bad name or arity
     */
    public synchronized Symbol libc(String name, int arity, CallResult result) {
        checkNew(name, arity);
        Objects.requireNonNull(result, "result");
        MemorySegment address = Linker.nativeLinker().defaultLookup().find(name)
                .orElseThrow(() -> new IllegalArgumentException("no C library function named '" + name
                        + "' (looked up with Linker.nativeLinker().defaultLookup())"));
        return add(name, address.address(), arity, result, false);
    }

    /**
     * Adds native code at {@code address}, for example a function installed in a
     * {@link dev.stitch.mem.CodeArena}. The caller vouches that the address stays valid.
     */
    public synchronized Symbol address(String name, long address, int arity, CallResult result) {
        checkNew(name, arity);
        Objects.requireNonNull(result, "result");
        if (address == 0) {
            throw new IllegalArgumentException("symbol '" + name + "': address must not be 0");
        }
        return add(name, address, arity, result, false);
    }

    /**
     * Adds a Java method as a callable symbol, through an upcall stub owned by this table.
     * {@code target} must take 0..4 {@code long} parameters and return {@code long}, {@code int}
     * or {@code void}. If it throws, the trace that called it stops at that call and
     * {@link CompiledTrace#invoke} throws {@link TraceUpcallException} with the exception as cause.
     */
    public synchronized Symbol upcall(String name, MethodHandle target) {
        Objects.requireNonNull(target, "target");
        MethodType type = target.type();
        checkNew(name, type.parameterCount());
        for (Class<?> parameter : type.parameterArray()) {
            if (parameter != long.class) {
                throw new IllegalArgumentException("upcall '" + name + "': parameters must all be long, got " + type);
            }
        }
        CallResult result;
        MemoryLayout resultLayout;
        if (type.returnType() == long.class) {
            result = CallResult.LONG;
            resultLayout = JAVA_LONG;
        } else if (type.returnType() == int.class) {
            result = CallResult.INT;
            resultLayout = JAVA_INT;
        } else if (type.returnType() == void.class) {
            result = CallResult.VOID;
            resultLayout = null;
        } else {
            throw new IllegalArgumentException("upcall '" + name + "': must return long, int or void, got " + type);
        }
        MemoryLayout[] parameters = new MemoryLayout[type.parameterCount()];
        Arrays.fill(parameters, JAVA_LONG);
        FunctionDescriptor descriptor = resultLayout == null ? FunctionDescriptor.ofVoid(parameters)
                : FunctionDescriptor.of(resultLayout, parameters);
        MemorySegment stub = Linker.nativeLinker().upcallStub(neverThrows(target), descriptor, upcallArena);
        return add(name, stub.address(), type.parameterCount(), result, true);
    }

    /** {@code target} wrapped so that what it throws is recorded instead of reaching native code. */
    private static MethodHandle neverThrows(MethodHandle target) {
        MethodType type = target.type();
        Class<?> returns = type.returnType();
        MethodHandle record = returns == void.class ? RECORD : MethodHandles.filterReturnValue(RECORD, MethodHandles.zero(returns));
        MethodHandle handler = MethodHandles.dropArguments(record, 1, type.parameterList());
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    private static final MethodHandle RECORD;

    static {
        try {
            RECORD = MethodHandles.lookup().findStatic(UpcallFailures.class, "record",
                    MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private void checkNew(String name, int arity) {
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("this SymbolTable is closed");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("symbol name '" + name + "' is not allowed; use letters, digits, _ . $"
                    + " and start with a letter or _");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("symbol '" + name + "' is already defined: " + byName.get(name));
        }
        if (arity < 0 || arity > Uop.MAX_CALL_ARGUMENTS) {
            throw new IllegalArgumentException("symbol '" + name + "': a trace passes 0.." + Uop.MAX_CALL_ARGUMENTS
                    + " arguments, got " + arity);
        }
        if (byOrdinal.size() == MAX_SYMBOLS) {
            throw new IllegalArgumentException("cannot add '" + name + "': a SymbolTable holds at most " + MAX_SYMBOLS
                    + " symbols");
        }
    }

    private Symbol add(String name, long address, int arity, CallResult result, boolean upcall) {
        Symbol symbol = new Symbol(name, byOrdinal.size(), address, arity, result, upcall);
        byName.put(name, symbol);
        byOrdinal.add(symbol);
        return symbol;
    }

    /** The symbol called {@code name}, if defined. */
    public synchronized Optional<Symbol> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The symbol called {@code name}.
     *
     * @throws IllegalArgumentException naming the symbols that are defined, if there is none
     */
    public synchronized Symbol get(String name) {
        Symbol symbol = byName.get(name);
        if (symbol == null) {
            throw new IllegalArgumentException("no symbol named '" + name + "'; defined: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())));
        }
        return symbol;
    }

    /** The symbol with {@code ordinal}. */
    public synchronized Symbol byOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= byOrdinal.size()) {
            throw new IllegalArgumentException("no symbol with ordinal " + ordinal + "; defined 0.." + (byOrdinal.size() - 1));
        }
        return byOrdinal.get(ordinal);
    }

    /** True if {@code symbol} is this table's symbol of that ordinal. */
    synchronized boolean owns(Symbol symbol) {
        return symbol.ordinal() < byOrdinal.size() && byOrdinal.get(symbol.ordinal()) == symbol;
    }

    /** All symbols, in ordinal order. */
    public synchronized List<Symbol> symbols() {
        return List.copyOf(byOrdinal);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Marks a trace that may call these symbols as running; refused once the table is closed. */
    synchronized void acquire() {
        if (closed) {
            throw new IllegalStateException("the SymbolTable of this trace is closed: its upcall stubs are gone");
        }
        running++;
    }

    synchronized void release() {
        running--;
    }

    /**
     * Frees the upcall stubs.
     *
     * @throws IllegalStateException if a trace that may call them is running
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (running > 0) {
            throw new IllegalStateException("cannot close the SymbolTable: " + running
                    + " trace invocation(s) that may call its symbols are running");
        }
        closed = true;
        upcallArena.close();
    }
}
