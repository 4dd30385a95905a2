package dev.stitch.mem;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Wraps a downcall handle so that it runs between {@link CodeRegion#enterCall()} and
 * {@link CodeRegion#exitCall}, with the exit in a {@code finally}. The {@link CallGate.Caller}
 * that the entry returns is handed to the exit as an argument, so that a call looks up its
 * thread's state once.
 */
final class GuardedCall {
    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENTER = lookup.findVirtual(CodeRegion.class, "enterCall", MethodType.methodType(CallGate.Caller.class));
            EXIT = lookup.findVirtual(CodeRegion.class, "exitCall",
                    MethodType.methodType(void.class, Throwable.class, CallGate.Caller.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GuardedCall() {}

    static MethodHandle guard(MethodHandle target, CodeRegion region) {
        MethodType type = target.type();
        List<Class<?>> arguments = type.parameterList();
        Class<?> result = type.returnType();
        MethodHandle exit = EXIT.bindTo(region); // (Throwable, Caller) void
        MethodHandle cleanup;
        if (result == void.class) {
            cleanup = exit;
        } else {
            // (Throwable, R, Caller) -> R: run the exit, hand the result through.
            MethodHandle passResult = MethodHandles.dropArguments(MethodHandles.dropArguments(
                    MethodHandles.identity(result), 0, Throwable.class), 2, CallGate.Caller.class);
            cleanup = MethodHandles.foldArguments(passResult, MethodHandles.dropArguments(exit, 1, result));
        }
        cleanup = MethodHandles.dropArguments(cleanup, cleanup.type().parameterCount(), arguments);
        // (Caller, args...) -> R, then the entry supplies the Caller.
        MethodHandle body = MethodHandles.tryFinally(
                MethodHandles.dropArguments(target, 0, CallGate.Caller.class), cleanup);
        return MethodHandles.foldArguments(body, ENTER.bindTo(region));
    }
}
