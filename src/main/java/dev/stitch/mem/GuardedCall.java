package dev.stitch.mem;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Wraps a downcall handle so that it runs between {@link CodeRegion#enterCall()} and
 * {@link CodeRegion#exitCall(Throwable)}, with the exit in a {@code finally}.
 */
final class GuardedCall {
    private static final MethodHandle ENTER;
    private static final MethodHandle EXIT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENTER = lookup.findVirtual(CodeRegion.class, "enterCall", MethodType.methodType(void.class));
            EXIT = lookup.findVirtual(CodeRegion.class, "exitCall", MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private GuardedCall() {}

    static MethodHandle guard(MethodHandle target, CodeRegion region) {
        MethodType type = target.type();
        MethodHandle exit = EXIT.bindTo(region);
        Class<?> result = type.returnType();
        MethodHandle cleanup;
        if (result == void.class) {
            cleanup = MethodHandles.dropArguments(exit, 1, type.parameterList());
        } else {
            // (Throwable, R, args...) -> R: run the exit, hand the result through.
            MethodHandle passResult = MethodHandles.dropArguments(MethodHandles.identity(result), 0, Throwable.class);
            cleanup = MethodHandles.dropArguments(MethodHandles.foldArguments(passResult, exit), 2, type.parameterList());
        }
        return MethodHandles.foldArguments(MethodHandles.tryFinally(target, cleanup), ENTER.bindTo(region));
    }
}
