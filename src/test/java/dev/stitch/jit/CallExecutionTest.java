package dev.stitch.jit;

import dev.stitch.a64.A64Assembler;
import dev.stitch.x64.Mem;
import dev.stitch.x64.X64Assembler;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.ICache;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static dev.stitch.a64.Registers.X0;
import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RCX;
import static dev.stitch.x64.Registers.RDI;
import static dev.stitch.x64.Registers.RDX;
import static dev.stitch.x64.Registers.RSI;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.X2;
import static dev.stitch.a64.Registers.X3;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls out of traces, run for real: C library functions, native functions installed with the host's
 * assembler (near the trace on purpose, or far from it on purpose), and Java methods through
 * upcall stubs, with 0..4 arguments, under every {@link CallStrategy}; how calls are routed
 * (directly or through per-trace trampolines); and what happens when a Java method throws.
 */
class CallExecutionTest {
    private static final long BRANCH_REACH = 128L << 20;

    /**
     * A fresh arena per test, holding the native test functions and then the test's traces: a
     * trace lands in the same 64 KiB chunk as the functions, within a bl's reach of them.
     */
    private CodeArena arena;
    private long near2;
    private long near3;
    private long near4;
    /** The four-argument function again, mapped on purpose more than 1 GiB away from the arena. */
    private FarCode far4;

    /** What the upcalls were called with, in order. */
    static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
    static long voidSum;

    @BeforeEach
    void install() {
        CALLS.clear();
        voidSum = 0;
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
        near2 = arena.install(function(2)).address();
        near3 = arena.install(function(3)).address();
        near4 = arena.install(function(4)).address();
        far4 = FarCode.map(function(4), near4);
    }

    @AfterEach
    void release() {
        if (far4 != null) {
            far4.close();
        }
        if (arena != null) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Native functions

    /** {@code x0 - x1*2 + x2*3 - x3*4}, over the first {@code arity} (2..4) arguments. */
    static long expected(long... args) {
        long r = args[0] - args[1] * 2;
        if (args.length > 2) {
            r += args[2] * 3;
        }
        if (args.length > 3) {
            r -= args[3] * 4;
        }
        return r;
    }

    /** This JVM's machine code of {@link #expected} for {@code arity} arguments. */
    static byte[] function(int arity) {
        if (Architecture.host() == Architecture.X86_64) {
            X64Assembler asm = new X64Assembler();
            asm.mov(RAX, RDI).sub(RAX, RSI).sub(RAX, RSI);
            if (arity >= 3) {
                asm.lea(RDX, Mem.of(RDX, RDX, 2, 0)).add(RAX, RDX);
            }
            if (arity >= 4) {
                asm.shl(RCX, 2).sub(RAX, RCX);
            }
            return asm.ret().finish();
        }
        A64Assembler asm = new A64Assembler();
        asm.sub(X0, X0, X1, dev.stitch.a64.Shift.LSL, 1);
        if (arity >= 3) {
            asm.add(X2, X2, X2, dev.stitch.a64.Shift.LSL, 1).add(X0, X0, X2);
        }
        if (arity >= 4) {
            asm.sub(X0, X0, X3, dev.stitch.a64.Shift.LSL, 2);
        }
        asm.ret();
        return asm.finish().toByteArray();
    }

    /**
     * Code in a private mapping placed at least 2 GiB away from an address (3 GiB on x86-64), so
     * that no bl (±128 MiB) and no call rel32 (±2 GiB) reaches it.
     */
    static final class FarCode implements AutoCloseable {
        private static final Linker LINKER = Linker.nativeLinker();
        private static final MethodHandle MMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("mmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        private static final MethodHandle MPROTECT = LINKER.downcallHandle(
                LINKER.defaultLookup().find("mprotect").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        private static final MethodHandle MUNMAP = LINKER.downcallHandle(LINKER.defaultLookup().find("munmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG));
        private static final int PROT_READ = 1;
        private static final int PROT_WRITE = 2;
        private static final int PROT_EXEC = 4;
        private static final int MAP_PRIVATE = 2;
        private static final int MAP_ANONYMOUS = 0x20;

        final long address;
        private final long size;

        private FarCode(long address, long size) {
            this.address = address;
            this.size = size;
        }

        static FarCode map(byte[] code, long awayFrom) {
            long page = CodeArena.pageSize();
            long size = (code.length + page - 1) / page * page;
            try {
                for (long gib : new long[] {-4, 4, -8, 8, -2, 2, -16, 16, -64, 64}) {
                    long hint = (awayFrom + (gib << 30)) & -page;
                    if (hint <= 0) {
                        continue;
                    }
                    long at = (long) MMAP.invokeExact(hint, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0L);
                    if (at == -1) {
                        continue;
                    }
                    if (Math.abs(at - awayFrom) < (Architecture.host() == Architecture.X86_64 ? 3L << 30 : 16 * BRANCH_REACH)) {
                        int unmapped = (int) MUNMAP.invokeExact(at, size);
                        continue;
                    }
                    MemorySegment.ofAddress(at).reinterpret(size).copyFrom(MemorySegment.ofArray(code));
                    if ((int) MPROTECT.invokeExact(at, size, PROT_READ | PROT_EXEC) != 0) {
                        throw new IllegalStateException("mprotect failed");
                    }
                    ICache.host().flush(at, code.length);
                    return new FarCode(at, size);
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            throw new IllegalStateException("could not map code far from 0x" + Long.toHexString(awayFrom));
        }

        @Override
        public void close() {
            try {
                int unmapped = (int) MUNMAP.invokeExact(address, size);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Java upcalls

    static long zero() {
        CALLS.add("zero()");
        return 0x1234_5678_9ABC_DEF0L;
    }

    static int narrow(long a) {
        CALLS.add("narrow(" + a + ")");
        return (int) a;
    }

    static void accumulate(long a, long b) {
        CALLS.add("accumulate(" + a + ", " + b + ")");
        voidSum += a * b;
    }

    static long digits(long a, long b, long c) {
        CALLS.add("digits(" + a + ", " + b + ", " + c + ")");
        return a * 100 + b * 10 + c;
    }

    static long four(long a, long b, long c, long d) {
        CALLS.add("four(" + a + ", " + b + ", " + c + ", " + d + ")");
        return expected(a, b, c, d);
    }

    static void tick() {
        CALLS.add("tick()");
    }

    /** Throws for a negative argument. */
    static long boom(long a) {
        CALLS.add("boom(" + a + ")");
        if (a < 0) {
            throw new ArithmeticException("boom " + a);
        }
        return a + 1;
    }

    static int boomInt(long a) {
        CALLS.add("boomInt(" + a + ")");
        if (a < 0) {
            throw new IllegalStateException("boomInt " + a);
        }
        return (int) a * 2;
    }

    static void boomVoid(long a) {
        CALLS.add("boomVoid(" + a + ")");
        if (a < 0) {
            throw new AssertionError("boomVoid " + a);
        }
    }

    private static MethodHandle method(String name, Class<?> returns, int longs) {
        Class<?>[] parameters = new Class<?>[longs];
        java.util.Arrays.fill(parameters, long.class);
        try {
            return MethodHandles.lookup().findStatic(CallExecutionTest.class, name, MethodType.methodType(returns, parameters));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** A table with every kind of symbol the tests call. */
    private SymbolTable symbols() {
        SymbolTable symbols = new SymbolTable();
        symbols.libc("getpid", 0, CallResult.INT);
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.libc("abs", 1, CallResult.INT);
        symbols.address("near2", near2, 2, CallResult.LONG);
        symbols.address("near3", near3, 3, CallResult.LONG);
        symbols.address("near4", near4, 4, CallResult.LONG);
        symbols.address("far4", far4.address, 4, CallResult.LONG);
        symbols.upcall("zero", method("zero", long.class, 0));
        symbols.upcall("narrow", method("narrow", int.class, 1));
        symbols.upcall("accumulate", method("accumulate", void.class, 2));
        symbols.upcall("digits", method("digits", long.class, 3));
        symbols.upcall("four", method("four", long.class, 4));
        symbols.upcall("tick", method("tick", void.class, 0));
        symbols.upcall("boom", method("boom", long.class, 1));
        symbols.upcall("boomInt", method("boomInt", int.class, 1));
        symbols.upcall("boomVoid", method("boomVoid", void.class, 1));
        return symbols;
    }

    private static int callSites(Trace trace) {
        return (int) trace.uops().stream().filter(u -> u.uop() == Uop.CALL).count();
    }

    private static Set<Symbol> distinctSymbols(Trace trace) {
        Set<Symbol> distinct = new LinkedHashSet<>();
        trace.uops().stream().filter(u -> u.uop() == Uop.CALL).forEach(u -> distinct.add(u.symbol()));
        return distinct;
    }

    /** True if a direct call from anywhere in the trace reaches {@code target} (bl ±128 MiB, call rel32 ±2 GiB). */
    private static boolean reaches(CompiledTrace compiled, long target) {
        long reach = compiled.architecture() == Architecture.AARCH64 ? BRANCH_REACH : (1L << 31) - 64;
        long first = compiled.address();
        long last = compiled.address() + compiled.size() - 4;
        return Math.abs(target - first) < reach && Math.abs(target - last) < reach;
    }

    private static long[] locals(Frame frame) {
        long[] values = new long[frame.localCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = frame.local(i);
        }
        return values;
    }

    // ---------------------------------------------------------------------------------------------
    // Calls with 0..4 arguments

    /** Locals 0..3 are inputs; the results go to locals 4 and up. */
    private static Trace everyKindOfCall(SymbolTable symbols) {
        return Trace.builder("every call", symbols).enter()
                .call("getpid", 0).store(4)
                .load(0).call("labs", 1).store(5)
                .load(0).call("abs", 1).store(6)
                .load(0).load(1).call("near2", 2).store(7)
                .load(0).load(1).load(2).call("near3", 3).store(8)
                .load(0).load(1).load(2).load(3).call("near4", 4).store(9)
                .load(0).load(1).load(2).load(3).call("far4", 4).store(10)
                .call("zero", 0).store(11)
                .load(3).call("narrow", 1).store(12)
                .load(1).load(2).call("accumulate", 2)
                .load(1).load(2).load(3).call("digits", 3).store(13)
                .load(0).load(1).load(2).load(3).call("four", 4).store(14)
                .call("tick", 0)
                .exit(3).build();
    }

    @Test
    void callsWithZeroToFourArgumentsReturnTheRightValuesUnderEveryStrategy() {
        long[][] inputs = {
                {-123_456_789_012L, 7, -9, 0xFFFF_FFFF_8000_0005L},
                {5, -3, 4, 0x7FFF_FFFFL},
                {0xFFFF_FFFF_0000_0007L, Long.MAX_VALUE, Long.MIN_VALUE, -1},
        };
        long pid = ProcessHandle.current().pid();
        List<List<Object>> outcomes = new ArrayList<>();
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(15, 8)) {
            Trace trace = everyKindOfCall(symbols);
            assertThat(trace.callsJava()).isTrue();
            for (CallStrategy strategy : CallStrategy.values()) {
                CompiledTrace compiled = new TraceCompiler(strategy).compile(trace, arena);
                List<Object> outcome = new ArrayList<>();
                for (long[] in : inputs) {
                    CALLS.clear();
                    voidSum = 0;
                    for (int i = 0; i < 4; i++) {
                        frame.setLocal(i, in[i]);
                    }
                    frame.push(-77);
                    assertThat(compiled.invoke(frame)).isEqualTo(3);
                    long[] l = locals(frame);
                    assertThat(l[4]).as("getpid under %s", strategy).isEqualTo(pid);
                    assertThat(l[5]).isEqualTo(Math.abs(in[0]));
                    assertThat(l[6]).as("abs reads the low 32 bits, its int result is sign-extended")
                            .isEqualTo(Math.abs((int) in[0]));
                    assertThat(l[7]).isEqualTo(expected(in[0], in[1]));
                    assertThat(l[8]).isEqualTo(expected(in[0], in[1], in[2]));
                    assertThat(l[9]).isEqualTo(expected(in[0], in[1], in[2], in[3]));
                    assertThat(l[10]).isEqualTo(expected(in[0], in[1], in[2], in[3]));
                    assertThat(l[11]).isEqualTo(0x1234_5678_9ABC_DEF0L);
                    assertThat(l[12]).as("an int upcall result is sign-extended").isEqualTo((int) in[3]);
                    assertThat(l[13]).isEqualTo(in[1] * 100 + in[2] * 10 + in[3]);
                    assertThat(l[14]).isEqualTo(expected(in[0], in[1], in[2], in[3]));
                    assertThat(voidSum).isEqualTo(in[1] * in[2]);
                    assertThat(CALLS).containsExactly("zero()", "narrow(" + in[3] + ")",
                            "accumulate(" + in[1] + ", " + in[2] + ")",
                            "digits(" + in[1] + ", " + in[2] + ", " + in[3] + ")",
                            "four(" + in[0] + ", " + in[1] + ", " + in[2] + ", " + in[3] + ")", "tick()");
                    assertThat(frame.stack()).as("calls pop their arguments and push one result").containsExactly(-77);
                    frame.clearStack();
                    outcome.add(List.of(l, List.copyOf(CALLS), voidSum));
                }
                outcomes.add(outcome);
            }
        }
        // Identical under all five strategies (arrays compared by content).
        for (List<Object> outcome : outcomes) {
            assertThat(outcome).usingRecursiveComparison().isEqualTo(outcomes.get(0));
        }
    }

    @Test
    void aTraceWithoutUpcallsRunsAsACriticalDowncallAndOneWithUpcallsDoesNot() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(1, 4)) {
            Trace nativeOnly = Trace.builder("native only", symbols).enter()
                    .load(0).call("labs", 1).call("getpid", 0).add(Uop.DROP).store(0).exit(0).build();
            Trace withJava = Trace.builder("with java", symbols).enter()
                    .load(0).call("labs", 1).call("narrow", 1).store(0).exit(0).build();
            assertThat(nativeOnly.callsJava()).isFalse();
            assertThat(withJava.callsJava()).isTrue();
            for (CallStrategy strategy : CallStrategy.values()) {
                TraceCompiler compiler = new TraceCompiler(strategy);
                CompiledTrace critical = compiler.compile(nativeOnly, arena);
                CompiledTrace upcalling = compiler.compile(withJava, arena);
                for (int i = 0; i < 50; i++) {
                    frame.setLocal(0, -i);
                    assertThat(critical.invoke(frame)).isZero();
                    assertThat(frame.local(0)).isEqualTo(i);
                    frame.setLocal(0, -0x1_0000_0000L - i);
                    assertThat(upcalling.invoke(frame)).isZero();
                    assertThat(frame.local(0)).isEqualTo(i);
                }
            }
            assertThat(CALLS).hasSize(50 * CallStrategy.values().length);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Routing: direct calls and trampolines

    @Test
    void perTraceAlwaysRoutesEveryCallThroughOneTrampolinePerDistinctSymbol() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(15, 8)) {
            Trace trace = everyKindOfCall(symbols);
            CompiledTrace compiled = new TraceCompiler(CallStrategy.PER_TRACE_ALWAYS).compile(trace, arena);
            TraceStats stats = compiled.stats();
            assertThat(stats.trampolinedCalls()).isEqualTo(callSites(trace)).isEqualTo(13);
            assertThat(stats.directCalls()).isZero();
            assertThat(stats.trampolines()).isEqualTo(distinctSymbols(trace).size()).isEqualTo(13);
            assertThat(stats.trampolineBytes()).isEqualTo(16 * 13);
            assertThat(stats.stencilTrampolines()).isZero();
            frame.setLocal(0, -5).setLocal(1, 1).setLocal(2, 2).setLocal(3, 3);
            assertThat(compiled.invoke(frame)).isEqualTo(3);
            assertThat(frame.local(9)).isEqualTo(expected(-5, 1, 2, 3));
            assertThat(frame.local(10)).isEqualTo(expected(-5, 1, 2, 3));
        }
    }

    @Test
    void manyCallSitesShareOneTrampolinePerSymbol() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(1, 8)) {
            // local0 = far4(near2(labs(x), 1), ...) repeated: 10 labs, 5 near2, 5 far4, 5 tick.
            Trace.Builder b = Trace.builder("many", symbols).enter().load(0);
            for (int i = 0; i < 5; i++) {
                b.call("labs", 1).call("labs", 1).constant(1).call("near2", 2)
                        .constant(i).constant(0).constant(0).call("far4", 4).call("tick", 0);
            }
            Trace trace = b.store(0).exit(0).build();
            long x = -1000;
            long expected = x;
            for (int i = 0; i < 5; i++) {
                expected = expected(expected(Math.abs(expected), 1), i, 0, 0);
            }
            for (CallStrategy strategy : CallStrategy.values()) {
                CompiledTrace compiled = new TraceCompiler(strategy).compile(trace, arena);
                TraceStats stats = compiled.stats();
                switch (strategy) {
                    case PER_TRACE_ALWAYS -> {
                        assertThat(stats.trampolines()).isEqualTo(4);
                        assertThat(stats.trampolinedCalls()).isEqualTo(25);
                        assertThat(stats.directCalls()).isZero();
                    }
                    case PER_TRACE -> {
                        // near2 is in the arena: direct. far4 is far: a trampoline, shared by its 5 sites.
                        // labs and the upcall stub are wherever the C library and the JVM put them.
                        assertThat(reaches(compiled, near2)).isTrue();
                        assertThat(reaches(compiled, far4.address)).isFalse();
                        int expectedTrampolines = 1;
                        int expectedTrampolined = 5;
                        Symbol labs = symbols.get("labs");
                        Symbol tick = symbols.get("tick");
                        if (!reaches(compiled, labs.address())) {
                            expectedTrampolines++;
                            expectedTrampolined += 10;
                        }
                        if (!reaches(compiled, tick.address())) {
                            expectedTrampolines++;
                            expectedTrampolined += 5;
                        }
                        assertThat(stats.trampolines()).isEqualTo(expectedTrampolines);
                        assertThat(stats.trampolinedCalls()).isEqualTo(expectedTrampolined);
                        assertThat(stats.directCalls()).isEqualTo(25 - expectedTrampolined);
                    }
                    default -> {
                        assertThat(stats.trampolines()).isZero();
                        assertThat(stats.stencilTrampolines())
                                .isEqualTo(strategy.carriesTrampoline(compiled.architecture()) ? 25 : 0);
                    }
                }
                CALLS.clear();
                frame.clearStack();
                frame.setLocal(0, x);
                assertThat(compiled.invoke(frame)).isZero();
                assertThat(frame.local(0)).as("under %s", strategy).isEqualTo(expected);
                assertThat(CALLS).hasSize(5);
                assertThat(frame.depth()).isZero();
            }
        }
    }

    @Test
    void aSymbolInTheSameArenaIsCalledDirectlyUnderPerTrace() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(4, 8)) {
            Trace trace = Trace.builder("near", symbols).enter()
                    .load(0).load(1).call("near2", 2)
                    .load(0).load(1).load(2).call("near3", 3)
                    .load(0).load(1).load(2).load(3).call("near4", 4)
                    .exit(0).build();
            CompiledTrace compiled = new TraceCompiler(CallStrategy.PER_TRACE).compile(trace, arena);
            assertThat(reaches(compiled, near2) && reaches(compiled, near3) && reaches(compiled, near4))
                    .as("the functions were installed in the trace's arena, within a bl's reach").isTrue();
            TraceStats stats = compiled.stats();
            assertThat(stats.directCalls()).isEqualTo(3);
            assertThat(stats.trampolinedCalls()).isZero();
            assertThat(stats.trampolines()).isZero();
            assertThat(stats.trampolineBytes()).isZero();
            frame.setLocal(0, 100).setLocal(1, 10).setLocal(2, -1).setLocal(3, 1000);
            assertThat(compiled.invoke(frame)).isZero();
            assertThat(frame.stack()).containsExactly(expected(100, 10), expected(100, 10, -1),
                    expected(100, 10, -1, 1000));
        }
    }

    @Test
    void aFarSymbolGetsATrampolineUnderPerTraceAndANearOneDoesNot() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(4, 8)) {
            Trace trace = Trace.builder("far and near", symbols).enter()
                    .load(0).load(1).load(2).load(3).call("far4", 4)
                    .load(0).load(1).load(2).load(3).call("near4", 4)
                    .load(0).call("labs", 1)
                    .exit(0).build();
            CompiledTrace compiled = new TraceCompiler(CallStrategy.PER_TRACE).compile(trace, arena);
            assertThat(reaches(compiled, far4.address)).isFalse();
            assertThat(reaches(compiled, near4)).isTrue();
            boolean labsNear = reaches(compiled, symbols.get("labs").address());
            TraceStats stats = compiled.stats();
            assertThat(stats.trampolines()).isEqualTo(labsNear ? 1 : 2);
            assertThat(stats.trampolinedCalls()).isEqualTo(labsNear ? 1 : 2);
            assertThat(stats.directCalls()).isEqualTo(labsNear ? 2 : 1);
            frame.setLocal(0, -9).setLocal(1, 8).setLocal(2, 7).setLocal(3, 6);
            assertThat(compiled.invoke(frame)).isZero();
            assertThat(frame.stack()).containsExactly(expected(-9, 8, 7, 6), expected(-9, 8, 7, 6), 9);
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aFarLibcSymbolGetsATrampolineWhenTheTraceIsPlacedFarFromIt(Architecture arch) {
        // Compile-only, on every host: place the trace out of a direct call's reach from labs, then right next to it.
        try (SymbolTable symbols = new SymbolTable()) {
            Symbol labs = symbols.libc("labs", 1, CallResult.LONG);
            Trace trace = Trace.builder("labs", symbols).enter().constant(-3).call("labs", 1)
                    .constant(-4).call("labs", 1).add(Uop.ADD).exit(0).build();
            long farBase = (labs.address() - (arch == Architecture.AARCH64 ? 1L << 30 : 3L << 30)) & -16;
            TraceStats far = new TraceCompiler(arch, CallStrategy.PER_TRACE).compileAt(trace, farBase).stats();
            assertThat(far.trampolines()).isEqualTo(1);
            assertThat(far.trampolinedCalls()).isEqualTo(2);
            assertThat(far.directCalls()).isZero();
            long nearBase = (labs.address() - (1L << 20)) & -16;
            TraceStats near = new TraceCompiler(arch, CallStrategy.PER_TRACE).compileAt(trace, nearBase).stats();
            assertThat(near.trampolines()).isZero();
            assertThat(near.directCalls()).isEqualTo(2);
            assertThat(near.totalBytes()).isEqualTo(far.totalBytes() - 16);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Upcalls that throw

    /**
     * local2 counts entries into the loop body before the call, local3 completed calls; the trace
     * calls {@code symbol} with local0, decrements local0 and loops; 77 stays below.
     */
    private static Trace countingCalls(SymbolTable symbols, String symbol) {
        Trace.Builder b = Trace.builder("counting " + symbol, symbols).enter()
                .load(2).constant(1).add(Uop.ADD).store(2)
                .constant(77).load(0).call(symbol, 1);
        if (symbols.get(symbol).result() != CallResult.VOID) {
            b.add(Uop.DROP);
        }
        return b.add(Uop.DROP)
                .load(3).constant(1).add(Uop.ADD).store(3)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .load(1).constant(1).add(Uop.SUB).add(Uop.DUP).store(1)
                .add(Uop.GUARD_TRUE, 5)
                .loop().build();
    }

    @Test
    void anUpcallThatThrowsStopsTheTraceRightAfterTheCall() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(4, 8)) {
            for (String symbol : List.of("boom", "boomInt", "boomVoid")) {
                Trace trace = countingCalls(symbols, symbol);
                for (CallStrategy strategy : CallStrategy.values()) {
                    CompiledTrace compiled = new TraceCompiler(strategy).compile(trace, arena);
                    CALLS.clear();
                    // local0 = 2: calls with 2, 1, 0, then -1 throws on the fourth pass.
                    frame.clearStack().setLocal(0, 2).setLocal(1, 100).setLocal(2, 0).setLocal(3, 0);
                    frame.push(-5);
                    assertThatThrownBy(() -> compiled.invoke(frame))
                            .as("%s under %s", symbol, strategy)
                            .isInstanceOf(TraceUpcallException.class)
                            .hasMessageContaining(trace.name())
                            .cause().hasMessage(symbol + " -1");
                    assertThat(CALLS).containsExactly(symbol + "(2)", symbol + "(1)", symbol + "(0)", symbol + "(-1)");
                    assertThat(frame.local(2)).as("entered the loop body 4 times").isEqualTo(4);
                    assertThat(frame.local(3)).as("nothing after the failed call ran").isEqualTo(3);
                    assertThat(frame.local(0)).isEqualTo(-1);
                    assertThat(frame.stack()).as("%s under %s: its argument popped, nothing pushed", symbol, strategy)
                            .containsExactly(-5, 77);
                    // The frame is usable again: the flag was cleared, the next run completes.
                    frame.clearStack().setLocal(0, 10).setLocal(1, 3).setLocal(2, 0).setLocal(3, 0);
                    assertThat(compiled.invoke(frame)).isEqualTo(5);
                    assertThat(frame.local(3)).isEqualTo(3);
                    assertThat(frame.local(0)).isEqualTo(7);
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void theCauseIsTheVeryThrowableTheMethodThrew() {
        RuntimeException thrown = new UnsupportedOperationException("exactly this");
        try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(0, 2)) {
            MethodHandle thrower = MethodHandles.throwException(long.class, RuntimeException.class).bindTo(thrown);
            symbols.upcall("thrower", thrower);
            Trace trace = Trace.builder("thrower", symbols).enter().call("thrower", 0).add(Uop.DROP).exit(0).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                        .cause().isSameAs(thrown);
                assertThat(frame.depth()).isZero();
            }
        }
    }

    private static final Upcall GLOBAL_DIGITS = Upcall.global(method("digits", long.class, 3));
    private static final Upcall GLOBAL_BOOM = Upcall.global(method("boom", long.class, 1));

    @Test
    void aGlobalStubServesManyTablesAndOutlivesEach() {
        assertThat(GLOBAL_DIGITS.arity()).isEqualTo(3);
        assertThat(GLOBAL_DIGITS.result()).isEqualTo(CallResult.LONG);
        for (int round = 0; round < 3; round++) {
            try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(0, 4)) {
                symbols.upcall("d", GLOBAL_DIGITS);
                symbols.upcall("b", GLOBAL_BOOM);
                assertThat(symbols.get("d").upcall()).isTrue();
                Trace trace = Trace.builder("global", symbols).enter()
                        .constant(round).constant(2).constant(3).call("d", 3)
                        .constant(-round).call("b", 1).add(Uop.DROP).exit(0).build();
                CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
                if (round == 0) {
                    assertThat(compiled.invoke(frame)).isZero();
                    assertThat(frame.stack()).containsExactly(23);
                } else {
                    assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                            .cause().isInstanceOf(ArithmeticException.class).hasMessage("boom " + -round);
                }
            }
        }
        assertThatThrownBy(() -> Upcall.global(method("digits", long.class, 3).asType(
                MethodType.methodType(double.class, long.class, long.class, long.class))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("global upcall: must return long, int or void, got (long,long,long)double");
    }

    static Frame closing;

    static long closeTheFrame(long x) {
        closing.close();
        return x;
    }

    @Test
    void aFrameCannotBeClosedByTheTraceRunningOnIt() {
        try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(1, 4)) {
            closing = frame;
            symbols.upcall("close_frame", method("closeTheFrame", long.class, 1));
            Trace trace = Trace.builder("closer", symbols).enter().constant(1).call("close_frame", 1).store(0).exit(0).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("close refused: the frame is in use by a trace running on it on this thread");
            assertThat(frame.isClosed()).isFalse();
            frame.setLocal(0, 5);
            assertThat(frame.local(0)).isEqualTo(5);
        } finally {
            closing = null;
        }
    }

    /** The trace {@link #nested} runs from inside an upcall. */
    static CompiledTrace inner;
    static Frame innerFrame;

    static long runInner(long a) {
        CALLS.add("runInner(" + a + ")");
        innerFrame.clearStack().setLocal(0, a);
        return inner.invoke(innerFrame);
    }

    @Test
    void anUpcallMayRunAnotherTraceWhoseFailureBecomesTheOuterCause() {
        try (SymbolTable symbols = symbols(); Frame frame = Frame.allocate(1, 4); Frame second = Frame.allocate(1, 4)) {
            symbols.upcall("runInner", method("runInner", long.class, 1));
            Trace innerTrace = Trace.builder("inner", symbols).enter()
                    .load(0).call("boom", 1).store(0).exit(2).build();
            Trace nested = Trace.builder("outer", symbols).enter()
                    .load(0).call("runInner", 1).load(0).call("boom", 1).add(Uop.ADD).store(0).exit(1).build();
            inner = new TraceCompiler().compile(innerTrace, arena);
            innerFrame = second;
            CompiledTrace outer = new TraceCompiler(CallStrategy.PER_TRACE_ALWAYS).compile(nested, arena);
            frame.setLocal(0, 5);
            assertThat(outer.invoke(frame)).isEqualTo(1);
            assertThat(frame.local(0)).isEqualTo(2 + 6);
            assertThat(second.local(0)).isEqualTo(6);
            frame.setLocal(0, -4);
            assertThatThrownBy(() -> outer.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                    .hasMessageContaining("outer")
                    .cause().isInstanceOf(TraceUpcallException.class).hasMessageContaining("inner")
                    .cause().isInstanceOf(ArithmeticException.class).hasMessage("boom -4");
            assertThat(CALLS).containsExactly("runInner(5)", "boom(5)", "boom(5)", "runInner(-4)", "boom(-4)");
            assertThat(frame.depth()).as("the outer trace stopped right after runInner").isZero();
            // Both frames and both traces still work.
            frame.setLocal(0, 1);
            assertThat(outer.invoke(frame)).isEqualTo(1);
            assertThat(frame.local(0)).isEqualTo(2 + 2);
        } finally {
            inner = null;
            innerFrame = null;
        }
    }

    @Test
    void closingTheSymbolTableFromInsideATraceIsRefusedAndReported() {
        SymbolTable[] table = new SymbolTable[1];
        Consumer<Object> closer = ignored -> table[0].close();
        try (SymbolTable symbols = new SymbolTable(); Frame frame = Frame.allocate(0, 2)) {
            table[0] = symbols;
            MethodHandle close;
            try {
                close = MethodHandles.lookup().findVirtual(Consumer.class, "accept",
                        MethodType.methodType(void.class, Object.class)).bindTo(closer)
                        .asType(MethodType.methodType(void.class, long.class));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
            symbols.upcall("closeTable", close);
            Trace trace = Trace.builder("closer", symbols).enter().constant(0).call("closeTable", 1).exit(0).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
            assertThat(symbols.isClosed()).isFalse();
        }
    }

    @Test
    void upcallFailedExitIsNeverAUopExitValue() {
        assertThat(FrameLayout.UPCALL_FAILED_EXIT < 0 || FrameLayout.UPCALL_FAILED_EXIT > Uop.MAX_EXIT_VALUE).isTrue();
    }
}
