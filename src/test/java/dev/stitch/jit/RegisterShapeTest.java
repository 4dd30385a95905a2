package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The register shape where it differs from the stack shape: values spilled past the registers,
 * exits at every depth with pinned locals dirty, and the limit of its reach. Each trace runs in
 * both shapes on the same frame contents and must leave the same exit value, locals and stack.
 */
class RegisterShapeTest {
    private static final int LOCALS = 12;
    private static CodeArena arena;

    @BeforeAll
    static void setUp() {
        arena = CodeArena.create();
    }

    @AfterAll
    static void tearDown() {
        arena.close();
    }

    private record Outcome(long exit, long[] locals, long[] stack) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && exit == other.exit && Arrays.equals(locals, other.locals)
                    && Arrays.equals(stack, other.stack);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(exit);
        }

        @Override
        public String toString() {
            return "exit " + exit + ", locals " + Arrays.toString(locals) + ", stack " + Arrays.toString(stack);
        }
    }

    private static Outcome run(Trace trace, CodeShape shape, long[] locals) {
        CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, shape).compile(trace, arena);
        try (Frame frame = Frame.allocate(LOCALS, trace.maxDepth() + 8)) {
            frame.setLocals(locals, LOCALS);
            frame.push(-77); // a value below the trace's stack, which it must leave alone
            long exit = compiled.invoke(frame);
            long[] after = new long[LOCALS];
            frame.getLocals(after, LOCALS);
            return new Outcome(exit, after, frame.stack());
        } finally {
            compiled.free();
        }
    }

    private static void bothShapesAgree(Trace trace, long[] locals) {
        Outcome stack = run(trace, CodeShape.STACK, locals);
        Outcome registers = run(trace, CodeShape.REGISTERS, locals);
        assertThat(registers).as(trace.name()).isEqualTo(stack);
    }

    private static long[] locals(Random random) {
        long[] locals = new long[LOCALS];
        for (int i = 0; i < LOCALS; i++) {
            locals[i] = random.nextInt(2000) - 1000;
        }
        return locals;
    }

    /** Builds {@code depth} live values from locals, constants and arithmetic, deeper than any register file. */
    private static Trace.Builder deep(String name, int depth, Random random) {
        Trace.Builder b = Trace.builder(name, new SymbolTable()).enter();
        b.load(0).store(1); // local 1 pinned and dirty from here on
        for (int d = 0; d < depth; d++) {
            switch (random.nextInt(4)) {
                case 0 -> b.load(random.nextInt(LOCALS));
                case 1 -> b.constant(random.nextLong() >> random.nextInt(64));
                case 2 -> b.load(random.nextInt(LOCALS)).constant(random.nextInt(100)).add(Uop.MUL);
                default -> b.load(random.nextInt(LOCALS)).load(random.nextInt(LOCALS)).add(Uop.SUB);
            }
            if (random.nextInt(5) == 0) {
                b.load(2).constant(3).add(Uop.ADD).store(2); // another pinned local made dirty
            }
        }
        return b;
    }

    @Test
    void expressionsDeeperThanTheRegistersSpillAndFoldBack() {
        Random random = new Random(12);
        for (int depth : new int[] {1, 2, 3, 5, 8, 12, 16, 24, 40, 100}) {
            Trace.Builder b = deep("deep" + depth, depth, random);
            for (int d = 1; d < depth; d++) {
                b.add(random.nextBoolean() ? Uop.ADD : Uop.XOR);
            }
            Trace trace = b.store(3).exit(0).build();
            bothShapesAgree(trace, locals(random));
        }
    }

    @Test
    void anExitAtEveryDepthWritesBackExactlyTheFrame() {
        Random random = new Random(34);
        for (int depth = 0; depth <= 30; depth++) {
            // DIV by zero leaves with the stack unchanged: every live value, whatever holds it, goes to the frame
            Trace division = deep("div" + depth, depth, random).load(5).constant(0).add(Uop.DIV, 7).exit(0).build();
            bothShapesAgree(division, locals(random));
            // a failing guard leaves after its pop
            Trace guard = deep("guard" + depth, depth, random).load(5).load(5).add(Uop.NE).add(Uop.GUARD_TRUE, 9)
                    .exit(0).build();
            bothShapesAgree(guard, locals(random));
            // a bad array handle: the hoisted or unhoisted array uop exits with the stack unchanged
            Trace array = deep("array" + depth, depth, random).load(6).constant(0).add(Uop.ALOAD, 11).exit(0).build();
            bothShapesAgree(array, locals(random));
        }
    }

    @Test
    void aLoopThatYieldsGoesOnWithItsRegisters() {
        // s += i * i for i < n, with dirty pinned locals
        Trace trace = Trace.builder("yielding", new SymbolTable()).enter()
                .load(2).load(0).add(Uop.LT).add(Uop.GUARD_TRUE, 1)
                .load(1).load(2).load(2).add(Uop.MUL).add(Uop.ADD).store(1)
                .load(2).constant(1).add(Uop.ADD).store(2)
                .loop().build();
        for (CodeShape shape : CodeShape.values()) {
            CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, shape).compile(trace, arena);
            try (Frame frame = Frame.allocate(3, 8)) {
                frame.setLocals(new long[] {10_000, 0, 0}, 3);
                assertThat(compiled.invoke(frame, 3)).as(shape.name()).isEqualTo(1); // three back-edges per trip
                long[] locals = new long[3];
                frame.getLocals(locals, 3);
                assertThat(locals).containsExactly(10_000, 9_999L * 10_000 * 19_999 / 6, 10_000);
            } finally {
                compiled.free();
            }
        }
    }

    @Test
    void aYieldKeepsTheWrittenLocalsOfCallerSavedRegisters() {
        // eight sums l[k] += k * i for i < n: more written locals than callee-saved registers,
        // so some live in caller-saved ones, which the yield stub must leave as they are
        Trace.Builder b = Trace.builder("many", new SymbolTable()).enter()
                .load(9).load(0).add(Uop.LT).add(Uop.GUARD_TRUE, 1);
        for (int k = 1; k <= 8; k++) {
            b.load(k).load(9).constant(k).add(Uop.MUL).add(Uop.ADD).store(k);
        }
        Trace trace = b.load(9).constant(1).add(Uop.ADD).store(9).loop().build();
        long n = 1_000;
        for (CodeShape shape : CodeShape.values()) {
            CompiledTrace compiled = new TraceCompiler(Architecture.host(), CallStrategy.PER_TRACE, shape).compile(trace, arena);
            try (Frame frame = Frame.allocate(10, 8)) {
                frame.setLocal(0, n);
                assertThat(compiled.invoke(frame, 1)).as(shape.name()).isEqualTo(1); // a trip per back-edge
                for (int k = 1; k <= 8; k++) {
                    assertThat(frame.local(k)).as(shape + ", local " + k).isEqualTo(k * n * (n - 1) / 2);
                }
                assertThat(frame.local(9)).isEqualTo(n);
            } finally {
                compiled.free();
            }
        }
    }

    @Test
    void aStackDeeperThanTheRegisterShapeReachesIsRefusedNamingTheStackShape() {
        Trace.Builder b = Trace.builder("tall", new SymbolTable()).enter();
        for (int i = 0; i < 513; i++) {
            b.constant(i);
        }
        Trace tall = b.exit(0).build();
        assertThatThrownBy(() -> new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.REGISTERS)
                .compileAt(tall, 0x10000))
                .isInstanceOf(TraceException.class)
                .hasMessageContainingAll("tall", "stack depth of 513", "0..511", "STACK");
        assertThat(new TraceCompiler(Architecture.X86_64, CallStrategy.PER_TRACE, CodeShape.STACK)
                .compileAt(tall, 0x10000).size()).isPositive();
    }
}
