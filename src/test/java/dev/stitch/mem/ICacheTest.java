package dev.stitch.mem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ICacheTest {
    @Test
    void theHostFlusherMatchesTheArchitecture() {
        ICache host = ICache.host();
        switch (Architecture.host()) {
            case AARCH64 -> assertThat(host.description()).startsWith("__clear_cache from libgcc_s.so.1");
            case X86_64 -> assertThat(host).isSameAs(ICache.coherent());
        }
    }

    @Test
    void theHostFlusherFlushesInstalledCodeThatThenRuns() throws Throwable {
        try (CodeArena arena = CodeArena.create(WxPolicy.RWX)) {
            CodeRegion region = arena.install(TestCode.returnConstant(77));
            ICache.host().flush(region.address(), region.size());
            assertThat((long) region.handle(TestCode.RETURNS_LONG).invokeExact()).isEqualTo(77L);
        }
    }

    @Test
    void theArenaUsesTheHostFlusherUnlessGivenAnother() {
        try (CodeArena arena = CodeArena.create()) {
            assertThat(arena.icache().description()).isEqualTo(ICache.host().description());
            assertThat(arena.policy()).isEqualTo(WxPolicy.FLIP);
        }
    }
}
