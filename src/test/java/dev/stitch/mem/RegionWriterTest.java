package dev.stitch.mem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CodeArena#install(long, long, RegionWriter)}: the writer knows its address and may use less room. */
class RegionWriterTest {
    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void theWriterSeesTheAddressTheCodeRunsAt(WxPolicy policy) {
        try (CodeArena arena = CodeArena.create(policy)) {
            long[] seen = new long[1];
            CodeRegion region = arena.install(64, 16, (view, address) -> {
                seen[0] = address;
                view.copyFrom(MemorySegment.ofArray(TestCode.add()));
                return 64;
            });
            assertThat(seen[0]).isEqualTo(region.address());
            assertThat(region.size()).isEqualTo(64);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void unusedBytesGoBackToTheArenaAndOnlyUsedOnesAreFlushed(WxPolicy policy) throws Throwable {
        CountingICache icache = new CountingICache();
        try (CodeArena arena = CodeArena.builder().policy(policy).icache(icache).build()) {
            byte[] code = TestCode.add();
            CodeRegion region = arena.install(4096, 16, (view, address) -> {
                MemorySegment.copy(MemorySegment.ofArray(code), 0, view, 0, code.length);
                return code.length;
            });
            assertThat(region.size()).isEqualTo(code.length);
            assertThat(region.bytes()).isEqualTo(code);
            assertThat(icache.flushes()).containsExactly(new CountingICache.Flush(region.address(), code.length));
            assertThat(arena.stats().liveBytes()).isEqualTo(16);
            MethodHandle add = region.handle(TestCode.LONG_LONG_TO_LONG);
            assertThat((long) add.invokeExact(40L, 2L)).isEqualTo(42L);

            CodeRegion next = arena.install(new byte[16]);
            assertThat(next.address()).as("the trimmed tail is reused at once").isEqualTo(region.address() + 16);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aWriterThatReportsAnImpossibleSizeFailsAndFreesTheRegion(WxPolicy policy) {
        try (CodeArena arena = CodeArena.create(policy)) {
            for (long used : new long[] {0, -1, 65}) {
                assertThatThrownBy(() -> arena.install(64, 16, (view, address) -> used))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("a RegionWriter must report between 1 and 64 bytes used, got " + used);
            }
            assertThat(arena.stats().liveRegions()).isZero();
            assertThatThrownBy(() -> arena.install(0, 16, (view, address) -> 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("got 0");
        }
    }
}
