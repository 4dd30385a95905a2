package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of bad input to the trace API is a clear Java exception naming the value and what is
 * allowed: building traces, compiling them, running them, symbol tables and frames.
 */
class TraceErrorsTest {
    private static Trace.Builder trace(SymbolTable symbols) {
        return Trace.builder("bad", symbols).enter();
    }

    private static Trace.Builder trace() {
        return trace(new SymbolTable());
    }

    /** Building {@code builder} fails with a TraceException about uop {@code index} containing every word. */
    private static void fails(Consumer<Trace.Builder> uops, SymbolTable symbols, int index, String... words) {
        Trace.Builder builder = trace(symbols);
        uops.accept(builder);
        assertThatThrownBy(builder::build)
                .isInstanceOf(TraceException.class)
                .hasMessageContaining("trace bad")
                .hasMessageContainingAll(words)
                .satisfies(e -> assertThat(((TraceException) e).uopIndex()).isEqualTo(index));
    }

    private static void fails(Consumer<Trace.Builder> uops, int index, String... words) {
        fails(uops, new SymbolTable(), index, words);
    }

    // ---------------------------------------------------------------------------------------------
    // Building traces

    @Test
    void unknownSymbolInCall() {
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.libc("labs", 1, CallResult.LONG);
            symbols.libc("getpid", 0, CallResult.INT);
            Trace.Builder builder = trace(symbols).constant(1);
            assertThatThrownBy(() -> builder.call("lbas", 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("lbas", "labs", "getpid");
        }
        assertThatThrownBy(() -> trace().call("labs", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("'labs'", "none");
    }

    @Test
    void callArityMismatch() {
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.libc("labs", 1, CallResult.LONG);
            fails(b -> b.constant(1).constant(2).call("labs", 2).exit(0), symbols, 3,
                    "labs takes 1 argument", "passes 2");
            fails(b -> b.call("labs", 0).exit(0), symbols, 1, "labs takes 1 argument", "passes 0");
        }
    }

    @Test
    void callWithoutASymbolOrWithAnotherTablesSymbol() {
        try (SymbolTable mine = new SymbolTable(); SymbolTable other = new SymbolTable()) {
            mine.libc("labs", 1, CallResult.LONG);
            Symbol foreign = other.libc("labs", 1, CallResult.LONG);
            fails(b -> b.constant(1).add(new TraceUop(Uop.CALL, 1, foreign, -1)).exit(0), mine, 2,
                    "labs", "not in the trace's symbol table");
            fails(b -> b.add(new TraceUop(Uop.CALL, 0, null, -1)).exit(0), mine, 1, "CALL needs a symbol");
            fails(b -> b.constant(1).add(new TraceUop(Uop.DROP, 0, mine.get("labs"), -1)).exit(0), mine, 2,
                    "DROP takes no symbol");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 513, -1, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void localSlotOutOfRange(int slot) {
        fails(b -> b.load(slot).exit(0), 1, "local slot " + slot, "0..511");
        fails(b -> b.constant(1).store(slot).exit(0), 2, "local slot " + slot, "0..511");
    }

    @ParameterizedTest
    @ValueSource(longs = {65536, -1, 1L << 32, Long.MIN_VALUE})
    void exitValueOutOfRange(long value) {
        fails(b -> b.add(Uop.EXIT, value), 1, "exit value " + value, "0..65535");
        fails(b -> b.constant(1).constant(0).add(Uop.DIV, value).exit(0), 3, "exit value " + value, "0..65535");
        fails(b -> b.constant(1).add(Uop.GUARD_TRUE, value).exit(0), 2, "exit value " + value, "0..65535");
        fails(b -> b.constant(0).add(Uop.ALEN, value).exit(0), 2, "exit value " + value, "0..65535");
    }

    @Test
    void argumentsOnUopsThatTakeNone() {
        fails(b -> b.constant(1).constant(2).add(Uop.ADD, 3).exit(0), 3, "ADD takes no argument", "got 3");
        fails(b -> b.constant(1).add(new TraceUop(Uop.NEG, 0, null, 1)).exit(0), 2, "NEG takes no jump target");
    }

    @Test
    void missingEnterAndEnterTwice() {
        assertThatThrownBy(() -> Trace.builder("bad", new SymbolTable()).constant(1).exit(0).build())
                .isInstanceOf(TraceException.class).hasMessageContaining("must start with ENTER");
        assertThatThrownBy(() -> Trace.builder("bad", new SymbolTable()).exit(0).build())
                .isInstanceOf(TraceException.class).hasMessageContaining("must start with ENTER");
        fails(b -> b.enter().exit(0), 1, "ENTER may only be the first uop");
        assertThatThrownBy(() -> Trace.builder("empty", new SymbolTable()).build())
                .isInstanceOf(TraceException.class).hasMessageContainingAll("empty", "ENTER", "EXIT");
    }

    @Test
    void stackUnderflow() {
        fails(b -> b.add(Uop.DROP).exit(0), 1, "pops 1", "holds 0");
        fails(b -> b.constant(1).add(Uop.ADD).exit(0), 2, "pops 2", "holds 1");
        fails(b -> b.constant(1).constant(2).add(Uop.ASTORE, 1).exit(0), 3, "pops 3", "holds 2");
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.address("four", 0x1000, 4, CallResult.LONG);
            fails(b -> b.constant(1).constant(2).constant(3).call("four", 4).exit(0), symbols, 4, "pops 4", "holds 3");
        }
        // Values Java pushed before the invoke are not the trace's to pop.
        fails(b -> b.add(Uop.SWAP).exit(0), 1, "pops 2", "holds 0");
    }

    @Test
    void controlFallsOffTheEnd() {
        fails(b -> b.constant(1), 1, "falls off the end", "EXIT, LOOP or JUMP");
        fails(b -> { }, 0, "falls off the end");
        fails(b -> b.constant(1).jump(Uop.JUMP_IF_TRUE, 1), 2, "falls off the end");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 4, 100})
    void jumpTargetOutOfRange(int target) {
        // ENTER, CONST, JUMP_IF_TRUE, EXIT: targets 1..3.
        fails(b -> b.constant(1).jump(Uop.JUMP_IF_TRUE, target).exit(0), 2, "jump target " + target, "1..3");
        fails(b -> b.constant(1).jump(Uop.JUMP, target).exit(0), 2, "jump target " + target, "1..3");
    }

    @Test
    void depthMismatchWhereJumpsMeet() {
        // Uop 4 is reached with 0 values by the jump and with 1 by falling through from 3.
        fails(b -> b.constant(1).jump(Uop.JUMP_IF_TRUE, 4).constant(2).exit(0), 3, "uop 4", "1 value(s)", "0");
        // A loop that pushes one value per iteration.
        fails(b -> b.constant(1).loop(), 2, "LOOP", "1 value(s)", "0");
        fails(b -> b.constant(1).jump(Uop.JUMP, 1), 2, "uop 1", "1 value(s)", "0");
    }

    @Test
    void unreachableUop() {
        fails(b -> b.exit(0).constant(1).exit(1), 2, "unreachable");
        fails(b -> b.jump(Uop.JUMP, 3).exit(1).exit(2), 2, "unreachable");
    }

    // ---------------------------------------------------------------------------------------------
    // Compiling

    /**
     * ENTER, LOAD 0, GUARD_TRUE (its exit stub is in the cold section), then pairs of a CONST that
     * loads from the data section and a STORE: 16 bytes of code and 8 of data per pair.
     */
    private static Trace longTrace(int pairs) {
        Trace.Builder b = Trace.builder("long", new SymbolTable()).enter().load(0).add(Uop.GUARD_TRUE, 1);
        for (int i = 0; i < pairs; i++) {
            b.constant(0x1234_5678_9ABC_0000L + i).store(i & 511);
        }
        return b.exit(0).build();
    }

    private static boolean fits(TraceCompiler compiler, Trace trace) {
        try {
            compiler.compileAt(trace, 0x10000);
            return true;
        } catch (TraceException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aTraceLongerThan1MiBIsRefusedAndOneJustShorterCompiles(Architecture arch) {
        // The stack shape: each pair is the same bytes wherever it is (the register shape folds constants into stores).
        TraceCompiler compiler = new TraceCompiler(arch, CallStrategy.PER_TRACE, CodeShape.STACK);
        int one = compiler.compileAt(longTrace(1), 0x10000).size();
        int five = compiler.compileAt(longTrace(5), 0x10000).size();
        // Four pairs: a whole number of 8-byte units on both architectures, so the padding before the trampolines cancels out.
        int pair = (five - one) / 4;
        assertThat(pair).isEqualTo(arch == Architecture.AARCH64 ? 24 : 34);
        int most = ((1 << 20) - (one - pair)) / pair;
        while (!fits(compiler, longTrace(most))) {
            most--;
        }
        while (fits(compiler, longTrace(most + 1))) {
            most++;
        }
        Trace longest = longTrace(most);
        for (CallStrategy strategy : new CallStrategy[] {CallStrategy.PER_TRACE, CallStrategy.MOVW_PER_CALL}) {
            CompiledTrace compiled = new TraceCompiler(arch, strategy, CodeShape.STACK).compileAt(longest, 0x10000);
            assertThat(compiled.size()).isLessThanOrEqualTo(1 << 20).isGreaterThan((1 << 20) - pair - 8);
        }
        Trace tooLong = longTrace(most + 1);
        assertThat(tooLong.size()).isGreaterThan(60_000);
        assertThatThrownBy(() -> compiler.compileAt(tooLong, 0x10000))
                .isInstanceOf(TraceException.class)
                .hasMessageContainingAll("long", "too long", "1 MiB", String.valueOf(1 << 20),
                        String.valueOf(tooLong.size()), arch.displayName());
        if (arch == Architecture.host()) {
            try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
                assertThatThrownBy(() -> compiler.compile(tooLong, arena))
                        .isInstanceOf(TraceException.class).hasMessageContainingAll("too long", "1 MiB");
                assertThat(arena.stats().liveRegions()).as("nothing was installed").isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0x10008, 0x10004, 1, 0x7FFF_FFFF_FFFF_FFFFL, -8})
    void compileAtAMisalignedBase(long base) {
        Trace trace = trace().exit(0).build();
        assertThatThrownBy(() -> new TraceCompiler().compileAt(trace, base))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("multiple of 16", Long.toHexString(base));
    }

    @Test
    void nullArguments() {
        Trace trace = trace().exit(0).build();
        assertThatThrownBy(() -> new TraceCompiler(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TraceCompiler().compileAt(null, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TraceCompiler().compile(trace, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Trace.builder(null, new SymbolTable())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Trace.builder("x", null)).isInstanceOf(NullPointerException.class);
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    @Test
    void invokeOnATraceCompiledForInspection() {
        Trace trace = trace().exit(0).build();
        CompiledTrace inspected = new TraceCompiler().compileAt(trace, 0x10000);
        try (Frame frame = Frame.allocate(1, 1)) {
            assertThatThrownBy(() -> inspected.invoke(frame))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("bad", "0x10000", "inspection", "CodeArena");
        }
        assertThat(inspected.isInstalled()).isFalse();
        assertThatThrownBy(inspected::free).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not installed");
    }

    @Test
    void invokeATraceOfTheOtherArchitecture() {
        Architecture other = Architecture.host() == Architecture.AARCH64 ? Architecture.X86_64 : Architecture.AARCH64;
        Trace trace = trace().exit(0).build();
        try (CodeArena arena = CodeArena.create(); Frame frame = Frame.allocate(1, 1)) {
            CompiledTrace compiled = new TraceCompiler(other, CallStrategy.PER_TRACE).compile(trace, arena);
            assertThat(compiled.isInstalled()).isTrue();
            assertThat(compiled.architecture()).isEqualTo(other);
            assertThatThrownBy(() -> compiled.invoke(frame))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContainingAll(other.displayName() + " code", "this JVM runs on "
                            + Architecture.host().displayName());
            assertThat(compiled.bytes()).hasSize(compiled.size());
        }
    }

    @Test
    void invokeWithAFrameThatDoesNotFit() {
        Trace trace = trace().load(5).load(0).load(1).add(Uop.ADD).add(Uop.ADD).store(0).exit(0).build();
        assertThat(trace.maxLocal()).isEqualTo(5);
        assertThat(trace.maxDepth()).isEqualTo(3);
        try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            try (Frame few = Frame.allocate(5, 8)) {
                assertThatThrownBy(() -> compiled.invoke(few)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContainingAll("local slot 5", "5 local(s)");
            }
            try (Frame shallow = Frame.allocate(6, 2)) {
                assertThatThrownBy(() -> compiled.invoke(shallow)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContainingAll("up to 3", "holds 2");
            }
            try (Frame full = Frame.allocate(6, 4)) {
                full.push(1).push(2);
                assertThatThrownBy(() -> compiled.invoke(full)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContainingAll("up to 3", "already 2 deep", "holds 4");
                assertThat(full.stack()).containsExactly(1, 2);
                full.pop();
                full.setLocal(0, 10).setLocal(1, 20).setLocal(5, 30);
                assertThat(compiled.invoke(full)).isZero();
                assertThat(full.local(0)).isEqualTo(60);
                assertThat(full.stack()).containsExactly(1);
            }
            Frame closed = Frame.allocate(6, 4);
            closed.close();
            assertThatThrownBy(() -> compiled.invoke(closed)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void invokeAfterFree() {
        Trace trace = trace().exit(7).build();
        try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP); Frame frame = Frame.allocate(0, 1)) {
            CompiledTrace neverRun = new TraceCompiler().compile(trace, arena);
            neverRun.free();
            assertThat(neverRun.isInstalled()).isFalse();
            assertThatThrownBy(() -> neverRun.invoke(frame)).isInstanceOf(IllegalStateException.class);
            CompiledTrace ran = new TraceCompiler().compile(trace, arena);
            assertThat(ran.invoke(frame)).isEqualTo(7);
            ran.free();
            assertThatThrownBy(() -> ran.invoke(frame)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(ran::free).isInstanceOf(IllegalStateException.class);
            CompiledTrace closedArena = new TraceCompiler().compile(trace, arena);
            assertThat(closedArena.invoke(frame)).isEqualTo(7);
            arena.close();
            assertThatThrownBy(() -> closedArena.invoke(frame)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void invokeAfterTheSymbolTableWasClosed() {
        SymbolTable symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        Trace trace = trace(symbols).constant(-4).call("labs", 1).store(0).exit(0).build();
        try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP); Frame frame = Frame.allocate(1, 2)) {
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            assertThat(compiled.invoke(frame)).isZero();
            assertThat(frame.local(0)).isEqualTo(4);
            symbols.close();
            assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("SymbolTable", "closed");
            // A trace that calls nothing does not depend on its table.
            CompiledTrace plain = new TraceCompiler().compile(Trace.builder("plain", symbols).enter().exit(3).build(),
                    arena);
            assertThat(plain.invoke(frame)).isEqualTo(3);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Symbol tables

    static long twoLongs(long a, long b) {
        return a + b;
    }

    static long takesInt(int a) {
        return a;
    }

    static long takesObject(Object a) {
        return 0;
    }

    static String returnsString(long a) {
        return "";
    }

    static double returnsDouble() {
        return 0;
    }

    static long fiveLongs(long a, long b, long c, long d, long e) {
        return 0;
    }

    private static MethodHandle handle(String name, MethodType type) {
        try {
            return MethodHandles.lookup().findStatic(TraceErrorsTest.class, name, type);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void duplicateNames() {
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.libc("labs", 1, CallResult.LONG);
            assertThatThrownBy(() -> symbols.libc("labs", 1, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("'labs'", "already defined");
            assertThatThrownBy(() -> symbols.address("labs", 0x1000, 1, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already defined");
            assertThatThrownBy(() -> symbols.upcall("labs", handle("twoLongs",
                    MethodType.methodType(long.class, long.class, long.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already defined");
            assertThat(symbols.symbols()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "labs(", "é", "a\n"})
    void badNames(String name) {
        try (SymbolTable symbols = new SymbolTable()) {
            assertThatThrownBy(() -> symbols.address(name, 0x1000, 0, CallResult.VOID))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("'" + name + "'", "not allowed", "letters, digits");
        }
    }

    @Test
    void aLibcFunctionThatDoesNotExist() {
        try (SymbolTable symbols = new SymbolTable()) {
            assertThatThrownBy(() -> symbols.libc("stitch_no_such_function", 1, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("no C library function", "'stitch_no_such_function'");
            assertThat(symbols.symbols()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {5, -1, 100})
    void arityOutOfRange(int arity) {
        try (SymbolTable symbols = new SymbolTable()) {
            assertThatThrownBy(() -> symbols.libc("labs", arity, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("0..4", "got " + arity);
            assertThatThrownBy(() -> symbols.address("f", 0x1000, arity, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("0..4", "got " + arity);
        }
    }

    @Test
    void theSixtyFifthSymbol() {
        try (SymbolTable symbols = new SymbolTable()) {
            for (int i = 0; i < SymbolTable.MAX_SYMBOLS; i++) {
                assertThat(symbols.address("f" + i, 0x1000 + 16L * i, 0, CallResult.VOID).ordinal()).isEqualTo(i);
            }
            assertThatThrownBy(() -> symbols.address("f64", 0x9000, 0, CallResult.VOID))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("'f64'", "at most 64");
            assertThatThrownBy(() -> symbols.libc("labs", 1, CallResult.LONG))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 64");
            // A trace may call all 64.
            Trace.Builder b = trace(symbols);
            for (int i = 0; i < SymbolTable.MAX_SYMBOLS; i++) {
                b.call("f" + i, 0);
            }
            CompiledTrace compiled = new TraceCompiler(CallStrategy.PER_TRACE_ALWAYS).compileAt(b.exit(0).build(), 0x10000);
            assertThat(compiled.stats().trampolines()).isEqualTo(64);
        }
    }

    @Test
    void upcallsWithTheWrongTypes() {
        try (SymbolTable symbols = new SymbolTable()) {
            assertThatThrownBy(() -> symbols.upcall("i", handle("takesInt", MethodType.methodType(long.class, int.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("'i'", "must all be long", "int");
            assertThatThrownBy(() -> symbols.upcall("o", handle("takesObject",
                    MethodType.methodType(long.class, Object.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("must all be long", "Object");
            assertThatThrownBy(() -> symbols.upcall("s", handle("returnsString",
                    MethodType.methodType(String.class, long.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("long, int or void", "String");
            assertThatThrownBy(() -> symbols.upcall("d", handle("returnsDouble", MethodType.methodType(double.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("long, int or void", "double");
            assertThatThrownBy(() -> symbols.upcall("five", handle("fiveLongs", MethodType.methodType(long.class,
                    long.class, long.class, long.class, long.class, long.class))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("0..4", "got 5");
            assertThatThrownBy(() -> symbols.upcall("n", (MethodHandle) null)).isInstanceOf(NullPointerException.class);
            assertThat(symbols.symbols()).isEmpty();
        }
    }

    @Test
    void otherBadSymbolInput() {
        try (SymbolTable symbols = new SymbolTable()) {
            assertThatThrownBy(() -> symbols.address("zero", 0, 0, CallResult.VOID))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContainingAll("'zero'", "must not be 0");
            assertThatThrownBy(() -> symbols.libc("labs", 1, null)).isInstanceOf(NullPointerException.class);
            symbols.libc("labs", 1, CallResult.LONG);
            assertThatThrownBy(() -> symbols.get("abs")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("'abs'", "labs");
            assertThat(symbols.find("abs")).isEmpty();
            assertThatThrownBy(() -> symbols.byOrdinal(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("ordinal 1", "0..0");
            assertThatThrownBy(() -> symbols.byOrdinal(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ordinal -1");
        }
    }

    @Test
    void aClosedTable() {
        SymbolTable symbols = new SymbolTable();
        symbols.libc("labs", 1, CallResult.LONG);
        symbols.close();
        symbols.close();
        assertThat(symbols.isClosed()).isTrue();
        assertThatThrownBy(() -> symbols.libc("abs", 1, CallResult.INT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> symbols.address("f", 0x1000, 0, CallResult.VOID))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> symbols.upcall("g", handle("twoLongs",
                MethodType.methodType(long.class, long.class, long.class))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        // Its symbols can still be named and compiled for inspection.
        Trace trace = trace(symbols).constant(1).call("labs", 1).exit(0).build();
        assertThat(new TraceCompiler().compileAt(trace, 0x10000).size()).isPositive();
    }

    // ---------------------------------------------------------------------------------------------
    // Frames

    @Test
    void frameSizesOutOfRange() {
        assertThatThrownBy(() -> Frame.allocate(513, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("locals", "0..512", "got 513");
        assertThatThrownBy(() -> Frame.allocate(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("locals", "0..512", "got -1");
        assertThatThrownBy(() -> Frame.allocate(1, (1 << 20) + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("stack capacity", "0.." + (1 << 20), "got " + ((1 << 20) + 1));
        assertThatThrownBy(() -> Frame.allocate(1, -5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("stack capacity", "got -5");
        assertThatThrownBy(() -> Frame.allocate(1, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("array capacity", "got -1");
        assertThatThrownBy(() -> Frame.allocate(1, 1, (1 << 20) + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("array capacity", "0.." + (1 << 20));
        try (Frame largest = Frame.allocate(512, 1, 0)) {
            assertThat(largest.localCount()).isEqualTo(512);
        }
    }

    @Test
    void frameAccessOutOfRange() {
        try (Frame frame = Frame.allocate(3, 2, 2)) {
            assertThatThrownBy(() -> frame.local(3)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContainingAll("local slot 3", "0..2");
            assertThatThrownBy(() -> frame.setLocal(-1, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContainingAll("local slot -1", "0..2");
            assertThatThrownBy(frame::pop).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
            frame.push(1).push(2);
            assertThatThrownBy(() -> frame.push(3)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("full", "capacity 2");
            assertThat(frame.stack()).containsExactly(1, 2);
            assertThat(frame.pop()).isEqualTo(2);
            assertThat(frame.clearStack().depth()).isZero();

            assertThatThrownBy(() -> frame.newArray(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("array length", "0.." + (1L << 28), "got -1");
            assertThatThrownBy(() -> frame.newArray((1L << 28) + 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContainingAll("array length", "got " + ((1L << 28) + 1));
            assertThat(frame.newArray(3)).isZero();
            assertThat(frame.newArray(0)).isEqualTo(1);
            assertThatThrownBy(() -> frame.newArray(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContainingAll("full", "2 arrays");
            assertThatThrownBy(() -> frame.array(2)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContainingAll("handle 2", "has 2");
            assertThatThrownBy(() -> frame.array(-1)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("handle -1");
            assertThat(frame.array(0).byteSize()).isEqualTo(24);
            assertThat(frame.array(1).byteSize()).isZero();
        }
        try (Frame noLocals = Frame.allocate(0, 0, 0)) {
            assertThatThrownBy(() -> noLocals.local(0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> noLocals.push(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> noLocals.newArray(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("0 arrays");
        }
    }

    @Test
    void aClosedFrame() {
        Frame frame = Frame.allocate(1, 1);
        frame.close();
        frame.close();
        assertThat(frame.isClosed()).isTrue();
        assertThatThrownBy(() -> frame.local(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> frame.push(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> frame.newArray(1)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aBaseFromWhichTheTraceWouldWrapPast2To64IsRefused(Architecture architecture) {
        Trace trace = Trace.builder("w", new SymbolTable()).enter().exit(0).build();
        TraceCompiler compiler = new TraceCompiler(architecture, CallStrategy.PER_TRACE);
        int size = compiler.compileAt(trace, 0x10000).size();
        long highest = -(long) size & -16L;
        assertThatThrownBy(() -> compiler.compileAt(trace, 0xfffffffffffffff0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("base 0xfffffffffffffff0 is too high for the " + size + " bytes of trace w (PER_TRACE): they"
                        + " would run past the top of the 64-bit address space (0xffffffffffffffff); the highest base for"
                        + " them is 0x" + Long.toHexString(highest));
        assertThat(compiler.compileAt(trace, highest).address()).isEqualTo(highest);
    }
}
