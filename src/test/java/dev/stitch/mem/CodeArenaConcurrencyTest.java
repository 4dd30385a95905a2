package dev.stitch.mem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CodeArenaConcurrencyTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 60;

    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void concurrentInstallsPatchesCallsAndFreesStayCorrect(WxPolicy policy) throws Exception {
        try (CodeArena arena = CodeArena.create(policy)) {
            // A region shared by all threads, called while others install, patch and free around it.
            CodeRegion shared = arena.install(TestCode.add());
            MethodHandle sharedAdd = shared.handle(TestCode.LONG_LONG_TO_LONG);
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch calling = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                Future<Long> caller = pool.submit(() -> {
                    long calls = 0;
                    while (!stop.get()) {
                        long sum = TestCode.call(sharedAdd, calls, 1L);
                        assertThat(sum).isEqualTo(calls + 1);
                        calls++;
                        calling.countDown();
                    }
                    return calls;
                });
                // The workers start once the caller is calling, so that its calls overlap their
                // work however fast that is.
                assertThat(calling.await(1, TimeUnit.MINUTES)).isTrue();
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    workers.add(pool.submit(worker(arena, thread)));
                }
                for (Future<Integer> worker : workers) {
                    assertThat(worker.get(5, TimeUnit.MINUTES)).isEqualTo(ROUNDS);
                }
                stop.set(true);
                assertThat(caller.get(1, TimeUnit.MINUTES)).isPositive();
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertThat(arena.stats().liveRegions()).isEqualTo(1);
        }
    }

    private static Callable<Integer> worker(CodeArena arena, int thread) {
        return () -> {
            for (int round = 0; round < ROUNDS; round++) {
                int value = thread * 1000 + round;
                CodeRegion region = arena.install(TestCode.returnConstant(value));
                MethodHandle handle = region.handle(TestCode.RETURNS_LONG);
                assertThat(TestCode.call(handle)).isEqualTo(value);
                TestCode.Patch patch = TestCode.constantPatch(value + 500);
                region.patch(patch.offset(), patch.bytes());
                assertThat(TestCode.call(handle)).isEqualTo(value + 500);
                region.free();
            }
            return ROUNDS;
        };
    }

    /**
     * One thread keeps calling a region through its handle while another frees it and installs
     * new code in the same place: the caller sees the old code's result or an exception, never
     * the new code.
     */
    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void aHandleNeverRunsCodeInstalledAfterItsRegionWasFreed(WxPolicy policy) throws Exception {
        try (CodeArena arena = CodeArena.create(policy)) {
            CodeRegion old = arena.install(TestCode.returnConstant(1));
            MethodHandle oldHandle = old.handle(TestCode.RETURNS_LONG);
            CountDownLatch calling = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> caller = pool.submit(() -> {
                    long calls = 0;
                    for (;;) {
                        long value;
                        try {
                            value = TestCode.call(oldHandle);
                        } catch (IllegalStateException e) {
                            return "refused after " + calls + " calls: " + e.getMessage();
                        }
                        if (value != 1) {
                            return "ran other code: " + value;
                        }
                        if (++calls == 100) {
                            calling.countDown();
                        }
                    }
                });
                assertThat(calling.await(1, TimeUnit.MINUTES)).isTrue();
                old.free();
                CodeRegion replacement = arena.install(TestCode.returnConstant(2));
                assertThat(replacement.address()).isEqualTo(old.address());
                assertThat(TestCode.callConstant(replacement)).isEqualTo(2L);
                assertThat(caller.get(1, TimeUnit.MINUTES)).startsWith("refused after ")
                        .endsWith(old + " was freed; install the code again to use it");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Native code calls back into Java, which uses the same arena. Calls nest; operations that
     * would wait for the running call, or unmap or unprotect code on the stack, are refused with
     * an exception instead of deadlocking or crashing.
     */
    @ParameterizedTest
    @EnumSource(WxPolicy.class)
    void codeThatCallsBackIntoJavaCanNestCallsButNotFree(WxPolicy policy) throws Throwable {
        try (CodeArena arena = CodeArena.create(policy); Arena upcalls = Arena.ofConfined()) {
            CodeRegion constant = arena.install(TestCode.returnConstant(21));
            MethodHandle constantHandle = constant.handle(TestCode.RETURNS_LONG);
            CodeRegion trampoline = arena.install(TestCode.callPointer());
            CodeRegion victim = arena.install(TestCode.returnConstant(1));

            List<String> seen = new ArrayList<>();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            Runnable callback = () -> {
                try {
                    seen.add("nested call returned " + (long) constantHandle.invokeExact());
                    try {
                        victim.free();
                        seen.add("free succeeded");
                    } catch (IllegalStateException e) {
                        seen.add("free refused: " + e.getMessage());
                    }
                    TestCode.Patch patch = TestCode.constantPatch(2);
                    try {
                        victim.patch(patch.offset(), patch.bytes());
                        seen.add("patch succeeded");
                    } catch (IllegalStateException e) {
                        seen.add("patch refused: " + e.getMessage());
                    }
                } catch (Throwable t) {
                    unexpected.set(t);
                }
            };
            MethodHandle run = MethodHandles.lookup().findVirtual(Runnable.class, "run", MethodType.methodType(void.class))
                    .bindTo(callback);
            MemorySegment stub = Linker.nativeLinker().upcallStub(run, FunctionDescriptor.ofVoid(), upcalls);

            MethodHandle callThrough = trampoline.handle(TestCode.CALLS_POINTER);
            callThrough.invokeExact(stub);

            assertThat(unexpected.get()).isNull();
            assertThat(seen.get(0)).isEqualTo("nested call returned 21");
            assertThat(seen.get(1)).startsWith("free refused: cannot free code while this thread is inside a call"
                    + " into, or a write to, the same arena");
            if (policy == WxPolicy.FLIP) {
                assertThat(seen.get(2)).startsWith("patch refused: cannot write code under WxPolicy.FLIP while")
                        .endsWith("or use WxPolicy.DUAL_MAP, whose writes need no exclusive access");
                assertThat((long) victim.handle(TestCode.RETURNS_LONG).invokeExact()).isEqualTo(1L);
            } else {
                assertThat(seen.get(2)).isEqualTo("patch succeeded");
                assertThat((long) victim.handle(TestCode.RETURNS_LONG).invokeExact()).isEqualTo(2L);
            }
            // Outside the call the same operations work.
            victim.free();
            assertThat(victim.isFreed()).isTrue();
        }
    }
}
