package dev.stitch.jit;

import dev.stitch.a64.A64Disassembler;
import dev.stitch.mem.Architecture;
import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.CallResult;
import dev.stitch.stencil.CallStrategy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;

class TraceSmokeTest {
    static Trace sum(SymbolTable symbols) {
        return Trace.builder("sum", symbols).enter()
                .load(0).add(Uop.GUARD_TRUE, 1)
                .load(1).load(0).add(Uop.ADD).store(1)
                .load(0).constant(1).add(Uop.SUB).store(0)
                .constant(123456789).add(Uop.DROP)
                .load(1).call("labs", 1).add(Uop.DROP)
                .loop().build();
    }

    @Test
    void dump() throws Exception {
        try (SymbolTable symbols = new SymbolTable()) {
            symbols.libc("labs", 1, CallResult.LONG);
            for (CallStrategy strategy : CallStrategy.values()) {
                CompiledTrace t = new TraceCompiler(strategy).compileAt(sum(symbols), 0x10000);
                System.out.println(strategy + " " + t.stats());
                if (strategy == CallStrategy.PER_TRACE) {
                    ByteBuffer b = ByteBuffer.wrap(t.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                    for (int i = 0; i + 4 <= b.limit(); i += 4) {
                        System.out.printf("%04x: %08x %s%n", i, b.getInt(i), A64Disassembler.disassemble(b.getInt(i)));
                    }
                }
            }
            if (Architecture.host() == Architecture.AARCH64) {
                for (CallStrategy strategy : CallStrategy.values()) {
                    try (CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP); Frame frame = Frame.allocate(2, 8)) {
                        CompiledTrace t = new TraceCompiler(strategy).compile(sum(symbols), arena);
                        frame.setLocal(0, 100);
                        long exit = t.invoke(frame);
                        assertThat(exit).isEqualTo(1);
                        assertThat(frame.local(1)).isEqualTo(5050);
                        assertThat(frame.depth()).isZero();
                    }
                }
            }
        }
    }
}
