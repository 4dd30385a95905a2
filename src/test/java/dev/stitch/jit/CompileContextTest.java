package dev.stitch.jit;

import dev.stitch.mem.Architecture;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiler reuses the memory it plans in ({@link CompileContext}): nothing a compilation
 * returns may change when the next one reuses it, and threads compiling at once must not share
 * one. Traces are compiled for inspection, so on every host.
 */
class CompileContextTest {
    private static final long BASE = 0x4000_0000L;
    private static final SymbolTable SYMBOLS = new SymbolTable();

    private static Trace loop(String name, int local, long constant) {
        return Trace.builder(name, SYMBOLS).enter()
                .load(local).constant(constant).add(Uop.ADD).store(local)
                .load(local).constant(1000).add(Uop.LT).add(Uop.GUARD_TRUE, 1)
                .loop().build();
    }

    private static Trace straight(String name) {
        return Trace.builder(name, SYMBOLS).enter().load(0).load(1).add(Uop.MUL).constant(-3).add(Uop.SUB).store(2)
                .exit(7).build();
    }

    @ParameterizedTest
    @EnumSource(CodeShape.class)
    void aCompiledTraceIsUnchangedWhenTheNextCompilationReusesTheContext(CodeShape shape) {
        for (Architecture arch : Architecture.values()) {
            TraceCompiler compiler = new TraceCompiler(arch, CallStrategy.PER_TRACE, shape);
            CompiledTrace first = compiler.compileAt(loop("first", 0, 5), BASE);
            byte[] bytes = first.bytes();
            TraceStats stats = first.stats();
            String listing = first.listing();
            double perIteration = first.instructionsPerIteration();
            // Different sizes, uops and cold blocks: every piece and block of the first is reused.
            compiler.compileAt(straight("second"), BASE + 0x10000);
            compiler.compileAt(loop("third", 3, 1 << 20), BASE + 0x20000);
            assertThat(first.bytes()).isEqualTo(bytes);
            assertThat(first.stats()).isEqualTo(stats);
            assertThat(first.listing()).isEqualTo(listing).contains("trace first");
            assertThat(first.instructionsPerIteration()).isEqualTo(perIteration);
            assertThat(compiler.compileAt(loop("first", 0, 5), BASE).bytes()).isEqualTo(bytes);
        }
    }

    @Test
    void aContextIsLentToOneCompilationAtATime() {
        CompileContext context = CompileContext.take();
        CompileContext other = CompileContext.take();
        assertThat(other).isNotSameAs(context);
        other.release();
        context.release();
    }

    @Test
    void threadsCompilingAtOnceGetTheBytesOfOneCompilingAlone() throws Exception {
        List<Trace> traces = List.of(loop("a", 0, 5), straight("b"), loop("c", 2, -70000), loop("d", 1, 1L << 40));
        TraceCompiler compiler = new TraceCompiler(Architecture.AARCH64, CallStrategy.PER_TRACE, CodeShape.REGISTERS);
        List<byte[]> alone = new ArrayList<>();
        for (Trace trace : traces) {
            alone.add(compiler.compileAt(trace, BASE).bytes());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                Callable<Boolean> task = () -> {
                    for (int round = 0; round < 300; round++) {
                        int k = (round + offset) % traces.size();
                        if (!java.util.Arrays.equals(compiler.compileAt(traces.get(k), BASE).bytes(), alone.get(k))) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
    }
}
