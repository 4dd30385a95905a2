package dev.stitch.mem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeArenaTest {
    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void installedCodeRunsAndReturnsTheRightValue(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion add = arena.install(TestCode.add());
            MethodHandle handle = add.handle(TestCode.LONG_LONG_TO_LONG);
            assertThat((long) handle.invokeExact(40L, 2L)).isEqualTo(42L);
            assertThat((long) handle.invokeExact(-7L, 5L)).isEqualTo(-2L);
            assertThat(add.bytes()).isEqualTo(TestCode.add());
            assertThat(add.size()).isEqualTo(TestCode.add().length);
            assertThat(add.address() % CodeArena.DEFAULT_ALIGNMENT).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void repatchedCodeReturnsTheNewValue(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion region = arena.install(TestCode.returnConstant(7));
            MethodHandle handle = region.handle(TestCode.RETURNS_LONG);
            assertThat((long) handle.invokeExact()).isEqualTo(7L);
            for (int value : new int[] {1234, 65535, 0}) {
                TestCode.Patch patch = TestCode.constantPatch(value);
                region.patch(patch.offset(), patch.bytes());
                assertThat((long) handle.invokeExact()).isEqualTo(value);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = WxPolicy.class, names = {"FLIP", "DUAL_MAP"})
    void noMappingOfTheArenaIsWritableAndExecutable(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            List<CodeRegion> regions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                regions.add(arena.install(TestCode.returnConstant(i)));
            }
            TestCode.Patch patch = TestCode.constantPatch(99);
            regions.get(3).patch(patch.offset(), patch.bytes());
            assertThat(TestCode.callConstant(regions.get(3))).isEqualTo(99);

            ProcMaps maps = ProcMaps.read();
            for (CodeRegion region : regions) {
                assertThat(maps.containing(region.address()).perms()).startsWith("r-x");
            }
            // Every mapping the arena made (both views, under DUAL_MAP) is W or X, never both.
            for (ProcMaps.Mapping mapping : maps.mappings()) {
                boolean ours = mapping.path().contains("stitch-code")
                        || regions.stream().anyMatch(r -> mapping.contains(r.address()));
                if (ours) {
                    assertThat(mapping.writable() && mapping.executable())
                            .as("W^X violated by %s %s", mapping.perms(), mapping.path()).isFalse();
                }
            }
            if (policy == WxPolicy.DUAL_MAP) {
                assertThat(maps.mappings()).filteredOn(m -> m.path().contains("stitch-code"))
                        .extracting(ProcMaps.Mapping::perms)
                        .anyMatch(p -> p.startsWith("rw-")).anyMatch(p -> p.startsWith("r-x"));
            }
        }
    }

    @Test
    void rwxIsWritableAndExecutableAsRequested() {
        try (CodeArena arena = CodeArena.create(WxPolicy.RWX)) {
            CodeRegion region = arena.install(TestCode.add());
            assertThat(ProcMaps.read().containing(region.address()).perms()).startsWith("rwx");
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void everyInstallAndPatchFlushesExactlyTheBytesWritten(WxPolicy policy) {
        CountingICache icache = new CountingICache();
        try (CodeArena arena = CodeArena.builder().policy(policy).icache(icache).build()) {
            CodeRegion region = arena.install(64, view -> view.copyFrom(MemorySegment.ofArray(TestCode.returnConstant(5))));
            assertThat(icache.flushes()).containsExactly(new CountingICache.Flush(region.address(), 64));

            icache.clear();
            TestCode.Patch patch = TestCode.constantPatch(6);
            region.patch(patch.offset(), patch.bytes());
            assertThat(icache.flushes()).containsExactly(
                    new CountingICache.Flush(region.address() + patch.offset(), patch.bytes().length));

            icache.clear();
            region.write(40, 16, view -> view.fill((byte) 0));
            assertThat(icache.flushes()).containsExactly(new CountingICache.Flush(region.address() + 40, 16));

            icache.clear();
            CodeRegion copied = arena.install(MemorySegment.ofArray(TestCode.add()));
            assertThat(icache.flushes()).containsExactly(new CountingICache.Flush(copied.address(), TestCode.add().length));

            icache.clear();
            assertThatThrownBy(() -> region.write(0, 8, view -> {
                view.set(JAVA_BYTE, 0, (byte) 0);
                throw new IllegalStateException("writer failed");
            })).hasMessage("writer failed");
            assertThat(icache.flushes()).as("a failed write is flushed too")
                    .containsExactly(new CountingICache.Flush(region.address(), 8));
        }
    }

    /**
     * Inside a write callback the arena refuses what would break the write: under FLIP anything
     * that would re-protect or unmap the pages being written, or run code from them; under every
     * policy freeing and closing, which would wait for the write itself.
     */
    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void insideAWriteCallbackTheArenaRefusesWhatWouldBreakTheWrite(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion neighbour = arena.install(TestCode.returnConstant(5));
            CodeRegion region = arena.install(TestCode.returnConstant(6));
            TestCode.Patch patch = TestCode.constantPatch(7);
            TestCode.Patch neighbourPatch = TestCode.constantPatch(8);
            Map<String, String> outcomes = new LinkedHashMap<>();
            AtomicReference<String> permsWhileWriting = new AtomicReference<>();
            region.write(patch.offset(), patch.bytes().length, view -> {
                outcomes.put("free", outcome(neighbour::free));
                outcomes.put("close", outcome(arena::close));
                outcomes.put("patch", outcome(() -> neighbour.patch(neighbourPatch.offset(), neighbourPatch.bytes())));
                outcomes.put("install", outcome(() -> arena.install(TestCode.add())));
                outcomes.put("bytes", outcome(neighbour::bytes));
                permsWhileWriting.set(ProcMaps.read().containing(region.address()).perms());
                view.copyFrom(MemorySegment.ofArray(patch.bytes()));
            });
            assertThat(outcomes.get("free")).startsWith(policy == WxPolicy.FLIP
                    ? "cannot free code inside a write callback of the same arena"
                    : "cannot free code while this thread is inside a call into, or a write to, the same arena");
            assertThat(outcomes.get("close")).startsWith("cannot close the arena ");
            if (policy == WxPolicy.FLIP) {
                assertThat(permsWhileWriting.get()).startsWith("rw-");
                assertThat(outcomes.get("patch")).startsWith("cannot write code under WxPolicy.FLIP inside a write callback");
                assertThat(outcomes.get("install")).startsWith("cannot install code under WxPolicy.FLIP inside a write callback");
                assertThat(outcomes.get("bytes")).startsWith("cannot call or read code of this arena inside a write callback");
                assertThat(TestCode.callConstant(neighbour)).isEqualTo(5L);
            } else {
                assertThat(permsWhileWriting.get()).startsWith(policy == WxPolicy.RWX ? "rwx" : "r-x");
                assertThat(outcomes).containsEntry("patch", "ok").containsEntry("install", "ok").containsEntry("bytes", "ok");
                assertThat(TestCode.callConstant(neighbour)).isEqualTo(8L);
            }
            assertThat(TestCode.callConstant(region)).isEqualTo(7L);
            assertThat(ProcMaps.read().containing(region.address()).perms()).startsWith(
                    policy == WxPolicy.RWX ? "rwx" : "r-x");
            assertThat(arena.isClosed()).isFalse();
        }
    }

    private static String outcome(Runnable action) {
        try {
            action.run();
            return "ok";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void badSizesAndAlignmentsAreRefused(WxPolicy policy) {
        try (CodeArena arena = CodeArena.create(policy)) {
            assertThatThrownBy(() -> arena.install(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("code size must be between 1 and 1073741824 bytes, got 0");
            assertThatThrownBy(() -> arena.install(-5, view -> {})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageEndingWith("got -5");
            assertThatThrownBy(() -> arena.install(CodeArena.MAX_REGION_BYTES + 1, view -> {}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("got 1073741825");
            assertThatThrownBy(() -> arena.install(16, 24, view -> {})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("alignment must be a power of two from 1 to the page size (" + Posix.pageSize()
                            + "), got 24");
            CodeRegion region = arena.install(TestCode.add());
            assertThatThrownBy(() -> region.patch(region.size() - 1, new byte[2]))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("cannot write 2 bytes at offset " + (region.size() - 1));
            assertThatThrownBy(() -> region.write(-1, 1, view -> {})).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(arena.stats().liveRegions()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void freedCodeCannotBeUsedOrFreedAgain(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion region = arena.install(TestCode.returnConstant(3));
            MethodHandle handle = region.handle(TestCode.RETURNS_LONG);
            assertThat((long) handle.invokeExact()).isEqualTo(3L);
            region.free();
            assertThat(region.isFreed()).isTrue();
            // The space is reused at once, so running the old handle would run other code.
            CodeRegion reuse = arena.install(TestCode.returnConstant(4));
            assertThat(reuse.address()).isEqualTo(region.address());

            String freed = region + " was freed; install the code again to use it";
            assertThatThrownBy(() -> {
                long ignored = (long) handle.invokeExact();
            }).isInstanceOf(IllegalStateException.class).hasMessage(freed);
            assertThatThrownBy(region::free).isInstanceOf(IllegalStateException.class).hasMessage(freed);
            assertThatThrownBy(() -> region.handle(TestCode.RETURNS_LONG)).hasMessage(freed);
            assertThatThrownBy(() -> region.patch(0, new byte[1])).hasMessage(freed);
            assertThatThrownBy(region::bytes).hasMessage(freed);
            assertThat(TestCode.callConstant(reuse)).isEqualTo(4L);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aWritableViewKeptPastItsWriteIsClosed(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            AtomicReference<MemorySegment> leaked = new AtomicReference<>();
            byte[] code = TestCode.returnConstant(11);
            CodeRegion region = arena.install(code.length, view -> {
                view.copyFrom(MemorySegment.ofArray(code));
                leaked.set(view);
            });
            assertThatThrownBy(() -> leaked.get().set(JAVA_BYTE, 0, (byte) 0xff))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(TestCode.callConstant(region)).isEqualTo(11L);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aFailingWriterLeavesNothingInstalled(WxPolicy policy) {
        try (CodeArena arena = CodeArena.create(policy)) {
            assertThatThrownBy(() -> arena.install(32, view -> {
                throw new IllegalArgumentException("cannot encode");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("cannot encode");
            assertThat(arena.stats().liveRegions()).isZero();
            assertThat(arena.stats().liveBytes()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aClosedArenaRefusesEverything(WxPolicy policy) throws Throwable {
        CodeArena arena = CodeArena.create(policy);
        CodeRegion region = arena.install(TestCode.returnConstant(1));
        MethodHandle handle = region.handle(TestCode.RETURNS_LONG);
        arena.close();
        arena.close();
        assertThat(arena.isClosed()).isTrue();
        assertThat(region.isFreed()).isTrue();
        assertThat(arena.stats().mappings()).isZero();
        assertThatThrownBy(() -> {
            long ignored = (long) handle.invokeExact();
        }).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("belongs to a closed CodeArena");
        assertThatThrownBy(() -> arena.install(TestCode.add())).isInstanceOf(IllegalStateException.class)
                .hasMessage("this CodeArena is closed");
        assertThatThrownBy(region::free).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void smallInstallsSharePagesAndFreeingMakesRoom(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy)) {
            int count = 200;
            List<CodeRegion> regions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                regions.add(arena.install(TestCode.returnConstant(i)));
            }
            Set<Long> pages = new HashSet<>();
            for (int i = 0; i < count; i++) {
                CodeRegion region = regions.get(i);
                pages.add(region.address() / Posix.pageSize());
                pages.add((region.address() + region.size() - 1) / Posix.pageSize());
                assertThat(TestCode.callConstant(region)).isEqualTo(i);
            }
            long packed = (count * CodeArena.DEFAULT_ALIGNMENT + Posix.pageSize() - 1) / Posix.pageSize();
            assertThat(pages).hasSizeLessThanOrEqualTo((int) packed);
            assertThat(arena.stats().mappings()).isEqualTo(1);
            assertThat(arena.stats().liveBytes()).isEqualTo(count * CodeArena.DEFAULT_ALIGNMENT);

            Set<Long> addresses = new HashSet<>();
            for (CodeRegion region : regions) {
                addresses.add(region.address());
                region.free();
            }
            ArenaStats empty = arena.stats();
            assertThat(empty.liveRegions()).isZero();
            for (int i = 0; i < count; i++) {
                CodeRegion again = arena.install(TestCode.returnConstant(i + 1000));
                assertThat(addresses).contains(again.address());
                assertThat(TestCode.callConstant(again)).isEqualTo(i + 1000);
            }
            assertThat(arena.stats().mappedBytes()).isEqualTo(empty.mappedBytes());
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void largeRegionsGetTheirOwnMappingAndGiveItBack(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.builder().policy(policy).chunkBytes(4096).build()) {
            CodeRegion small = arena.install(TestCode.returnConstant(1));
            long size = 3 * Posix.pageSize() + 100;
            byte[] code = TestCode.returnConstant(2);
            CodeRegion large = arena.install(size, view -> view.copyFrom(MemorySegment.ofArray(code)));
            assertThat(arena.stats().mappings()).isEqualTo(2);
            assertThat(TestCode.callConstant(large)).isEqualTo(2L);
            assertThat(large.bytes()).hasSize((int) size);
            large.free();
            assertThat(arena.stats().mappings()).isEqualTo(1);
            assertThat(ProcMaps.read().overlapping(large.address(), size)).noneMatch(m -> m.contains(large.address())
                    && m.executable());
            assertThat(TestCode.callConstant(small)).isEqualTo(1L);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void alignmentIsHonoured(WxPolicy policy) {
        try (CodeArena arena = CodeArena.create(policy)) {
            arena.install(TestCode.add());
            CodeRegion aligned = arena.install(16, 256, view -> view.copyFrom(MemorySegment.ofArray(TestCode.add())));
            assertThat(aligned.address() % 256).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void oneSharedInvokerCallsAnyRegionAtAnyEntryAndRefusesFreedCode(WxPolicy policy) throws Throwable {
        MethodHandle invoker = CodeRegion.invoker(TestCode.RETURNS_LONG);
        assertThat(CodeRegion.invoker(TestCode.RETURNS_LONG)).isSameAs(invoker);
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion five = arena.install(TestCode.returnConstant(5));
            CodeRegion six = arena.install(TestCode.returnConstant(6));
            assertThat((long) invoker.invokeExact(five, 0L)).isEqualTo(5L);
            assertThat((long) invoker.invokeExact(six, 0L)).isEqualTo(6L);
            assertThatThrownBy(() -> {
                long ignored = (long) invoker.invokeExact(six, six.size());
            }).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("entry offset " + six.size() + " is outside the region; allowed 0.." + (six.size() - 1));
            five.free();
            assertThatThrownBy(() -> {
                long ignored = (long) invoker.invokeExact(five, 0L);
            }).isInstanceOf(IllegalStateException.class).hasMessage(five + " was freed; install the code again to use it");
            assertThat((long) invoker.invokeExact(six, 0L)).isEqualTo(6L);
        }
    }

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aClosedArenasChunkServesTheNextArenaAndItsOldRegionsStayDead(WxPolicy policy) throws Throwable {
        CodeRegion old;
        try (CodeArena first = CodeArena.create(policy)) {
            old = first.install(TestCode.returnConstant(1));
        }
        Set<Long> reused = new HashSet<>();
        for (int i = 0; i < Chunk.POOLED + 1; i++) {
            try (CodeArena next = CodeArena.create(policy)) {
                CodeRegion region = next.install(TestCode.returnConstant(2));
                reused.add(region.address());
                assertThat(TestCode.callConstant(region)).isEqualTo(2L);
                assertThatThrownBy(() -> TestCode.callConstant(old)).isInstanceOf(IllegalStateException.class);
            }
        }
        // Tests run one at a time: arena after arena takes the chunk the last one gave back.
        assertThat(reused).hasSize(1);
    }
}
