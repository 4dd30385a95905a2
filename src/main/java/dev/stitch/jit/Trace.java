package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A straight run of uops to compile: built with {@link #builder}, or parsed from text with
 * {@link TraceParser}. A trace is checked when it is built: it starts with {@code ENTER} (and has
 * no other), every argument is in range, every {@code CALL} names a symbol of the trace's table
 * with its arity, control never falls off the end, jumps land on uops of the trace, and the
 * operand stack never goes below the depth it had on entry and has the same depth wherever paths
 * meet. A uop may have labels, the names a trace file gives it ({@link Builder#label}), which
 * listings show in place of {@code @N}. Immutable.
 */
public final class Trace {
    /** What a label name may be: what trace files allow. */
    static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final List<TraceUop> uops;
    /** The labels of each uop that has some, in the order they were defined. */
    private final Map<Integer, List<String>> labels;
    private final SymbolTable symbols;
    private final int[] depthBefore;
    private final int maxDepth;
    private final int maxLocal;
    private final boolean callsJava;

    private Trace(String name, List<TraceUop> uops, SymbolTable symbols, Map<Integer, List<String>> labels) {
        this.name = name;
        this.uops = List.copyOf(uops);
        this.labels = Map.copyOf(labels);
        this.symbols = symbols;
        this.depthBefore = new int[uops.size()];
        int local = -1;
        boolean java = false;
        for (int i = 0; i < uops.size(); i++) {
            TraceUop u = uops.get(i);
            checkArguments(i, u);
            if (u.uop() == Uop.LOAD || u.uop() == Uop.STORE) {
                local = Math.max(local, (int) u.arg());
            }
            java |= u.uop() == Uop.CALL && u.symbol().upcall();
        }
        this.maxLocal = local;
        this.callsJava = java;
        this.maxDepth = checkStack();
    }

    /** A builder for a trace called {@code name} whose calls name symbols of {@code symbols}. */
    public static Builder builder(String name, SymbolTable symbols) {
        return new Builder(name, symbols);
    }

    public String name() {
        return name;
    }

    public List<TraceUop> uops() {
        return uops;
    }

    public int size() {
        return uops.size();
    }

    public TraceUop uop(int index) {
        return uops.get(index);
    }

    /** The labels of uop {@code index}, in the order they were defined; empty if it has none. */
    public List<String> labels(int index) {
        Objects.checkIndex(index, uops.size());
        return labels.getOrDefault(index, List.of());
    }

    /**
     * Uop {@code index} as a trace file writes it: {@link TraceUop#text()}, but a jump to a uop
     * that has a label names the (first) label, {@code JUMP_IF_FALSE done}, not {@code @16}.
     */
    public String text(int index) {
        TraceUop u = uop(index);
        List<String> targetLabels = u.target() >= 0 ? labels.getOrDefault(u.target(), List.of()) : List.of();
        return targetLabels.isEmpty() ? u.text() : u.uop().name() + " " + targetLabels.getFirst();
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** The operand stack depth before uop {@code index}, relative to the depth on entry. */
    public int depthBefore(int index) {
        return depthBefore[index];
    }

    /** The deepest the operand stack gets, relative to its depth on entry. */
    public int maxDepth() {
        return maxDepth;
    }

    /** The highest local slot used, or -1. */
    public int maxLocal() {
        return maxLocal;
    }

    /** True if the trace calls a Java upcall (so it cannot run as a critical downcall). */
    public boolean callsJava() {
        return callsJava;
    }

    private TraceException error(int index, String message) {
        return new TraceException("trace " + name + ", uop " + index + " (" + uops.get(index).text() + "): " + message, index);
    }

    private void checkArguments(int i, TraceUop u) {
        Uop uop = u.uop();
        if (uop == Uop.ENTER ? i != 0 : i == 0) {
            throw i == 0 ? error(0, "a trace must start with ENTER") : error(i, "ENTER may only be the first uop");
        }
        long arg = u.arg();
        switch (uop.arg()) {
            case NONE -> requireZero(i, u);
            case CONSTANT -> { }
            case LOCAL -> {
                if (arg < 0 || arg > FrameLayout.MAX_LOCAL) {
                    throw error(i, "local slot " + arg + " is out of range; allowed 0.." + FrameLayout.MAX_LOCAL);
                }
            }
            case EXIT_VALUE -> {
                if (arg < 0 || arg > Uop.MAX_EXIT_VALUE) {
                    throw error(i, "exit value " + arg + " is out of range; allowed 0.." + Uop.MAX_EXIT_VALUE);
                }
            }
            case TARGET -> {
                if (u.target() < 1 || u.target() >= uops.size()) {
                    throw error(i, "jump target " + u.target() + " is not a uop of the trace; allowed 1.."
                            + (uops.size() - 1));
                }
            }
            case CALL -> {
                Symbol symbol = u.symbol();
                if (symbol == null) {
                    throw error(i, "CALL needs a symbol");
                }
                if (!symbols.owns(symbol)) {
                    throw error(i, "symbol " + symbol.name() + " is not in the trace's symbol table");
                }
                if (arg != symbol.arity()) {
                    throw error(i, symbol.name() + " takes " + symbol.arity() + " argument(s), the call passes " + arg);
                }
            }
        }
        if (uop.arg() != Uop.Arg.TARGET && u.target() != -1) {
            throw error(i, uop + " takes no jump target");
        }
        if (uop.arg() != Uop.Arg.CALL && u.symbol() != null) {
            throw error(i, uop + " takes no symbol");
        }
    }

    private void requireZero(int i, TraceUop u) {
        if (u.arg() != 0) {
            throw error(i, u.uop() + " takes no argument, got " + u.arg());
        }
    }

    /**
     * Follows every path from ENTER (fall-through, jumps, LOOP), giving each uop the stack depth
     * it starts with; paths that meet must agree. Returns the deepest the stack gets.
     */
    private int checkStack() {
        int[] depth = depthBefore;
        Arrays.fill(depth, -1);
        depth[0] = 0;
        int max = 0;
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        work.push(0);
        while (!work.isEmpty()) {
            int i = work.pop();
            TraceUop u = uops.get(i);
            int pops = pops(u);
            if (depth[i] < pops) {
                throw error(i, "pops " + pops + " value(s) but the stack holds " + depth[i]);
            }
            int after = depth[i] - pops + pushes(u);
            max = Math.max(max, Math.max(after, depth[i]));
            switch (u.uop()) {
                case LOOP -> meet(i, 1, after, "LOOP goes back to uop 1", work);
                case JUMP, JUMP_IF_TRUE, JUMP_IF_FALSE -> meet(i, u.target(), after, "the jump lands on uop " + u.target(), work);
                default -> { }
            }
            if (u.uop().continues()) {
                if (i + 1 == uops.size()) {
                    throw error(i, "control falls off the end of the trace; end it with EXIT, LOOP or JUMP");
                }
                meet(i, i + 1, after, "it continues to uop " + (i + 1), work);
            }
        }
        for (int i = 0; i < depth.length; i++) {
            if (depth[i] < 0) {
                throw error(i, "unreachable: no path from ENTER leads here");
            }
        }
        return max;
    }

    private void meet(int from, int to, int depth, String how, java.util.Deque<Integer> work) {
        if (depthBefore[to] < 0) {
            depthBefore[to] = depth;
            work.push(to);
        } else if (depthBefore[to] != depth) {
            throw error(from, how + " with " + depth + " value(s) on the stack, where another path brings "
                    + depthBefore[to]);
        }
    }

    private static int pops(TraceUop u) {
        return u.uop() == Uop.CALL ? (int) u.arg() : u.uop().pops();
    }

    private static int pushes(TraceUop u) {
        return u.uop() == Uop.CALL ? (u.symbol().result() == dev.stitch.stencil.CallResult.VOID ? 0 : 1) : u.uop().pushes();
    }

    @Override
    public String toString() {
        return "Trace[" + name + ", " + uops.size() + " uops]";
    }

    /** Appends uops one at a time; {@link #build()} checks the whole trace. */
    public static final class Builder {
        private final String name;
        private final SymbolTable symbols;
        private final List<TraceUop> uops = new ArrayList<>();
        private final Map<Integer, List<String>> labels = new LinkedHashMap<>();
        private final Map<String, Integer> labelled = new LinkedHashMap<>();

        private Builder(String name, SymbolTable symbols) {
            this.name = Objects.requireNonNull(name, "name");
            this.symbols = Objects.requireNonNull(symbols, "symbols");
        }

        /** The symbols the trace's {@code CALL}s name: a recorder defines what it calls here before it adds the call. */
        public SymbolTable symbols() {
            return symbols;
        }

        /** The index the next uop will have (a jump target). */
        public int next() {
            return uops.size();
        }

        /** Appends {@code uop} with its argument (0 if it takes none). */
        public Builder add(Uop uop, long arg) {
            uops.add(new TraceUop(uop, arg, null, -1));
            return this;
        }

        /** Appends an argument-less uop. */
        public Builder add(Uop uop) {
            return add(uop, 0);
        }

        /** Appends a jump ({@code JUMP}, {@code JUMP_IF_TRUE}, {@code JUMP_IF_FALSE}) to uop {@code target}. */
        public Builder jump(Uop uop, int target) {
            uops.add(new TraceUop(uop, 0, null, target));
            return this;
        }

        /** Appends {@code CALL symbol arity}. */
        public Builder call(String symbol, int arity) {
            Symbol resolved = symbols.find(symbol).orElseThrow(() -> new TraceException("trace " + name + ", uop "
                    + uops.size() + " (CALL " + symbol + "): no symbol named '" + symbol + "'; defined: "
                    + (symbols.symbols().isEmpty() ? "none" : String.join(", ",
                    symbols.symbols().stream().map(Symbol::name).toList())), uops.size()));
            uops.add(new TraceUop(Uop.CALL, arity, resolved, -1));
            return this;
        }

        /**
         * Gives the next uop appended the label {@code label}, a name as trace files write them
         * ({@code [A-Za-z_][A-Za-z0-9_]*}); a uop may have several. Listings name it.
         *
         * @throws TraceException if the name is not a label or another uop has it already
         */
        public Builder label(String label) {
            Objects.requireNonNull(label, "label");
            if (!LABEL.matcher(label).matches()) {
                throw new TraceException("trace " + name + ": bad label name '" + label
                        + "'; a label is letters, digits and _, starting with a letter or _", uops.size());
            }
            Integer first = labelled.putIfAbsent(label, uops.size());
            if (first != null) {
                throw new TraceException("trace " + name + ": duplicate label '" + label + "'; it names uop " + first
                        + " already", uops.size());
            }
            labels.computeIfAbsent(uops.size(), k -> new ArrayList<>()).add(label);
            return this;
        }

        /** Appends a uop as given. */
        public Builder add(TraceUop uop) {
            uops.add(Objects.requireNonNull(uop, "uop"));
            return this;
        }

        public Builder enter() {
            return add(Uop.ENTER);
        }

        public Builder constant(long value) {
            return add(Uop.CONST, value);
        }

        public Builder load(int slot) {
            return add(Uop.LOAD, slot);
        }

        public Builder store(int slot) {
            return add(Uop.STORE, slot);
        }

        public Builder exit(int value) {
            return add(Uop.EXIT, value);
        }

        public Builder loop() {
            return add(Uop.LOOP);
        }

        /** The trace, checked. */
        public Trace build() {
            if (uops.isEmpty()) {
                throw new TraceException("trace " + name + " is empty; it needs at least ENTER and EXIT");
            }
            List<String> dangling = labels.get(uops.size());
            if (dangling != null) {
                throw new TraceException("trace " + name + ": label '" + dangling.getFirst() + "' names no uop; it follows"
                        + " the last one (uop " + (uops.size() - 1) + ")", uops.size() - 1);
            }
            Map<Integer, List<String>> frozen = new LinkedHashMap<>();
            labels.forEach((index, names) -> frozen.put(index, List.copyOf(names)));
            return new Trace(name, uops, symbols, frozen);
        }
    }
}
