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
import java.util.Arrays;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * An upcall stub through which traces call a Java method: {@code target} takes 0..4 {@code long}
 * parameters and returns {@code long}, {@code int} or {@code void}. If it throws, the trace that
 * called it stops at that call and {@link CompiledTrace#invoke} throws
 * {@link TraceUpcallException} with the exception as cause.
 *
 * <p>{@link SymbolTable#upcall(String, MethodHandle)} makes one owned by its table, freed when the
 * table closes. {@link #global} makes one that lives as long as the JVM, for a fixed set of
 * methods that every run of a program calls: making a stub costs tens of microseconds, and a
 * table that owns stubs frees them with a wait for every thread of the JVM; a global stub is made
 * once and added to any number of tables with {@link SymbolTable#upcall(String, Upcall)}. Each
 * {@code global} call makes a new stub that is never freed, so keep the result.
 */
public final class Upcall {
    private static final MethodHandle RECORD;

    static {
        try {
            RECORD = MethodHandles.lookup().findStatic(UpcallFailures.class, "record",
                    MethodType.methodType(void.class, Throwable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long address;
    private final int arity;
    private final CallResult result;

    private Upcall(long address, int arity, CallResult result) {
        this.address = address;
        this.arity = arity;
        this.result = result;
    }

    /**
     * A stub for {@code target} that is never freed.
     *
     * @throws IllegalArgumentException if {@code target}'s type is not one a trace can call
     */
    public static Upcall global(MethodHandle target) {
        return make("global upcall", target, Arena.global());
    }

    /** A stub for {@code target} (described as {@code what} in errors) in {@code arena}. */
    static Upcall make(String what, MethodHandle target, Arena arena) {
        Objects.requireNonNull(target, "target");
        MethodType type = target.type();
        if (type.parameterCount() > Uop.MAX_CALL_ARGUMENTS) {
            throw new IllegalArgumentException(what + ": a trace passes 0.." + Uop.MAX_CALL_ARGUMENTS
                    + " arguments, got " + type);
        }
        for (Class<?> parameter : type.parameterArray()) {
            if (parameter != long.class) {
                throw new IllegalArgumentException(what + ": parameters must all be long, got " + type);
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
            throw new IllegalArgumentException(what + ": must return long, int or void, got " + type);
        }
        MemoryLayout[] parameters = new MemoryLayout[type.parameterCount()];
        Arrays.fill(parameters, JAVA_LONG);
        FunctionDescriptor descriptor = resultLayout == null ? FunctionDescriptor.ofVoid(parameters)
                : FunctionDescriptor.of(resultLayout, parameters);
        MemorySegment stub = Linker.nativeLinker().upcallStub(neverThrows(target), descriptor, arena);
        return new Upcall(stub.address(), type.parameterCount(), result);
    }

    /** {@code target} wrapped so that what it throws is recorded instead of reaching native code. */
    private static MethodHandle neverThrows(MethodHandle target) {
        MethodType type = target.type();
        Class<?> returns = type.returnType();
        MethodHandle record = returns == void.class ? RECORD : MethodHandles.filterReturnValue(RECORD, MethodHandles.zero(returns));
        MethodHandle handler = MethodHandles.dropArguments(record, 1, type.parameterList());
        return MethodHandles.catchException(target, Throwable.class, handler);
    }

    long address() {
        return address;
    }

    /** The number of arguments. */
    public int arity() {
        return arity;
    }

    /** What the method returns. */
    public CallResult result() {
        return result;
    }

    @Override
    public String toString() {
        return "Upcall[" + arity + " argument(s) -> " + result + " at 0x" + Long.toHexString(address) + "]";
    }
}
