package dev.stitch.stencil;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Stencils assembled at first use and kept, for the register shape's variants: by their form and
 * two small numbers (looked up on every piece, so in a flat table per form, without boxing or
 * hashing), and divisions by a constant by their divisor. Stencils are immutable, so a race only
 * assembles one twice. The divisions are bounded: they are kept only while there are fewer than
 * {@link #MAX_KEPT}, so a stream of traces with ever new divisors costs assembling, never memory.
 */
final class StencilCache {
    static final int MAX_KEPT = 4096;
    /** Variants per form: the first number is below this (a uop's ordinal, or a small choice). */
    static final int FIRST_LIMIT = 64;

    /**
     * What a register-shape stencil does: with two small numbers for its variant, its key. The
     * second number is below {@link #secondLimit} (a flag or two, or a shift amount and a flag).
     */
    enum Form {
        MOVE, CONSTANT, LOAD_LOCAL, STORE_LOCAL, LOAD_STACK, STORE_STACK, ADVANCE_STACK, RETREAT_STACK,
        BINARY, BINARY_SWAPPED, BINARY_FORM, BINARY_IMMEDIATE(130), BINARY_LOCAL, UNARY, DIVIDE, MULTIPLY_ADD,
        COMPARE_BRANCH, COMPARE_IMMEDIATE_BRANCH, COMPARE_LOCAL_BRANCH, COMPARE_ZERO_BRANCH, TEST_BRANCH, JUMP,
        BACK_EDGE, CONDITIONAL_BACK_EDGE, ARRAY_LOAD, ARRAY_STORE, ARRAY_LENGTH, ARRAY_ENTRY, ARRAY_LOAD_HOISTED,
        ARRAY_STORE_HOISTED;

        final int secondLimit;

        Form() {
            this(4);
        }

        Form(int secondLimit) {
            this.secondLimit = secondLimit;
        }
    }

    /** Per form, its variants at {@code first * secondLimit + second}; a form's table is made at its first use. */
    private final AtomicReferenceArray<AtomicReferenceArray<Stencil>> stencils =
            new AtomicReferenceArray<>(Form.values().length);
    private final Map<Division, Stencil> divisions = new ConcurrentHashMap<>();

    private record Division(Uop op, long divisor) {}

    static {
        if (Uop.values().length > FIRST_LIMIT) {
            throw new ExceptionInInitializerError("StencilCache.FIRST_LIMIT (" + FIRST_LIMIT + ") is below the "
                    + Uop.values().length + " uops");
        }
    }

    /**
     * The stencil of {@code form} in variant {@code (first, second)}, assembled at its first use.
     *
     * @throws IllegalArgumentException if a number is outside {@code 0..FIRST_LIMIT - 1} or the form's {@code 0..secondLimit - 1}
     */
    Stencil get(Form form, int first, int second, Supplier<Stencil> assemble) {
        int limit = form.secondLimit;
        if (first < 0 || first >= FIRST_LIMIT || second < 0 || second >= limit) {
            throw new IllegalArgumentException("stencil variant (" + first + ", " + second + ") of " + form
                    + " is outside 0.." + (FIRST_LIMIT - 1) + " x 0.." + (limit - 1));
        }
        AtomicReferenceArray<Stencil> variants = stencils.get(form.ordinal());
        if (variants == null) {
            stencils.compareAndSet(form.ordinal(), null, new AtomicReferenceArray<>(FIRST_LIMIT * limit));
            variants = stencils.get(form.ordinal());
        }
        int index = first * limit + second;
        Stencil stencil = variants.get(index);
        if (stencil == null) {
            stencil = assemble.get();
            if (!variants.compareAndSet(index, null, stencil)) {
                stencil = variants.get(index);
            }
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
        List<Stencil> all = new java.util.ArrayList<>();
        for (int form = 0; form < stencils.length(); form++) {
            AtomicReferenceArray<Stencil> variants = stencils.get(form);
            for (int index = 0; variants != null && index < variants.length(); index++) {
                if (variants.get(index) != null) {
                    all.add(variants.get(index));
                }
            }
        }
        all.addAll(divisions.values());
        return List.copyOf(all);
    }
}
