package dev.stitch.stencil;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stencils assembled at first use and kept, for the register shape's variants: by a numeric key
 * (its form and two small numbers, looked up on every piece, so no string is built for it), and divisions by a constant by their
 * divisor. Stencils are immutable, so a race only assembles one twice. The divisions are bounded:
 * they are kept only while there are fewer than {@link #MAX_KEPT}, so a stream of traces with
 * ever new divisors costs assembling, never memory.
 */
final class StencilCache {
    static final int MAX_KEPT = 4096;

    /** What a register-shape stencil does: with two small numbers for its variant, its key. */
    enum Form {
        MOVE, CONSTANT, LOAD_LOCAL, STORE_LOCAL, LOAD_STACK, STORE_STACK, ADVANCE_STACK, RETREAT_STACK,
        BINARY, BINARY_SWAPPED, BINARY_FORM, BINARY_IMMEDIATE, BINARY_LOCAL, UNARY, DIVIDE, MULTIPLY_ADD,
        COMPARE_BRANCH, COMPARE_IMMEDIATE_BRANCH, COMPARE_LOCAL_BRANCH, COMPARE_ZERO_BRANCH, TEST_BRANCH, JUMP,
        BACK_EDGE, CONDITIONAL_BACK_EDGE, ARRAY_LOAD, ARRAY_STORE, ARRAY_LENGTH, ARRAY_ENTRY, ARRAY_LOAD_HOISTED,
        ARRAY_STORE_HOISTED
    }

    private final Map<Long, Stencil> stencils = new ConcurrentHashMap<>();
    private final Map<Division, Stencil> divisions = new ConcurrentHashMap<>();

    private record Division(Uop op, long divisor) {}

    /** The stencil of {@code form} in variant {@code (a, b)} (each 0..65535), assembled at its first use. */
    Stencil get(Form form, int a, int b, Supplier<Stencil> assemble) {
        long key = (long) form.ordinal() << 32 | (long) a << 16 | b;
        Stencil stencil = stencils.get(key);
        if (stencil == null) {
            stencil = assemble.get();
            stencils.putIfAbsent(key, stencil);
        }
        return stencil;
    }

    /** The stencil of a division by {@code divisor}, kept while there are fewer than {@link #MAX_KEPT}. */
    Stencil division(Uop op, long divisor, Supplier<Stencil> assemble) {
        Division key = new Division(op, divisor);
        Stencil stencil = divisions.get(key);
        if (stencil == null) {
            stencil = assemble.get();
            if (divisions.size() < MAX_KEPT) {
                divisions.putIfAbsent(key, stencil);
            }
        }
        return stencil;
    }

    Collection<Stencil> all() {
        List<Stencil> all = new java.util.ArrayList<>(stencils.values());
        all.addAll(divisions.values());
        return List.copyOf(all);
    }
}
