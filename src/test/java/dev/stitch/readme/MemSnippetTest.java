package dev.stitch.readme;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.CodeRegion;
import dev.stitch.mem.WxPolicy;
import org.junit.jupiter.api.Test;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/** The README's {@code dev.stitch.mem} snippet: a function installed, called and patched, in this JVM's machine code. */
class MemSnippetTest {
    @Test
    void memSnippetInstallsCallsAndPatchesOnThisArchitecture() throws Throwable {
        // README snippet
        byte[] add;    // (long a, long b) -> a + b
        byte[] twice;  // the same function's first instruction, patched to a + 2 * b
        if (Architecture.host() == Architecture.AARCH64) {
            add = new byte[] {0x00, 0x00, 0x01, (byte) 0x8b,           // add x0, x0, x1
                              (byte) 0xc0, 0x03, 0x5f, (byte) 0xd6};   // ret
            twice = new byte[] {0x00, 0x04, 0x01, (byte) 0x8b};        // add x0, x0, x1, lsl #1
        } else {
            add = new byte[] {0x48, (byte) 0x8d, 0x04, 0x37,           // lea rax, [rdi + rsi]
                              (byte) 0xc3};                            // ret
            twice = new byte[] {0x48, (byte) 0x8d, 0x04, 0x77};        // lea rax, [rdi + 2*rsi]
        }
        try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            CodeRegion code = arena.install(add);             // allocate + write + seal + flush
            MethodHandle h = code.handle(FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG));
            long sum = (long) h.invokeExact(40L, 2L);         // 42
            assertThat(sum).isEqualTo(42); // test
            code.patch(0, twice);
            long patched = (long) h.invokeExact(40L, 2L);     // 44
            assertThat(patched).isEqualTo(44); // test
            code.free();
        }
        // README end
    }
}
