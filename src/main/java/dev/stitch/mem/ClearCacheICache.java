package dev.stitch.mem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The AArch64 case of {@link ICache}: {@code __clear_cache(begin, end)} from {@code libgcc_s.so.1},
 * which cleans the data cache to the point of unification and invalidates the instruction cache
 * for the range (AArch64 caches are not coherent with instruction fetch).
 */
final class ClearCacheICache implements ICache {
    static final String LIBRARY = "libgcc_s.so.1";
    static final String SYMBOL = "__clear_cache";

    private static volatile ClearCacheICache instance;

    private final MethodHandle clearCache;

    private ClearCacheICache(MethodHandle clearCache) {
        this.clearCache = clearCache;
    }

    static ClearCacheICache load() {
        ClearCacheICache loaded = instance;
        if (loaded == null) {
            SymbolLookup libgcc;
            try {
                libgcc = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
            } catch (IllegalArgumentException e) {
                throw new UnsupportedOperationException("cannot flush the instruction cache: " + LIBRARY
                        + " could not be loaded (" + e.getMessage() + ")", e);
            }
            MemorySegment symbol = libgcc.find(SYMBOL).orElseThrow(() -> new UnsupportedOperationException(
                    "cannot flush the instruction cache: " + LIBRARY + " does not export " + SYMBOL));
            // Leaf routine that never calls back into Java: a critical downcall is safe and cheaper.
            MethodHandle handle = Linker.nativeLinker().downcallHandle(symbol,
                    FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_LONG), Linker.Option.critical(false));
            loaded = new ClearCacheICache(handle);
            instance = loaded;
        }
        return loaded;
    }

    @Override
    public void flush(long address, long length) {
        try {
            clearCache.invokeExact(address, address + length);
        } catch (Throwable t) {
            throw new IllegalStateException("__clear_cache(" + Posix.hex(address) + ", "
                    + Posix.hex(address + length) + ") failed", t);
        }
    }

    @Override
    public String description() {
        return SYMBOL + " from " + LIBRARY + " through a downcall (dc cvau + ic ivau over the bytes written)";
    }
}
