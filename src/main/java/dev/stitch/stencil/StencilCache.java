package dev.stitch.stencil;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stencils assembled at first use and kept by name, for the register shape's variants. Stencils
 * are immutable, so a race only assembles one twice. Bounded: variants keyed by a constant (a
 * division by each divisor) are kept only while the cache holds fewer than {@link #MAX_KEPT}, so
 * a stream of traces with ever new constants costs assembling, never memory.
 */
final class StencilCache {
    static final int MAX_KEPT = 4096;

    private final Map<String, Stencil> stencils = new ConcurrentHashMap<>();

    Stencil get(String key, Supplier<Stencil> assemble) {
        Stencil stencil = stencils.get(key);
        if (stencil == null) {
            stencil = assemble.get();
            if (stencils.size() < MAX_KEPT) {
                stencils.putIfAbsent(key, stencil);
            }
        }
        return stencil;
    }

    Collection<Stencil> all() {
        return List.copyOf(stencils.values());
    }
}
