package dev.stitch.readme;

import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.jit.CompiledTrace;
import dev.stitch.jit.Frame;
import dev.stitch.jit.SymbolTable;
import dev.stitch.jit.Trace;
import dev.stitch.jit.TraceCompiler;
import dev.stitch.jit.TraceParser;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's {@code dev.stitch.jit} snippet: the sum trace parsed, compiled for this JVM and run. */
class JitSnippetTest {
    /** What the trace prints through its upcall. */
    static final class App {
        static final List<Long> PRINTED = new CopyOnWriteArrayList<>();

        static void printLong(long value) {
            PRINTED.add(value);
        }
    }

    @Test
    void jitSnippetRunsTheSumTrace() throws Throwable {
        App.PRINTED.clear();
        // README snippet
        try (SymbolTable symbols = new SymbolTable();
             CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP);
             Frame frame = Frame.allocate(2, 16)) {
            symbols.upcall("print_long", MethodHandles.lookup().findStatic(App.class, "printLong",
                    MethodType.methodType(void.class, long.class)));          // a Java method the trace may CALL
            symbols.libc("labs", 1, CallResult.LONG);                        // and a C function
            Trace trace = TraceParser.parse(Path.of("examples/traces/sum.uops"), symbols);  // or Trace.builder(...)
            CompiledTrace compiled = new TraceCompiler(CallStrategy.PER_TRACE).compile(trace, arena);  // this JVM's architecture
            frame.setLocal(0, 100);
            long exit = compiled.invoke(frame);          // runs natively: App.printLong(5050), then exit 0
            assertThat(exit).isZero(); // test
            assertThat(App.PRINTED).containsExactly(5050L); // test
            assertThat(frame.local(1)).isEqualTo(5050); // test
            System.out.println(compiled.stats());
            System.out.println(compiled.listing());
            assertThat(compiled.listing()).contains("CALL print_long 1"); // test
            System.out.println(compiled.instructionsPerIteration());  // 6 on x86-64, 5 on AArch64: counted on the bytes
            assertThat(compiled.instructionsPerIteration()).isLessThan(12); // test
            // new TraceCompiler(Architecture.AARCH64, strategy).compileAt(trace, base): the other one's, to inspect
            // new TraceCompiler(Architecture.host(), strategy, CodeShape.STACK): the operand stack in memory instead
        }
        // README end
    }
}
