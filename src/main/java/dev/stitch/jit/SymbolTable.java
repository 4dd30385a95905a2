package dev.stitch.jit;

import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.Uop;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;


/**
 * The external functions traces may call, by name: C library functions, native code at a known
 * address, and Java methods through upcall stubs. Each symbol gets an ordinal, 0..63, the bit
 * that stands for it in stencil symbol masks. Closing the table frees the upcall stubs it made (not
 * those of {@link Upcall#global}); traces
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
    /** The stubs this table owns, made at the first; null until then. */
    private Arena upcallArena;
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
     * Adds a Java method as a callable symbol, through an upcall stub owned by this table (see
     * {@link Upcall} for what {@code target} may be, and what happens when it throws).
     */
    public synchronized Symbol upcall(String name, MethodHandle target) {
        Objects.requireNonNull(target, "target");
        checkNew(name, target.type().parameterCount());
        if (upcallArena == null) {
            upcallArena = Arena.ofShared(); // only a table with stubs of its own pays for closing one
        }
        return add(name, Upcall.make("upcall '" + name + "'", target, upcallArena));
    }

    /** Adds a Java method as a callable symbol, through a stub made by {@link Upcall#global}. */
    public synchronized Symbol upcall(String name, Upcall stub) {
        Objects.requireNonNull(stub, "stub");
        checkNew(name, stub.arity());
        return add(name, stub);
    }

    private Symbol add(String name, Upcall stub) {
        return add(name, stub.address(), stub.arity(), stub.result(), true);
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
        if (upcallArena != null) {
            upcallArena.close();
        }
    }
}
