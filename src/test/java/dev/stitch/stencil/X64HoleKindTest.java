package dev.stitch.stencil;

import dev.stitch.x64.Condition;
import dev.stitch.x64.Mem;
import dev.stitch.x64.X64Assembler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.EAX;
import static dev.stitch.x64.Registers.RBX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The x86-64 hole kinds: {@code REL32} and {@code RIP32} patched through {@link X64HoleKind#apply}
 * give exactly the bytes the x86-64 assembler (itself checked against llvm-mc) encodes for the
 * final displacement; a field after the wrong instruction, or a value out of range, is a
 * {@link HoleException} naming the kind, the place, the value and the range.
 */
class X64HoleKindTest {
    private static final long PLACE = 0x7000_0000_1000L;

    private static byte[] code(Consumer<X64Assembler> emit) {
        X64Assembler asm = new X64Assembler();
        emit.accept(asm);
        return asm.finish();
    }

    /** Patches the last 4 bytes of {@code zero} (an instruction at PLACE) for {@code target}. */
    private static byte[] patched(X64HoleKind kind, byte[] zero, long target) {
        byte[] out = zero.clone();
        int field = out.length - 4;
        kind.apply(out, field, PLACE + field, target);
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, 5, -5, 0x7FFF_FFFF, Integer.MIN_VALUE, 123_456_789})
    void rel32OnJmpCallAndJccEqualsTheAssemblerWithTheFinalDisplacement(int displacement) {
        byte[] jmp = code(a -> a.jmpRel32(0));
        long target = PLACE + jmp.length + displacement;
        assertThat(patched(X64HoleKind.REL32, jmp, target)).isEqualTo(code(a -> a.jmpRel32(displacement)));
        byte[] call = code(a -> a.callRel32(0));
        assertThat(patched(X64HoleKind.REL32, call, PLACE + call.length + displacement))
                .isEqualTo(code(a -> a.callRel32(displacement)));
        for (Condition condition : Condition.values()) {
            byte[] jcc = code(a -> a.jccRel32(condition, 0));
            assertThat(patched(X64HoleKind.REL32, jcc, PLACE + jcc.length + displacement))
                    .as("j%s", condition.suffix()).isEqualTo(code(a -> a.jccRel32(condition, displacement)));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 31, (1L << 31) + 8, -(1L << 31) - 1, 1L << 40})
    void rel32OutOfReachNamesTheRange(long displacement) {
        byte[] jmp = code(a -> a.jmpRel32(0));
        long target = PLACE + jmp.length + displacement;
        assertThatThrownBy(() -> patched(X64HoleKind.REL32, jmp, target))
                .isInstanceOf(HoleException.class)
                .hasMessageContainingAll("REL32 hole at 0x" + Long.toHexString(PLACE + 1), "call, jmp or jcc",
                        "0x" + Long.toHexString(target), displacement + " bytes",
                        "allowed -2147483648..2147483647 bytes (±2 GiB)");
    }

    @Test
    void rip32OnAnIndirectCallAndALoadEqualsTheAssembler() {
        byte[] call = code(a -> a.call(Mem.rip(0).qword()));
        assertThat(patched(X64HoleKind.RIP32, call, PLACE + call.length + 0x1234))
                .isEqualTo(code(a -> a.call(Mem.rip(0x1234).qword())));
        byte[] load = code(a -> a.mov(RAX, Mem.rip(0)));
        assertThat(patched(X64HoleKind.RIP32, load, PLACE + load.length - 64))
                .isEqualTo(code(a -> a.mov(RAX, Mem.rip(-64))));
    }

    @Test
    void relativeKindsRefuseAFieldAfterAnotherInstruction() {
        byte[] load = code(a -> a.mov(RAX, Mem.of(RBX).withDisp32()));
        assertThatThrownBy(() -> patched(X64HoleKind.REL32, load, PLACE))
                .isInstanceOf(HoleException.class)
                .hasMessage("REL32 hole at 0x" + Long.toHexString(PLACE + 3)
                        + " expects call, jmp or jcc with a 32-bit displacement, found bytes 8b 83 before the field");
        assertThatThrownBy(() -> patched(X64HoleKind.RIP32, load, PLACE))
                .isInstanceOf(HoleException.class)
                .hasMessageContainingAll("RIP32", "expects an instruction with a [rip + disp32] operand", "8b 83");
        byte[] call = code(a -> a.callRel32(0));
        assertThatThrownBy(() -> patched(X64HoleKind.RIP32, call, PLACE)).isInstanceOf(HoleException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void abs32sTakesSigned32BitValues(int value) {
        byte[] store = code(a -> a.mov(RAX, 0L));
        byte[] out = patched(X64HoleKind.ABS32S, store, value);
        assertThat(out).isEqualTo(code(a -> a.mov(RAX, (long) value)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 31, 0xFFFF_FFFFL, -(1L << 31) - 1, Long.MIN_VALUE})
    void abs32sRefusesWhatASignExtendedFieldCannotHold(long value) {
        byte[] store = code(a -> a.mov(RAX, 0L));
        assertThatThrownBy(() -> patched(X64HoleKind.ABS32S, store, value))
                .isInstanceOf(HoleException.class)
                .hasMessageContainingAll("ABS32S", String.valueOf(value), "allowed -2147483648..2147483647");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x7FFF_FFFFL, 0xFFFF_FFFFL})
    void abs32uTakesWhatAZeroExtendingMovLoads(long value) {
        byte[] mov = code(a -> a.mov(EAX, 0L));
        assertThat(patched(X64HoleKind.ABS32U, mov, value)).isEqualTo(code(a -> a.mov(EAX, value)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Integer.MIN_VALUE, 1L << 32})
    void abs32uRefusesWhatAZeroExtendingMovWouldChange(long value) {
        byte[] mov = code(a -> a.mov(EAX, 0L));
        assertThatThrownBy(() -> patched(X64HoleKind.ABS32U, mov, value))
                .isInstanceOf(HoleException.class)
                .hasMessageContainingAll("ABS32U", String.valueOf(value), "zero-extended", "allowed 0..4294967295");
    }

    @Test
    void abs64FillsAMovabs() {
        byte[] movabs = code(a -> a.movabs(RAX, 0));
        byte[] out = movabs.clone();
        X64HoleKind.ABS64.apply(out, 2, PLACE + 2, 0x1122_3344_5566_7788L);
        assertThat(out).isEqualTo(code(a -> a.movabs(RAX, 0x1122_3344_5566_7788L)));
    }

    @ParameterizedTest
    @EnumSource(value = X64HoleKind.class, names = {"ABS64"}, mode = EnumSource.Mode.EXCLUDE)
    void x64KindsAreFourBytesAndNotAArch64(X64HoleKind kind) {
        assertThat(kind.size()).isEqualTo(4);
        assertThat(kind.isData()).isEqualTo(kind == X64HoleKind.ABS32S || kind == X64HoleKind.ABS32U);
    }

    /** Each register field and its REX bit, checked against what the assembler encodes for the register. */
    @Test
    void registerKindsPatchTheFieldAndItsRexBit() {
        for (int r = 0; r < 16; r++) {
            dev.stitch.x64.Register reg = dev.stitch.x64.Registers.of(r, 64);
            dev.stitch.x64.Register other = dev.stitch.x64.Registers.of(15 - r, 64);
            byte[] movRm = code(a -> a.mov(dev.stitch.x64.Registers.R8, dev.stitch.x64.Registers.R9)); // 4d 89 c8: rm=r8, reg=r9
            X64HoleKind.MODRM_RM.apply(movRm, 0, PLACE, r);
            X64HoleKind.MODRM_REG.apply(movRm, 0, PLACE, 15 - r);
            assertThat(movRm).isEqualTo(code(a -> a.mov(reg, other)));
            if (r != 4) { // rsp cannot be an index
                byte[] load = code(a -> a.mov(RAX, Mem.of(RBX, dev.stitch.x64.Registers.R10, 8, 0)));
                X64HoleKind.SIB_INDEX.apply(load, 0, PLACE, r);
                assertThat(load).isEqualTo(code(a -> a.mov(RAX, Mem.of(RBX, reg, 8, 0))));
            }
            byte[] imm = code(a -> a.mov(dev.stitch.x64.Registers.R8.withBits(32), 0x4000_0000L)); // 41 b8 imm32
            X64HoleKind.OPCODE_REG.apply(imm, 0, PLACE, r);
            byte[] expected = code(a -> a.mov(reg.withBits(32), 0x4000_0000L));
            assertThat(Arrays.copyOfRange(imm, imm.length - expected.length, imm.length)).isEqualTo(expected);
        }
        byte[] noRex = code(a -> a.mov(RAX, RBX));
        noRex[0] = (byte) 0x90;
        assertThatThrownBy(() -> X64HoleKind.MODRM_RM.apply(noRex, 0, PLACE, 1)).isInstanceOf(HoleException.class)
                .hasMessageContaining("REX prefix");
        assertThatThrownBy(() -> X64HoleKind.MODRM_RM.apply(code(a -> a.mov(RAX, RBX)), 0, PLACE, 16))
                .isInstanceOf(HoleException.class).hasMessageContaining("allowed 0..15");
    }

    @Test
    void applyOnAnAArch64KindPatchesTheWordInPlace() {
        byte[] out = new byte[8];
        Bytes.putInt(out, 4, 0x1400_0000); // b #0
        A64HoleKind.BRANCH26.apply(out, 4, PLACE + 4, PLACE + 4 + 64);
        assertThat(Bytes.getInt(out, 4)).isEqualTo(0x1400_0010);
        assertThat(Arrays.copyOf(out, 4)).containsOnly(0);
    }

    @Test
    void aMalformedX64StencilIsRefusedWithAMessage() {
        List<Hole> holes = List.of(new Hole(0, X64HoleKind.REL32, HoleValue.CONTINUATION, -1, 0, false));
        // The instruction under a hole is checked once, when the stencil is made: compiling only fills it.
        assertThatThrownBy(() -> new Stencil(dev.stitch.mem.Architecture.X86_64, "short", new byte[4], new byte[0], 1,
                holes, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stencil short (offsets from its start): REL32 hole at 0x0 expects call, jmp or jcc");
        assertThatThrownBy(() -> new Stencil(dev.stitch.mem.Architecture.AARCH64, "mixed", new byte[4], new byte[0], 4,
                holes, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stencil mixed: REL32 is not a hole kind of aarch64");
    }
}
