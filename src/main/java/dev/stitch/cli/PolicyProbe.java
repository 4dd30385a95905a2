package dev.stitch.cli;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.mem.WxPolicy;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Finds out whether a W^X policy works on this host by doing what it is for: installing a
 * function that adds its two arguments, calling it, re-patching it to add the second one twice
 * and calling it again.
 */
final class PolicyProbe {
    /** How a probe of one policy ended: {@code null} failure means it works. */
    record Result(WxPolicy policy, String failure) {
        boolean works() {
            return failure == null;
        }
    }

    private PolicyProbe() {}

    static Result probe(WxPolicy policy) {
        Architecture arch = Architecture.host();
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion code = arena.install(addFunction(arch));
            MethodHandle add = code.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
            long sum = (long) add.invokeExact(40L, 2L);
            code.patch(0, addTwiceFirstWord(arch));
            long patched = (long) add.invokeExact(40L, 2L);
            if (sum != 42 || patched != 44) {
                return new Result(policy, "the probe function returned " + sum + " and, re-patched, " + patched
                        + " instead of 42 and 44");
            }
            return new Result(policy, null);
        } catch (Throwable e) {
            return new Result(policy, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    // AArch64: add x0, x0, x1; ret.   x86-64: lea rax, [rdi + rsi]; ret.
    private static byte[] addFunction(Architecture arch) {
        return switch (arch) {
            case AARCH64 -> words(0x8b010000, 0xd65f03c0);
            case X86_64 -> new byte[] {0x48, (byte) 0x8d, 0x04, 0x37, (byte) 0xc3};
        };
    }

    // AArch64: add x0, x0, x1, lsl #1.   x86-64: lea rax, [rdi + rsi*2].
    private static byte[] addTwiceFirstWord(Architecture arch) {
        return switch (arch) {
            case AARCH64 -> words(0x8b010400);
            case X86_64 -> new byte[] {0x48, (byte) 0x8d, 0x04, 0x77};
        };
    }

    private static byte[] words(int... words) {
        byte[] bytes = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            for (int b = 0; b < 4; b++) {
                bytes[i * 4 + b] = (byte) (words[i] >>> (8 * b));
            }
        }
        return bytes;
    }
}
