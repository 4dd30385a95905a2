package dev.stitch.a64;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encoding speed of the A64 assembler: a realistic mixed sequence of 512 instructions
 * (arithmetic, logic with bitmask immediates, loads and stores, pairs, moves, multiplies,
 * conditional selects, compares and a backward conditional branch per block), assembled into a
 * reused buffer, in instructions per second. The floor writes 512 ready-made words into the same
 * kind of buffer. The large benchmark method needs about five seconds of warm-up before C2 has
 * settled, hence the longer warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AssemblerBenchmark {
    private static final int INSTRUCTIONS = 512;
    private static final int BLOCK = 16;

    private final A64Assembler asm = new A64Assembler();
    private final GpRegister[] x = new GpRegister[16];
    private final GpRegister[] w = new GpRegister[16];
    private final CodeBuffer rawBuffer = CodeBuffer.growable();
    private int[] words;

    @Setup
    public void setUp() {
        for (int i = 0; i < 16; i++) {
            x[i] = Registers.x(i);
            w[i] = Registers.w(i);
        }
        mixed512();
        byte[] bytes = asm.buffer().toByteArray();
        words = new int[INSTRUCTIONS];
        for (int i = 0; i < INSTRUCTIONS; i++) {
            int at = i * 4;
            words[i] = (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
        }
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public CodeBuffer mixed512() {
        asm.reset();
        for (int block = 0; block < INSTRUCTIONS / BLOCK; block++) {
            GpRegister a = x[block & 15];
            GpRegister b = x[(block + 3) & 15];
            GpRegister c = x[(block + 7) & 15];
            Label top = asm.newLabel();
            asm.bind(top)
                    .add(a, b, 16 + block)
                    .sub(c, a, b)
                    .and(a, b, 0xff00)
                    .orr(w[block & 15], w[(block + 1) & 15], 0x0f0f0f0fL)
                    .ldr(c, Address.of(Registers.SP, 8L * (block & 31)))
                    .str(a, Address.preIndex(b, -16))
                    .ldp(a, b, Address.of(c, 16))
                    .stp(b, c, Address.postIndex(Registers.SP, 32))
                    .mov(a, c)
                    .movz(b, 0x1234 + block, 16)
                    .madd(a, b, c, a)
                    .lsl(c, a, block & 63)
                    .cmp(a, b)
                    .csel(c, a, b, Condition.LT)
                    .cset(w[block & 15], Condition.EQ)
                    .b(Condition.NE, top);
        }
        return asm.finish();
    }

    /** The floor: the same 512 words, already encoded, written into a reused buffer. */
    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public CodeBuffer rawWords512() {
        rawBuffer.reset();
        for (int word : words) {
            rawBuffer.putInt(word);
        }
        return rawBuffer;
    }
}
