package dev.stitch.mem;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Fixed machine code for the host architecture, for tests of the memory layer that must not
 * depend on the assemblers. Each encoding was checked with llvm-mc.
 */
final class TestCode {
    static final Architecture ARCH = Architecture.host();

    /** {@code long f()}. */
    static final FunctionDescriptor RETURNS_LONG = FunctionDescriptor.of(JAVA_LONG);
    /** {@code long f(long, long)}. */
    static final FunctionDescriptor LONG_LONG_TO_LONG = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG);
    /** {@code void f(void (*callback)(void))}. */
    static final FunctionDescriptor CALLS_POINTER = FunctionDescriptor.ofVoid(ADDRESS);

    private TestCode() {}

    /** Returns {@code a + b}. AArch64 {@code add x0, x0, x1; ret}; x86-64 {@code lea rax, [rdi+rsi]; ret}. */
    static byte[] add() {
        return switch (ARCH) {
            case AARCH64 -> words(0x8b010000, 0xd65f03c0);
            case X86_64 -> bytes(0x48, 0x8d, 0x04, 0x37, 0xc3);
        };
    }

    /** Returns {@code value} (0..65535). AArch64 {@code movz x0, #value; ret}; x86-64 {@code mov eax, value; ret}. */
    static byte[] returnConstant(int value) {
        checkConstant(value);
        return switch (ARCH) {
            case AARCH64 -> words(movzX0(value), 0xd65f03c0);
            case X86_64 -> bytes(0xb8, value & 0xff, value >>> 8, 0, 0, 0xc3);
        };
    }

    /** Where {@link #returnConstant} keeps its constant, and the bytes that change it to {@code value}. */
    record Patch(long offset, byte[] bytes) {}

    static Patch constantPatch(int value) {
        checkConstant(value);
        return switch (ARCH) {
            case AARCH64 -> new Patch(0, words(movzX0(value)));
            case X86_64 -> new Patch(1, bytes(value & 0xff, value >>> 8, 0, 0));
        };
    }

    /**
     * Calls the function pointer in its first argument, keeping the stack aligned for the callee.
     * AArch64 {@code stp x29, x30, [sp, #-16]!; mov x29, sp; blr x0; ldp x29, x30, [sp], #16; ret};
     * x86-64 {@code sub rsp, 8; call rdi; add rsp, 8; ret}.
     */
    static byte[] callPointer() {
        return switch (ARCH) {
            case AARCH64 -> words(0xa9bf7bfd, 0x910003fd, 0xd63f0000, 0xa8c17bfd, 0xd65f03c0);
            case X86_64 -> bytes(0x48, 0x83, 0xec, 0x08, 0xff, 0xd7, 0x48, 0x83, 0xc4, 0x08, 0xc3);
        };
    }

    /** Calls a {@link #RETURNS_LONG} handle; exceptions from the guard pass through unwrapped. */
    static long call(MethodHandle returnsLong) {
        try {
            return (long) returnsLong.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Calls a {@link #LONG_LONG_TO_LONG} handle; exceptions from the guard pass through unwrapped. */
    static long call(MethodHandle longLongToLong, long a, long b) {
        try {
            return (long) longLongToLong.invokeExact(a, b);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** Calls {@code region} through a fresh guarded handle, as a {@link #RETURNS_LONG} function. */
    static long callConstant(CodeRegion region) {
        return call(region.handle(RETURNS_LONG));
    }

    private static void checkConstant(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("test constants are 0..65535, got " + value);
        }
    }

    private static int movzX0(int value) {
        return 0xd2800000 | value << 5;
    }

    static byte[] words(int... words) {
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 4; b++) {
                out[i * 4 + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
