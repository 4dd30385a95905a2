package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every uop run for real, alone and in combination, against Java's semantics of the same
 * operation, under every {@link CallStrategy} (the results must not depend on it). Each trace is
 * compiled once per strategy and then invoked many times with different frame contents, so the
 * class stays fast under qemu. The traces are compiled for this JVM's architecture: natively on x86-64
 * hosts, and under qemu on the AArch64 JVM of scripts/test.
 */
class UopExecutionTest {
    private static final long SEED = 0x5717_C4_2024L;
    private static final long SENTINEL = 0x5EED_5EED_5EED_5EEDL;
    private static final int RANDOM_PAIRS = 200;

    /** Values where 64-bit integer operations go wrong when they go wrong. */
    private static final long[] EDGES = {
            0, 1, -1, 2, -2, 7, -7, 63, 64, 65, 127,
            Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, 1L << 32, 0x8000_0000_0000_0001L,
    };

    private static CodeArena arena;

    @BeforeAll
    static void createArena() {
        arena = CodeArena.create(WxPolicy.DUAL_MAP);
    }

    @AfterAll
    static void closeArena() {
        if (arena != null) {
            arena.close();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    private static Trace.Builder trace(String name) {
        return Trace.builder(name, new SymbolTable()).enter();
    }

    /**
     * The trace compiled under each strategy in both shapes: every execution test runs every
     * uop in the register shape too (but for traces deeper than the register shape addresses).
     */
    private static List<CompiledTrace> compileAll(Trace trace) {
        List<CompiledTrace> compiled = new ArrayList<>();
        for (CodeShape shape : CodeShape.values()) {
            if (shape == CodeShape.REGISTERS && trace.maxDepth() > RegisterShapePass.MAX_DEPTH) {
                continue;
            }
            for (CallStrategy strategy : CallStrategy.values()) {
                compiled.add(new TraceCompiler(Architecture.host(), strategy, shape).compile(trace, arena));
            }
        }
        return compiled;
    }

    /** Interesting operands: edges most of the time, random 64-bit and small values otherwise. */
    private static long operand(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> EDGES[random.nextInt(EDGES.length)];
            case 1 -> random.nextInt(201) - 100;
            default -> random.nextLong();
        };
    }

    /** Every pair of edges, then random pairs. */
    private static List<long[]> pairs(Random random) {
        List<long[]> pairs = new ArrayList<>();
        for (long a : EDGES) {
            for (long b : EDGES) {
                pairs.add(new long[] {a, b});
            }
        }
        for (int i = 0; i < RANDOM_PAIRS; i++) {
            pairs.add(new long[] {operand(random), operand(random)});
        }
        return pairs;
    }

    /** Sets the locals and the stack, runs the trace. */
    private static long run(CompiledTrace compiled, Frame frame, long[] locals, long... stack) {
        for (int i = 0; i < locals.length; i++) {
            frame.setLocal(i, locals[i]);
        }
        frame.clearStack();
        for (long value : stack) {
            frame.push(value);
        }
        return compiled.invoke(frame);
    }

    private static long[] locals(Frame frame) {
        long[] values = new long[frame.localCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = frame.local(i);
        }
        return values;
    }

    /** Java's meaning of a binary uop. */
    static long apply(Uop uop, long a, long b) {
        return switch (uop) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << b;
            case SHR -> a >> b;
            case USHR -> a >>> b;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case DIV -> a / b;
            case REM -> a % b;
            default -> throw new IllegalArgumentException(uop + " is not binary");
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The oracle itself: Java's semantics for the cases the brief names, written out.

    @Test
    void theJavaOracleHasTheSemanticsTheUopsPromise() {
        assertThat(apply(Uop.ADD, Long.MAX_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(apply(Uop.SUB, Long.MIN_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(apply(Uop.MUL, Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(apply(Uop.SHL, 1, 64)).isEqualTo(1);
        assertThat(apply(Uop.SHL, 1, 65)).isEqualTo(2);
        assertThat(apply(Uop.SHL, 1, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(apply(Uop.SHR, -8, 1)).isEqualTo(-4);
        assertThat(apply(Uop.USHR, -8, 1)).isEqualTo(0x7FFF_FFFF_FFFF_FFFCL);
        assertThat(apply(Uop.USHR, -1, 63)).isEqualTo(1);
        assertThat(apply(Uop.SHR, -1, 63)).isEqualTo(-1);
        assertThat(apply(Uop.DIV, Long.MIN_VALUE, -1)).isEqualTo(Long.MIN_VALUE);
        assertThat(apply(Uop.REM, Long.MIN_VALUE, -1)).isZero();
        assertThat(apply(Uop.DIV, -7, 2)).isEqualTo(-3);
        assertThat(apply(Uop.REM, -7, 2)).isEqualTo(-1);
        assertThat(apply(Uop.REM, 7, -2)).isEqualTo(1);
        assertThat(apply(Uop.LT, Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------
    // Binary and unary arithmetic

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = {"ADD", "SUB", "MUL", "AND", "OR", "XOR", "SHL", "SHR", "USHR",
            "LT", "LE", "GT", "GE", "EQ", "NE"})
    void binaryUopsComputeWhatJavaComputes(Uop uop) {
        Trace trace = trace(uop.name()).load(0).load(1).add(uop).store(2).exit(0).build();
        List<long[]> pairs = pairs(new Random(SEED + uop.ordinal()));
        try (Frame frame = Frame.allocate(3, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long[] p : pairs) {
                    frame.setLocal(2, SENTINEL);
                    long exit = run(compiled, frame, new long[] {p[0], p[1]});
                    assertThat(exit).isZero();
                    assertThat(frame.local(2)).as("%s %d %d under %s", uop, p[0], p[1], compiled.strategy())
                            .isEqualTo(apply(uop, p[0], p[1]));
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void shiftsMaskTheirAmountBy63AsJavaDoes() {
        long[] amounts = {0, 1, 31, 32, 63, 64, 65, 127, 128, -1, -63, -64, Long.MIN_VALUE, Long.MAX_VALUE};
        long[] values = {1, -1, -8, 0x8000_0000_0000_0000L, 0x0123_4567_89AB_CDEFL, 0xFEDC_BA98_7654_3210L};
        for (Uop uop : List.of(Uop.SHL, Uop.SHR, Uop.USHR)) {
            Trace trace = trace(uop.name()).load(0).load(1).add(uop).exit(0).build();
            try (Frame frame = Frame.allocate(2, 4)) {
                for (CompiledTrace compiled : compileAll(trace)) {
                    for (long value : values) {
                        for (long amount : amounts) {
                            run(compiled, frame, new long[] {value, amount});
                            assertThat(frame.stack()).as("%s %x by %d", uop, value, amount)
                                    .containsExactly(apply(uop, value, amount));
                        }
                    }
                }
            }
        }
        // USHR and SHR differ exactly on negative values.
        assertThat(apply(Uop.USHR, -2, 1)).isNotEqualTo(apply(Uop.SHR, -2, 1));
    }

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = {"DIV", "REM"})
    void divisionTruncatesAsJavaAndExitsOnZeroWithBothOperandsStillOnTheStack(Uop uop) {
        Trace trace = trace(uop.name()).load(0).load(1).add(uop, 9).store(2).exit(0).build();
        List<long[]> pairs = pairs(new Random(SEED + uop.ordinal()));
        pairs.add(new long[] {Long.MIN_VALUE, -1});
        pairs.add(new long[] {-7, 2});
        pairs.add(new long[] {7, -2});
        pairs.add(new long[] {-7, -2});
        pairs.add(new long[] {Long.MIN_VALUE, 0});
        pairs.add(new long[] {0, 0});
        pairs.add(new long[] {SENTINEL, 0});
        try (Frame frame = Frame.allocate(3, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long[] p : pairs) {
                    frame.setLocal(2, SENTINEL);
                    long exit = run(compiled, frame, new long[] {p[0], p[1]});
                    if (p[1] == 0) {
                        assertThat(exit).as("%s %d by zero", uop, p[0]).isEqualTo(9);
                        assertThat(frame.stack()).containsExactly(p[0], 0);
                        assertThat(frame.local(2)).isEqualTo(SENTINEL);
                    } else {
                        assertThat(exit).isZero();
                        assertThat(frame.local(2)).as("%s %d %d under %s", uop, p[0], p[1], compiled.strategy())
                                .isEqualTo(apply(uop, p[0], p[1]));
                        assertThat(frame.depth()).isZero();
                    }
                }
            }
        }
    }

    @Test
    void divisionByZeroLeavesTheValuesBelowAndReturnsItsExitValue() {
        // The dividend comes from below the trace's own values: pushed by Java before invoke.
        Trace trace = trace("div0").constant(100).load(0).add(Uop.DIV, Uop.MAX_EXIT_VALUE).exit(1).build();
        try (Frame frame = Frame.allocate(1, 8)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                assertThat(run(compiled, frame, new long[] {0}, 11, 22)).isEqualTo(Uop.MAX_EXIT_VALUE);
                assertThat(frame.stack()).containsExactly(11, 22, 100, 0);
                assertThat(run(compiled, frame, new long[] {-3}, 11, 22)).isEqualTo(1);
                assertThat(frame.stack()).containsExactly(11, 22, -33);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = {"NEG", "NOT"})
    void unaryUopsComputeWhatJavaComputes(Uop uop) {
        Trace trace = trace(uop.name()).load(0).add(uop).store(1).exit(0).build();
        Random random = new Random(SEED + uop.ordinal());
        try (Frame frame = Frame.allocate(2, 2)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (int i = 0; i < EDGES.length + RANDOM_PAIRS; i++) {
                    long a = i < EDGES.length ? EDGES[i] : operand(random);
                    run(compiled, frame, new long[] {a});
                    assertThat(frame.local(1)).as("%s %d", uop, a).isEqualTo(uop == Uop.NEG ? -a : ~a);
                    assertThat(frame.depth()).isZero();
                }
            }
        }
        assertThat(-Long.MIN_VALUE).isEqualTo(Long.MIN_VALUE);
    }

    // ---------------------------------------------------------------------------------------------
    // Guards

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = {"GUARD_TRUE", "GUARD_FALSE"})
    void guardsExitAfterThePopWithTheirExitValue(Uop uop) {
        Trace trace = trace(uop.name()).constant(42).load(0).add(uop, 7).constant(1).store(1).exit(3).build();
        long[] values = {0, 1, -1, 2, 1L << 32, 1L << 63, Long.MAX_VALUE, 0x1_0000_0000_0000L};
        try (Frame frame = Frame.allocate(2, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long value : values) {
                    frame.setLocal(1, SENTINEL);
                    long exit = run(compiled, frame, new long[] {value});
                    boolean passes = uop == Uop.GUARD_TRUE ? value != 0 : value == 0;
                    assertThat(exit).as("%s %d", uop, value).isEqualTo(passes ? 3 : 7);
                    assertThat(frame.local(1)).isEqualTo(passes ? 1 : SENTINEL);
                    assertThat(frame.stack()).as("the guarded value is popped either way").containsExactly(42);
                }
            }
        }
    }

    @Test
    void guardExitValuesReachTheirMaximum() {
        Trace trace = trace("guard max").load(0).add(Uop.GUARD_FALSE, Uop.MAX_EXIT_VALUE).exit(0).build();
        try (Frame frame = Frame.allocate(1, 1)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                assertThat(run(compiled, frame, new long[] {5})).isEqualTo(Uop.MAX_EXIT_VALUE);
                assertThat(run(compiled, frame, new long[] {0})).isZero();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Constants, locals, stack shuffles

    /** Constants of each CONST variant: movz (0..65535), movn (-65536..-1), data (everything else). */
    private static long[] constants() {
        Random random = new Random(SEED);
        long[] fixed = {0, 1, 65535, 65536, -1, -2, -65535, -65536, -65537, Long.MIN_VALUE, Long.MAX_VALUE,
                0xFFFF_0000L, 1L << 32, 0xFFFF_FFFF_FFFF_0000L, 0x0000_FFFF_FFFF_FFFFL, 123_456_789};
        long[] values = Arrays.copyOf(fixed, fixed.length + 32);
        for (int i = fixed.length; i < values.length; i++) {
            values[i] = switch (i % 3) {
                case 0 -> random.nextInt(65536);
                case 1 -> -1 - random.nextInt(65536);
                default -> random.nextLong();
            };
        }
        return values;
    }

    private static boolean inData(long value) {
        return value >>> 16 != 0 && ~value >>> 16 != 0;
    }

    @Test
    void everyConstantVariantPushesItsValue() {
        long[] values = constants();
        Trace.Builder builder = trace("constants");
        for (int i = 0; i < values.length; i++) {
            builder.constant(values[i]).store(i);
        }
        for (long value : values) {
            builder.constant(value);
        }
        Trace trace = builder.exit(0).build();
        try (Frame frame = Frame.allocate(values.length, values.length)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (int i = 0; i < values.length; i++) {
                    frame.setLocal(i, SENTINEL);
                }
                assertThat(run(compiled, frame, new long[0])).isZero();
                assertThat(locals(frame)).as("under %s", compiled.strategy()).containsExactly(values);
                assertThat(frame.stack()).containsExactly(values);
            }
        }
    }

    @Test
    void constantsUseTheDataSectionExactlyWhenNeitherMovzNorMovnFits() {
        // Compile-only: runs on every host.
        for (long value : constants()) {
            Trace trace = Trace.builder("const", new SymbolTable()).enter().constant(value).exit(0).build();
            CompiledTrace compiled = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, 0x10000);
            assertThat(compiled.stats().dataBytes()).as("CONST %d", value).isEqualTo(inData(value) ? 8 : 0);
        }
        assertThat(inData(65535)).isFalse();
        assertThat(inData(65536)).isTrue();
        assertThat(inData(-65536)).isFalse();
        assertThat(inData(-65537)).isTrue();
    }

    @Test
    void x64ConstantsUseMovabsExactlyWhenASignExtendedImm32DoesNotFit() {
        // Compile-only: runs on every host. Storing an imm32 and bumping r12 is 12 bytes, movabs and a push 18.
        for (long value : constants()) {
            Trace trace = Trace.builder("const", new SymbolTable()).enter().constant(value).exit(0).build();
            TraceStats stats = new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(trace, 0x10000).stats();
            Trace zero = Trace.builder("const", new SymbolTable()).enter().constant(0).exit(0).build();
            TraceStats small = new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.STACK).compileAt(zero, 0x10000).stats();
            assertThat(stats.dataBytes()).isZero();
            assertThat(stats.hotBytes() - small.hotBytes()).as("CONST %d", value)
                    .isEqualTo(value == (int) value ? 0 : 6);
        }
    }

    @Test
    void loadAndStoreReachEveryLocalSlotUpTo511() {
        // Push locals 0..511, then pop them into 0..511: reverses them; every slot offset is used.
        Trace.Builder builder = trace("reverse");
        for (int i = 0; i <= 511; i++) {
            builder.load(i);
        }
        for (int i = 0; i <= 511; i++) {
            builder.store(i);
        }
        Trace trace = builder.exit(0).build();
        assertThat(trace.maxLocal()).isEqualTo(511);
        long[] values = new Random(SEED).longs(512).toArray();
        long[] reversed = new long[512];
        for (int i = 0; i < 512; i++) {
            reversed[i] = values[511 - i];
        }
        try (Frame frame = Frame.allocate(512, 512)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                assertThat(run(compiled, frame, values)).isZero();
                assertThat(locals(frame)).containsExactly(reversed);
                assertThat(frame.depth()).isZero();
            }
        }
    }

    @Test
    void loadAndStoreOfTheHighestSlot() {
        Trace trace = trace("511").load(511).load(0).store(511).store(0).exit(0).build();
        long[] locals = new long[512];
        locals[0] = Long.MIN_VALUE;
        locals[511] = Long.MAX_VALUE;
        try (Frame frame = Frame.allocate(512, 2)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                run(compiled, frame, locals);
                assertThat(frame.local(0)).isEqualTo(Long.MAX_VALUE);
                assertThat(frame.local(511)).isEqualTo(Long.MIN_VALUE);
                assertThat(frame.local(510)).isZero();
            }
        }
    }

    @Test
    void stackUopsShuffleAsDocumented() {
        long a = 0x1111_2222_3333_4444L;
        long b = -5;
        record Case(Uop uop, long[] expected) {}
        List<Case> cases = List.of(
                new Case(Uop.DUP, new long[] {a, b, b}),
                new Case(Uop.DROP, new long[] {a}),
                new Case(Uop.SWAP, new long[] {b, a}),
                new Case(Uop.OVER, new long[] {a, b, a}));
        try (Frame frame = Frame.allocate(2, 4)) {
            for (Case c : cases) {
                Trace trace = trace(c.uop().name()).load(0).load(1).add(c.uop()).exit(0).build();
                for (CompiledTrace compiled : compileAll(trace)) {
                    assertThat(run(compiled, frame, new long[] {a, b})).isZero();
                    assertThat(frame.stack()).as("%s", c.uop()).containsExactly(c.expected());
                }
            }
            // In combination: a b OVER -> a b a; SWAP -> a a b; DUP -> a a b b; DROP -> a a b; OVER -> a a b a.
            Trace trace = trace("shuffle").load(0).load(1).add(Uop.OVER).add(Uop.SWAP).add(Uop.DUP).add(Uop.DROP)
                    .add(Uop.OVER).exit(0).build();
            try (Frame deep = Frame.allocate(2, 8)) {
                for (CompiledTrace compiled : compileAll(trace)) {
                    run(compiled, deep, new long[] {a, b}, 7);
                    assertThat(deep.stack()).containsExactly(7, a, a, b, a);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Arrays

    private static final long[] HANDLES = {0, 1, 2, 3, 4, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 60};
    private static final long[] INDICES = {0, 1, 9, 10, 11, -1, -10, 1L << 32, 1L << 61, Long.MAX_VALUE,
            Long.MIN_VALUE};

    /** Arrays 0: ten values, 1: empty, 2: one value; handle 3 and up do not exist. */
    private static Frame frameWithArrays() {
        Frame frame = Frame.allocate(4, 8, 8);
        assertThat(frame.newArray(10)).isZero();
        assertThat(frame.newArray(0)).isEqualTo(1);
        assertThat(frame.newArray(1)).isEqualTo(2);
        resetArrays(frame);
        return frame;
    }

    private static void resetArrays(Frame frame) {
        for (int i = 0; i < 10; i++) {
            frame.array(0).setAtIndex(JAVA_LONG, i, 1000L * i - 3);
        }
        frame.array(2).setAtIndex(JAVA_LONG, 0, Long.MIN_VALUE);
    }

    private static long[] elements(Frame frame, int handle) {
        return frame.array(handle).toArray(JAVA_LONG);
    }

    private static long length(long handle) {
        return switch ((int) handle) {
            case 0 -> 10;
            case 1 -> 0;
            default -> 1;
        };
    }

    private static boolean validHandle(long handle) {
        return handle >= 0 && handle < 3;
    }

    @Test
    void aloadReadsInBoundsAndExitsWithTheStackUnchangedOtherwise() {
        Trace trace = trace("aload").load(0).load(1).add(Uop.ALOAD, 5).store(2).exit(0).build();
        try (Frame frame = frameWithArrays()) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long handle : HANDLES) {
                    for (long index : INDICES) {
                        frame.setLocal(2, SENTINEL);
                        long exit = run(compiled, frame, new long[] {handle, index});
                        boolean ok = validHandle(handle) && index >= 0 && index < length(handle);
                        assertThat(exit).as("ALOAD %d[%d]", handle, index).isEqualTo(ok ? 0 : 5);
                        if (ok) {
                            assertThat(frame.local(2)).isEqualTo(frame.array((int) handle).getAtIndex(JAVA_LONG, index));
                            assertThat(frame.depth()).isZero();
                        } else {
                            assertThat(frame.local(2)).isEqualTo(SENTINEL);
                            assertThat(frame.stack()).containsExactly(handle, index);
                        }
                    }
                }
                assertThat(run(compiled, frame, new long[] {0, 9})).isZero();
                assertThat(frame.local(2)).isEqualTo(8997);
                assertThat(run(compiled, frame, new long[] {2, 0})).isZero();
                assertThat(frame.local(2)).isEqualTo(Long.MIN_VALUE);
            }
        }
    }

    @Test
    void astoreWritesInBoundsAndExitsWithTheStackAndArraysUnchangedOtherwise() {
        Trace trace = trace("astore").load(0).load(1).load(2).add(Uop.ASTORE, 6).exit(0).build();
        long value = 0x0BAD_F00D_CAFE_BABEL;
        try (Frame frame = frameWithArrays()) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long handle : HANDLES) {
                    for (long index : INDICES) {
                        resetArrays(frame);
                        long[][] before = {elements(frame, 0), elements(frame, 1), elements(frame, 2)};
                        long exit = run(compiled, frame, new long[] {handle, index, value});
                        boolean ok = validHandle(handle) && index >= 0 && index < length(handle);
                        assertThat(exit).as("ASTORE %d[%d]", handle, index).isEqualTo(ok ? 0 : 6);
                        if (ok) {
                            before[(int) handle][(int) index] = value;
                            assertThat(frame.depth()).isZero();
                        } else {
                            assertThat(frame.stack()).containsExactly(handle, index, value);
                        }
                        for (int h = 0; h < 3; h++) {
                            assertThat(elements(frame, h)).as("array %d after ASTORE %d[%d]", h, handle, index)
                                    .containsExactly(before[h]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void alenGivesTheLengthAndExitsForABadHandle() {
        Trace trace = trace("alen").load(0).add(Uop.ALEN, 7).store(1).exit(0).build();
        try (Frame frame = frameWithArrays()) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long handle : HANDLES) {
                    frame.setLocal(1, SENTINEL);
                    long exit = run(compiled, frame, new long[] {handle});
                    if (validHandle(handle)) {
                        assertThat(exit).isZero();
                        assertThat(frame.local(1)).isEqualTo(length(handle));
                        assertThat(frame.depth()).isZero();
                    } else {
                        assertThat(exit).as("ALEN %d", handle).isEqualTo(7);
                        assertThat(frame.stack()).containsExactly(handle);
                        assertThat(frame.local(1)).isEqualTo(SENTINEL);
                    }
                }
            }
        }
    }

    @Test
    void arraysInCombination() {
        // for (i = 0; i < alen(a); i++) a[i] = a[i] * 2 + i; with the loop index in local 1.
        Trace trace = trace("double")
                .constant(0).store(1)                                  // 1, 2
                .load(1).load(0).add(Uop.ALEN, 1).add(Uop.LT)          // 3..6
                .add(Uop.GUARD_TRUE, 2)                                // 7
                .load(0).load(1)                                       // 8, 9
                .load(0).load(1).add(Uop.ALOAD, 3).constant(2).add(Uop.MUL).load(1).add(Uop.ADD) // 10..16
                .add(Uop.ASTORE, 4)                                    // 17
                .load(1).constant(1).add(Uop.ADD).store(1)             // 18..21
                .jump(Uop.JUMP, 3).build();                            // 22
        try (Frame frame = frameWithArrays()) {
            for (CompiledTrace compiled : compileAll(trace)) {
                resetArrays(frame);
                assertThat(run(compiled, frame, new long[] {0})).isEqualTo(2);
                long[] expected = new long[10];
                for (int i = 0; i < 10; i++) {
                    expected[i] = (1000L * i - 3) * 2 + i;
                }
                assertThat(elements(frame, 0)).containsExactly(expected);
                assertThat(frame.local(1)).isEqualTo(10);
                assertThat(frame.depth()).isZero();
                assertThat(run(compiled, frame, new long[] {1})).isEqualTo(2);
                assertThat(run(compiled, frame, new long[] {3})).as("ALEN of a missing array").isEqualTo(1);
                assertThat(frame.stack()).containsExactly(0, 3);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Control flow and exits

    @Test
    void exitReturnsItsValueFrom0To65535() {
        for (int value : new int[] {0, 1, 255, 256, 65534, 65535}) {
            Trace trace = trace("exit " + value).exit(value).build();
            try (Frame frame = Frame.allocate(0, 1)) {
                for (CompiledTrace compiled : compileAll(trace)) {
                    assertThat(compiled.invoke(frame)).isEqualTo(value);
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void loopGoesBackToTheUopAfterEnter() {
        // while (n != 0) { sum += n; n -= 1; }   exit 1 from the guard
        Trace trace = trace("sum").load(0).add(Uop.GUARD_TRUE, 1)
                .load(1).load(0).add(Uop.ADD).store(1)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .loop().build();
        try (Frame frame = Frame.allocate(2, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long n : new long[] {0, 1, 2, 100, 1000}) {
                    assertThat(run(compiled, frame, new long[] {n, 0})).isEqualTo(1);
                    assertThat(frame.local(1)).isEqualTo(n * (n + 1) / 2);
                    assertThat(frame.local(0)).isZero();
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void forwardConditionalJumpsPickTheRightBranch() {
        // local2 = a < b ? b : a (JUMP_IF_FALSE), local3 = a == b ? 1 : 2 (JUMP_IF_TRUE), both forward.
        Trace trace = trace("max")
                .load(0).load(1).add(Uop.LT)                  // 1..3
                .jump(Uop.JUMP_IF_FALSE, 8)                   // 4
                .load(1).store(2)                             // 5, 6
                .jump(Uop.JUMP, 10)                           // 7
                .load(0).store(2)                             // 8, 9
                .load(0).load(1).add(Uop.EQ)                  // 10..12
                .jump(Uop.JUMP_IF_TRUE, 17)                   // 13
                .constant(2).store(3)                         // 14, 15
                .exit(0)                                      // 16
                .constant(1).store(3)                         // 17, 18
                .exit(1)                                      // 19
                .build();
        Random random = new Random(SEED);
        try (Frame frame = Frame.allocate(4, 4)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long[] p : pairs(random).subList(0, 200)) {
                    long exit = run(compiled, frame, new long[] {p[0], p[1], SENTINEL, SENTINEL});
                    assertThat(frame.local(2)).isEqualTo(Math.max(p[0], p[1]));
                    assertThat(frame.local(3)).isEqualTo(p[0] == p[1] ? 1 : 2);
                    assertThat(exit).isEqualTo(p[0] == p[1] ? 1 : 0);
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void conditionalJumpsTestAll64Bits() {
        // JUMP_IF_TRUE @4 over EXIT 1; JUMP_IF_FALSE @7 over EXIT 2.
        Trace trace = trace("truth")
                .load(0).jump(Uop.JUMP_IF_TRUE, 4).exit(1)    // 1..3
                .load(1).jump(Uop.JUMP_IF_FALSE, 7).exit(2)   // 4..6
                .exit(3)                                      // 7
                .build();
        long[] truthy = {1, -1, 1L << 32, 1L << 63, 0x0001_0000_0000_0000L};
        try (Frame frame = Frame.allocate(2, 2)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                for (long t : truthy) {
                    assertThat(run(compiled, frame, new long[] {t, 0})).as("true %x", t).isEqualTo(3);
                    assertThat(run(compiled, frame, new long[] {t, t})).isEqualTo(2);
                    assertThat(frame.depth()).isZero();
                }
                assertThat(run(compiled, frame, new long[] {0, 0})).isEqualTo(1);
                assertThat(frame.depth()).isZero();
            }
        }
    }

    @Test
    void backwardJumpsLoop() {
        // sum = 0; do { sum += n; n -= 1; } while (n != 0)   via JUMP_IF_TRUE backward
        Trace doWhile = trace("do-while")
                .constant(0).store(1)                          // 1, 2
                .load(1).load(0).add(Uop.ADD).store(1)         // 3..6
                .load(0).constant(1).add(Uop.SUB).add(Uop.DUP).store(0) // 7..11
                .jump(Uop.JUMP_IF_TRUE, 3)                     // 12
                .exit(4)                                       // 13
                .build();
        // i = 0; loop: if (i >= n) exit; i += 2; jump loop   via JUMP_IF_FALSE forward + JUMP backward
        Trace countUp = trace("count up")
                .constant(0).store(1)                          // 1, 2
                .load(1).load(0).add(Uop.LT)                   // 3..5
                .jump(Uop.JUMP_IF_FALSE, 12)                   // 6
                .load(1).constant(2).add(Uop.ADD).store(1)     // 7..10
                .jump(Uop.JUMP, 3)                             // 11
                .exit(5)                                       // 12
                .build();
        // The same do-while with JUMP_IF_FALSE backward: while (!(n == 0))
        Trace untilZero = trace("until zero")
                .constant(0).store(1)                          // 1, 2
                .load(1).load(0).add(Uop.ADD).store(1)         // 3..6
                .load(0).constant(1).add(Uop.SUB).add(Uop.DUP).store(0) // 7..11
                .constant(0).add(Uop.EQ)                       // 12, 13
                .jump(Uop.JUMP_IF_FALSE, 3)                    // 14
                .exit(6)                                       // 15
                .build();
        // Uop 2 is reached only by the backward jump from uop 4.
        Trace reachedBackward = trace("reached backward")
                .jump(Uop.JUMP, 3)                             // 1
                .exit(8)                                       // 2
                .load(0).jump(Uop.JUMP_IF_TRUE, 2)             // 3, 4
                .exit(9)                                       // 5
                .build();
        try (Frame frame = Frame.allocate(2, 4)) {
            for (CompiledTrace compiled : compileAll(untilZero)) {
                for (long n : new long[] {1, 3, 250}) {
                    assertThat(run(compiled, frame, new long[] {n, SENTINEL})).isEqualTo(6);
                    assertThat(frame.local(1)).isEqualTo(n * (n + 1) / 2);
                    assertThat(frame.depth()).isZero();
                }
            }
            for (CompiledTrace compiled : compileAll(reachedBackward)) {
                assertThat(run(compiled, frame, new long[] {1L << 40})).isEqualTo(8);
                assertThat(run(compiled, frame, new long[] {0})).isEqualTo(9);
                assertThat(frame.depth()).isZero();
            }
            for (CompiledTrace compiled : compileAll(doWhile)) {
                for (long n : new long[] {1, 2, 10, 500}) {
                    assertThat(run(compiled, frame, new long[] {n, SENTINEL})).isEqualTo(4);
                    assertThat(frame.local(1)).isEqualTo(n * (n + 1) / 2);
                    assertThat(frame.depth()).isZero();
                }
            }
            for (CompiledTrace compiled : compileAll(countUp)) {
                for (long n : new long[] {-5, 0, 1, 2, 7, 300}) {
                    assertThat(run(compiled, frame, new long[] {n, SENTINEL})).isEqualTo(5);
                    assertThat(frame.local(1)).isEqualTo(n <= 0 ? 0 : (n + 1) / 2 * 2);
                    assertThat(frame.depth()).isZero();
                }
            }
        }
    }

    @Test
    void valuesPushedBeforeTheInvokeStayBelowAndTheDepthIsWrittenBack() {
        Trace trace = trace("on top").constant(5).load(0).add(Uop.MUL).constant(-1).add(Uop.SWAP).exit(0).build();
        assertThat(trace.maxDepth()).isEqualTo(2);
        try (Frame frame = Frame.allocate(1, 6)) {
            for (CompiledTrace compiled : compileAll(trace)) {
                run(compiled, frame, new long[] {9}, Long.MIN_VALUE, 1, 2, 3);
                assertThat(frame.stack()).containsExactly(Long.MIN_VALUE, 1, 2, 3, -1, 45);
                assertThat(frame.depth()).isEqualTo(6);
                // And again, on top of that: the depth the last exit wrote is the depth this entry reads.
                frame.pop();
                frame.pop();
                assertThat(compiled.invoke(frame)).isZero();
                assertThat(frame.stack()).containsExactly(Long.MIN_VALUE, 1, 2, 3, -1, 45);
                // A trace that pops all it pushed leaves the stack as it found it.
                frame.pop();
                frame.pop();
            }
            Trace balanced = trace("balanced").load(0).add(Uop.DUP).add(Uop.ADD).store(0).exit(0).build();
            for (CompiledTrace compiled : compileAll(balanced)) {
                run(compiled, frame, new long[] {21}, 10, 20, 30, 40);
                assertThat(frame.local(0)).isEqualTo(42);
                assertThat(frame.stack()).containsExactly(10, 20, 30, 40);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Random programs against a reference interpreter

    private static final Uop[] BINARY = {Uop.ADD, Uop.SUB, Uop.MUL, Uop.AND, Uop.OR, Uop.XOR, Uop.SHL, Uop.SHR,
            Uop.USHR, Uop.LT, Uop.LE, Uop.GT, Uop.GE, Uop.EQ, Uop.NE, Uop.DIV, Uop.REM};

    /** A random straight-line program over locals 0..3 that may exit early from a guard or a division. */
    private static Trace randomProgram(Random random, int number) {
        Trace.Builder b = trace("random " + number);
        int depth = 0;
        int length = 10 + random.nextInt(30);
        int exitValue = 10;
        for (int i = 0; i < length; i++) {
            int choice = random.nextInt(16);
            if (depth < 2 && choice >= 4) {
                choice = random.nextInt(4);
            }
            switch (choice) {
                case 0, 1 -> {
                    b.load(random.nextInt(4));
                    depth++;
                }
                case 2, 3 -> {
                    b.constant(operand(random));
                    depth++;
                }
                case 4, 5, 6, 7, 8 -> {
                    Uop uop = BINARY[random.nextInt(BINARY.length)];
                    b.add(uop, uop == Uop.DIV || uop == Uop.REM ? exitValue++ : 0);
                    depth--;
                }
                case 9 -> b.add(random.nextBoolean() ? Uop.NEG : Uop.NOT);
                case 10 -> {
                    b.store(random.nextInt(4));
                    depth--;
                }
                case 11 -> {
                    b.add(random.nextBoolean() ? Uop.DUP : Uop.OVER);
                    depth++;
                }
                case 12 -> b.add(Uop.SWAP);
                case 13 -> {
                    b.add(Uop.DROP);
                    depth--;
                }
                default -> {
                    b.add(random.nextBoolean() ? Uop.GUARD_TRUE : Uop.GUARD_FALSE, exitValue++);
                    depth--;
                }
            }
        }
        return b.exit(random.nextInt(10)).build();
    }

    /** What a trace without calls does to a frame, per the uop documentation, in plain Java. */
    record Outcome(long exit, List<Long> locals, List<Long> stack) {}

    static Outcome interpret(Trace trace, long[] locals, long[] stack) {
        long[] local = locals.clone();
        long[] s = Arrays.copyOf(stack, stack.length + trace.maxDepth() + 1);
        int sp = stack.length;
        int pc = 1;
        long exit;
        while (true) {
            TraceUop u = trace.uop(pc);
            int next = pc + 1;
            switch (u.uop()) {
                case EXIT -> {
                    exit = u.arg();
                    return new Outcome(exit, boxed(local), boxed(Arrays.copyOf(s, sp)));
                }
                case CONST -> s[sp++] = u.arg();
                case LOAD -> s[sp++] = local[(int) u.arg()];
                case STORE -> local[(int) u.arg()] = s[--sp];
                case DUP -> {
                    s[sp] = s[sp - 1];
                    sp++;
                }
                case DROP -> sp--;
                case SWAP -> {
                    long t = s[sp - 1];
                    s[sp - 1] = s[sp - 2];
                    s[sp - 2] = t;
                }
                case OVER -> {
                    s[sp] = s[sp - 2];
                    sp++;
                }
                case NEG -> s[sp - 1] = -s[sp - 1];
                case NOT -> s[sp - 1] = ~s[sp - 1];
                case DIV, REM -> {
                    if (s[sp - 1] == 0) {
                        return new Outcome(u.arg(), boxed(local), boxed(Arrays.copyOf(s, sp)));
                    }
                    s[sp - 2] = apply(u.uop(), s[sp - 2], s[sp - 1]);
                    sp--;
                }
                case GUARD_TRUE, GUARD_FALSE -> {
                    long v = s[--sp];
                    if ((v != 0) != (u.uop() == Uop.GUARD_TRUE)) {
                        return new Outcome(u.arg(), boxed(local), boxed(Arrays.copyOf(s, sp)));
                    }
                }
                case LOOP -> next = 1;
                case JUMP -> next = u.target();
                case JUMP_IF_TRUE -> next = s[--sp] != 0 ? u.target() : next;
                case JUMP_IF_FALSE -> next = s[--sp] == 0 ? u.target() : next;
                default -> {
                    s[sp - 2] = apply(u.uop(), s[sp - 2], s[sp - 1]);
                    sp--;
                }
            }
            pc = next;
        }
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void randomProgramsDoWhatTheReferenceInterpreterDoes() {
        Random random = new Random(SEED);
        int early = 0;
        try (Frame frame = Frame.allocate(4, 64)) {
            for (int p = 0; p < 24; p++) {
                Trace trace = randomProgram(random, p);
                List<long[]> inputs = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    inputs.add(new long[] {operand(random), operand(random), random.nextInt(3) - 1, operand(random)});
                }
                List<Outcome> expected = new ArrayList<>();
                for (long[] input : inputs) {
                    Outcome outcome = interpret(trace, input, new long[] {-42});
                    expected.add(outcome);
                    early += outcome.exit() >= 10 ? 1 : 0;
                }
                for (CompiledTrace compiled : compileAll(trace)) {
                    for (int i = 0; i < inputs.size(); i++) {
                        long exit = run(compiled, frame, inputs.get(i), -42);
                        Outcome actual = new Outcome(exit, boxed(locals(frame)), boxed(frame.stack()));
                        assertThat(actual).as("%s under %s on %s:%n%s", trace.name(), compiled.strategy(),
                                Arrays.toString(inputs.get(i)), trace.uops()).isEqualTo(expected.get(i));
                    }
                }
            }
        }
        assertThat(early).as("some runs leave early through a guard or a division by zero").isPositive();
    }
}
