package dev.stitch.mem;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guarded downcalls into any region: a handle of type {@code (CodeRegion, long entry, args...) -> R}
 * that runs the call between {@link CodeRegion#enterCall()} and {@link CodeRegion#exitCall}, with
 * the exit in a {@code finally}. The {@link CallGate.Caller} that the entry returns is handed to
 * the exit as an argument, so that a call looks up its thread's state once.
 *
 * <p>Linking a downcall and combining its guard cost tens of microseconds; one handle per
 * descriptor and options serves every region, so that code installed many times (a JIT's) pays
 * for it once per process. The handles are kept while there are fewer than {@link #MAX_KEPT}.
 */
final class GuardedCall {
    static final int MAX_KEPT = 256;

    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;
    private static final MethodHandle ENTRY_ADDRESS;
    private static final Map<List<Object>, MethodHandle> INVOKERS = new ConcurrentHashMap<>();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENTER = lookup.findVirtual(CodeRegion.class, "enterCall", MethodType.methodType(CallGate.Caller.class));
            EXIT = lookup.findVirtual(CodeRegion.class, "exitCall",
                    MethodType.methodType(void.class, Throwable.class, CallGate.Caller.class));
            ENTRY_ADDRESS = lookup.findVirtual(CodeRegion.class, "entryAddress",
                    MethodType.methodType(MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GuardedCall() {}

    /** The guarded handle for {@code descriptor} and {@code options}: {@code (CodeRegion, long, args...) -> R}. */
    static MethodHandle invoker(FunctionDescriptor descriptor, Linker.Option... options) {
        List<Object> key = List.of(descriptor, List.of(options));
        MethodHandle invoker = INVOKERS.get(key);
        if (invoker == null) {
            invoker = guard(Linker.nativeLinker().downcallHandle(descriptor, options));
            if (INVOKERS.size() < MAX_KEPT) {
                INVOKERS.putIfAbsent(key, invoker);
            }
        }
        return invoker;
    }

    /** {@code target}, of type {@code (MemorySegment address, args...) -> R}, guarded and addressed by region and entry. */
    private static MethodHandle guard(MethodHandle target) {
        MethodHandle addressed = MethodHandles.collectArguments(target, 0, ENTRY_ADDRESS); // (CodeRegion, long, args...) R
        MethodType type = addressed.type();
        List<Class<?>> trailing = type.parameterList().subList(1, type.parameterCount()); // long, args...
        Class<?> result = type.returnType();
        // (Throwable, Caller, CodeRegion) void
        MethodHandle exit = MethodHandles.permuteArguments(EXIT,
                MethodType.methodType(void.class, Throwable.class, CallGate.Caller.class, CodeRegion.class), 2, 0, 1);
        MethodHandle cleanup;
        if (result == void.class) {
            cleanup = exit;
        } else {
            // (Throwable, R, Caller, CodeRegion) -> R: run the exit, hand the result through.
            MethodHandle passResult = MethodHandles.dropArguments(MethodHandles.dropArguments(
                    MethodHandles.identity(result), 0, Throwable.class), 2, CallGate.Caller.class, CodeRegion.class);
            cleanup = MethodHandles.foldArguments(passResult, MethodHandles.dropArguments(exit, 1, result));
        }
        cleanup = MethodHandles.dropArguments(cleanup, cleanup.type().parameterCount(), trailing);
        // (Caller, CodeRegion, long, args...) -> R, then the entry supplies the Caller.
        MethodHandle body = MethodHandles.tryFinally(
                MethodHandles.dropArguments(addressed, 0, CallGate.Caller.class), cleanup);
        return MethodHandles.foldArguments(body, ENTER);
    }
}
