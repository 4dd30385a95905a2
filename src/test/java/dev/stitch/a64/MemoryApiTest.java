package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static dev.stitch.a64.Registers.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load/store API used directly, and whole programs with labels and literal pools compared
 * byte for byte with what llvm-mc assembles from the same text.
 */
class MemoryApiTest {
    private static List<Integer> words(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> words = new ArrayList<>();
        while (buffer.remaining() >= 4) {
            words.add(buffer.getInt());
        }
        return words;
    }

    @Test
    void apiMatchesLlvm() {
        A64Assembler asm = new A64Assembler();
        asm.ldr(X0, Address.of(X1))
                .ldr(X0, Address.of(SP, 32760))
                .ldr(W2, Address.of(X3, -4))
                .str(XZR, Address.preIndex(SP, -16))
                .str(X30, Address.postIndex(SP, 16))
                .ldrb(W4, Address.index(X5, X6))
                .ldrh(W4, Address.index(X5, W6, Extend.SXTW, 1))
                .ldrsw(X7, Address.index(X8, X9, Shift.LSL, 2))
                .ldrsb(X1, Address.index(X2, X3, Extend.SXTX))
                .ldur(Q0, Address.of(X1, -256))
                .str(Q31, Address.of(SP, 65520))
                .ldp(FP, LR, Address.postIndex(SP, 16))
                .stp(FP, LR, Address.preIndex(SP, -16))
                .ldp(D8, D9, Address.of(SP, -512))
                .ldpsw(X0, X1, Address.of(X2, 252))
                .ldnp(Q0, Q1, Address.of(X2, -1024))
                .ldaxr(X0, X1)
                .stlxr(W2, X0, X1)
                .ldxp(W0, W1, SP)
                .stlrb(W0, X1)
                .casal(X0, X1, X2)
                .casb(W0, W1, X2)
                .ldaddal(W0, W1, X2)
                .stadd(X0, SP)
                .staddl(W0, X1)
                .swpa(X0, X1, X2)
                .atomic(MemoryInstructions.AtomicOp.UMIN, MemoryInstructions.Ordering.RELEASE,
                        MemoryInstructions.AtomicWidth.HALFWORD, W3, W4, X5)
                .atomicStore(MemoryInstructions.AtomicOp.EOR, MemoryInstructions.Ordering.RELAXED,
                        MemoryInstructions.AtomicWidth.BYTE, W3, X5)
                .ldrPcRelative(X0, -8)
                .ldrPcRelative(S1, 1048572);
        List<Integer> expected = LlvmMc.encode(List.of(
                "ldr x0, [x1]", "ldr x0, [sp, #32760]", "ldur w2, [x3, #-4]", "str xzr, [sp, #-16]!",
                "str x30, [sp], #16", "ldrb w4, [x5, x6]", "ldrh w4, [x5, w6, sxtw #1]", "ldrsw x7, [x8, x9, lsl #2]",
                "ldrsb x1, [x2, x3, sxtx]", "ldur q0, [x1, #-256]", "str q31, [sp, #65520]",
                "ldp x29, x30, [sp], #16", "stp x29, x30, [sp, #-16]!", "ldp d8, d9, [sp, #-512]",
                "ldpsw x0, x1, [x2, #252]", "ldnp q0, q1, [x2, #-1024]", "ldaxr x0, [x1]", "stlxr w2, x0, [x1]",
                "ldxp w0, w1, [sp]", "stlrb w0, [x1]", "casal x0, x1, [x2]", "casb w0, w1, [x2]",
                "ldaddal w0, w1, [x2]", "stadd x0, [sp]", "staddl w0, [x1]", "swpa x0, x1, [x2]",
                "lduminlh w3, w4, [x5]", "steorb w3, [x5]", "ldr x0, #-8", "ldr s1, #1048572"));
        assertThat(words(asm.finish().toByteArray())).isEqualTo(expected);
    }

    @Test
    void labelsForwardAndBackward() {
        String source = """
                back:
                    .quad 0x1122334455667788
                    ldr x0, back
                    ldr w1, fwd
                    ldrsw x2, fwd
                    ldr s3, fwd
                    ldr d4, back
                    ldr q5, back
                    .word 0xd503201f
                fwd:
                    .word 0x12345678
                """;
        byte[] llvm = LlvmMc.assembleObject(source);
        assertThat(A64TextAssembler.assemble(source, "labels.s").bytes()).isEqualTo(llvm);

        A64Assembler asm = new A64Assembler();
        Label back = asm.newLabel("back");
        Label fwd = asm.newLabel("fwd");
        asm.bind(back).emit64(0x1122334455667788L)
                .ldr(X0, back).ldr(W1, fwd).ldrsw(X2, fwd).ldr(S3, fwd).ldr(D4, back).ldr(Q5, back)
                .emit(ControlEncoders.NOP).bind(fwd).emit(0x12345678);
        assertThat(asm.finish().toByteArray()).isEqualTo(llvm);
    }

    /**
     * Programs with {@code =} loads, {@code .ltorg} and several pools. Two LLVM 14 quirks are
     * left out on purpose: it reuses an entry of an earlier pool for an equal constant (without
     * checking reach), and it shares one entry between a 4-byte and an 8-byte load of the same
     * value (the 8-byte load then reads past it). Stitch keeps each pool's entries to itself and
     * keys entries by value and size, so these programs repeat constants only within one pool.
     */
    @Test
    void literalPoolProgramsMatchLlvm() {
        String source = """
                    ldr x0, =0x123456789
                    ldr w1, =0x12345
                    ldr x2, =0x10000
                    ldr w3, =0x80000000
                    ldr x4, =0xffff000000000000
                    ldr x5, =0
                    ldr x6, =0x123456789
                    ldr w7, =-65536
                    ldr w8, =-1
                    ldr x9, =-2
                    .ltorg
                    ldr x10, =0x223456789
                    .word 0xd503201f
                    ldr w11, =0x7654321
                    ldr x12, =0xfedcba9876543210
                    .ltorg
                    .word 0xd503201f
                    ldr w13, =0xabcdef
                    ldr x14, =0x1111111111111111
                    ldr w15, =0xabcdef
                    .word 0xd65f03c0
                """;
        byte[] llvm = LlvmMc.assembleObject(source);
        assertThat(A64TextAssembler.assemble(source, "pool.s").bytes()).isEqualTo(llvm);
    }

    @Test
    void apiLiteralPoolForIntegersAndFloats() {
        A64Assembler asm = new A64Assembler();
        asm.ldrLiteral(X0, 0x0123456789abcdefL)
                .ldrLiteral(W1, 0x12345678)
                .ldrLiteral(D2, Double.doubleToRawLongBits(1.5))
                .ldrLiteral(S3, Float.floatToRawIntBits(2.5f))
                .ldrLiteral(X4, 0x0123456789abcdefL);
        String source = """
                    ldr x0, a
                    ldr w1, b
                    ldr d2, c
                    ldr s3, d
                    ldr x4, a
                    .word 0
                a:  .quad 0x0123456789abcdef
                b:  .word 0x12345678
                    .word 0
                c:  .quad 0x3ff8000000000000
                d:  .word 0x40200000
                """;
        assertThat(asm.finish().toByteArray()).isEqualTo(LlvmMc.assembleObject(source));
    }

    @Test
    void poolIsPlacedEarlyBehindABranchWhenTheFirstLoadWouldFallOutOfReach() {
        A64Assembler asm = new A64Assembler();
        asm.ldrLiteral(X0, 0x123456789L);
        int nops = 262_200;
        for (int i = 0; i < nops; i++) {
            asm.emit(ControlEncoders.NOP);
        }
        byte[] bytes = asm.finish().toByteArray();

        // Computed by hand: the pool (one 8-byte entry, reserved as 16 bytes with padding) must end
        // within 1 MiB - 4 of the load at 0, so the branch goes at the last word where
        // position + 4 (the next word) + 4 (the branch) + 16 still fits: 1048552.
        int branchAt = 1_048_552;
        int entryAt = 1_048_560;
        List<Integer> expected = new ArrayList<>();
        expected.add(0x5800_0000 | (entryAt / 4) << 5);
        int before = (branchAt - 4) / 4;
        for (int i = 0; i < before; i++) {
            expected.add(ControlEncoders.NOP);
        }
        expected.add(0x1400_0000 | (entryAt + 8 - branchAt) / 4);
        expected.add(0);
        expected.add(0x23456789);
        expected.add(0x1);
        for (int i = before; i < nops; i++) {
            expected.add(ControlEncoders.NOP);
        }
        List<Integer> actual = words(bytes);
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual).isEqualTo(expected);
        assertThat(A64Disassembler.disassemble(actual.get(0))).isEqualTo("ldr x0, #" + entryAt);
        assertThat((long) entryAt).isLessThanOrEqualTo(LabelUse.BRANCH19.maxForward());
    }

    @Test
    void namedAtomicsAreTheGenericOnes() {
        A64Assembler named = new A64Assembler();
        named.ldaddalb(W0, W1, X2).swplh(W3, W4, SP).caslb(W5, W6, X7).staddlh(W8, X9).casah(W1, W2, X3);
        A64Assembler generic = new A64Assembler();
        generic.atomic(MemoryInstructions.AtomicOp.ADD, MemoryInstructions.Ordering.ACQUIRE_RELEASE,
                        MemoryInstructions.AtomicWidth.BYTE, W0, W1, X2)
                .atomic(MemoryInstructions.AtomicOp.SWP, MemoryInstructions.Ordering.RELEASE,
                        MemoryInstructions.AtomicWidth.HALFWORD, W3, W4, SP)
                .compareAndSwap(MemoryInstructions.Ordering.RELEASE, MemoryInstructions.AtomicWidth.BYTE, W5, W6, X7)
                .atomicStore(MemoryInstructions.AtomicOp.ADD, MemoryInstructions.Ordering.RELEASE,
                        MemoryInstructions.AtomicWidth.HALFWORD, W8, X9)
                .compareAndSwap(MemoryInstructions.Ordering.ACQUIRE, MemoryInstructions.AtomicWidth.HALFWORD, W1, W2, X3);
        assertThat(named.finish().toByteArray()).isEqualTo(generic.finish().toByteArray());
        assertThat(words(named.buffer().toByteArray())).isEqualTo(LlvmMc.encode(List.of(
                "ldaddalb w0, w1, [x2]", "swplh w3, w4, [sp]", "caslb w5, w6, [x7]", "staddlh w8, [x9]",
                "casah w1, w2, [x3]")));
    }

    @Test
    void decoderGivesNullForOtherGroups() {
        assertThat(MemoryDecoder.decode(0xd503201f)).isNull(); // nop
        assertThat(MemoryDecoder.decode(0xf9800000)).isNull(); // prfm
        assertThat(MemoryDecoder.decode(0x8b020020)).isNull(); // add
        assertThat(MemoryDecoder.decode(0x14000000)).isNull(); // b
    }
}
