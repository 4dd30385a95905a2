package dev.stitch.stencil;

import dev.stitch.a64.A64Assembler;
import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.Address;
import dev.stitch.a64.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.stitch.a64.Registers.B4;
import static dev.stitch.a64.Registers.D3;
import static dev.stitch.a64.Registers.H1;
import static dev.stitch.a64.Registers.Q0;
import static dev.stitch.a64.Registers.Q1;
import static dev.stitch.a64.Registers.Q5;
import static dev.stitch.a64.Registers.S2;
import static dev.stitch.a64.Registers.SP;
import static dev.stitch.a64.Registers.W0;
import static dev.stitch.a64.Registers.W1;
import static dev.stitch.a64.Registers.W3;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.X16;
import static dev.stitch.a64.Registers.X2;
import static dev.stitch.a64.Registers.X3;
import static dev.stitch.a64.Registers.X5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every hole kind patched against an independent encoder: the word a patch gives must equal the
 * word the A64 assembler (or llvm-mc) encodes for the same instruction with the final immediate;
 * wrong instruction words and values that do not fit must be refused with a message that says
 * which hole, where, and what is allowed.
 */
class HoleKindTest {
    /** An instruction address well above zero, word aligned but not page aligned. */
    private static final long PLACE = 0x7f12_3456_7a44L;

    /** The first word the assembler writes for {@code emit}. */
    private static int word(Consumer<A64Assembler> emit) {
        A64Assembler asm = new A64Assembler();
        emit.accept(asm);
        return asm.finish().intAt(0);
    }

    private static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    // ------------------------------------------------------------------------------ every kind

    /** A word each instruction kind accepts and a value that fits it at {@link #PLACE}. */
    private static final Map<A64HoleKind, long[]> SAMPLES = new EnumMap<>(A64HoleKind.class);

    static {
        SAMPLES.put(A64HoleKind.BRANCH26, new long[] {word(a -> a.b(0L)), PLACE + 64});
        SAMPLES.put(A64HoleKind.BRANCH19, new long[] {word(a -> a.cbz(X0, 0L)), PLACE - 64});
        SAMPLES.put(A64HoleKind.BRANCH14, new long[] {word(a -> a.tbz(X0, 1, 0L)), PLACE + 8});
        SAMPLES.put(A64HoleKind.ADR21, new long[] {word(a -> a.adr(X0, 0L)), PLACE + 3});
        SAMPLES.put(A64HoleKind.ADRP21, new long[] {word(a -> a.adrp(X0, 0L)), PLACE + 0x10_0000});
        SAMPLES.put(A64HoleKind.ADD_LO12, new long[] {word(a -> a.add(X0, X1, 0, 0)), 0x1234});
        SAMPLES.put(A64HoleKind.LDST_LO12, new long[] {word(a -> a.ldr(X0, Address.of(X1))), 0x1238});
        SAMPLES.put(A64HoleKind.MOVW_G0, new long[] {word(a -> a.movz(X0, 0, 0)), 0x1234});
        SAMPLES.put(A64HoleKind.MOVW_G1, new long[] {word(a -> a.movz(X0, 0, 16)), 0x1234_5678L});
        SAMPLES.put(A64HoleKind.MOVW_G2, new long[] {word(a -> a.movk(X0, 0, 32)), 0x1234_5678_9abcL});
        SAMPLES.put(A64HoleKind.MOVW_G3, new long[] {word(a -> a.movk(X0, 0, 48)), -1L});
        SAMPLES.put(A64HoleKind.MOVW_G0_NC, new long[] {word(a -> a.movz(X0, 0, 0)), -1L});
        SAMPLES.put(A64HoleKind.MOVW_G1_NC, new long[] {word(a -> a.movk(X0, 0, 16)), -1L});
        SAMPLES.put(A64HoleKind.MOVW_G2_NC, new long[] {word(a -> a.movk(X0, 0, 32)), -1L});
        SAMPLES.put(A64HoleKind.ABS64, new long[] {0, Long.MIN_VALUE});
        SAMPLES.put(A64HoleKind.ABS32, new long[] {0, 0xFFFF_FFFFL});
        SAMPLES.put(A64HoleKind.REG_RD, new long[] {word(a -> a.add(X0, X1, X2)), 30});
        SAMPLES.put(A64HoleKind.REG_RN, new long[] {word(a -> a.add(X0, X1, X2)), 17});
        SAMPLES.put(A64HoleKind.REG_RA, new long[] {word(a -> a.madd(X0, X1, X2, X3)), 4});
        SAMPLES.put(A64HoleKind.REG_RM, new long[] {word(a -> a.add(X0, X1, X2)), 28});
    }

    @Test
    void everyAArch64KindHasASampleHere() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(
                A64HoleKind.values());
    }

    @ParameterizedTest
    @EnumSource(A64HoleKind.class)
    void eachKindPatchesItsSampleOrChecksItsDataValue(A64HoleKind kind) {
        long[] sample = SAMPLES.get(kind);
        int word = (int) sample[0];
        if (kind.patchesInstruction()) {
            assertThat(kind.accepts(word)).isTrue();
            int patched = kind.patch(word, PLACE, sample[1]);
            assertThat(kind.accepts(patched)).as("the patched word is still the same instruction").isTrue();
            assertThat(A64Disassembler.disassemble(patched)).doesNotStartWith(".inst");
        } else {
            assertThat(kind.checkData(PLACE, sample[1])).isEqualTo(sample[1]);
        }
    }

    @ParameterizedTest
    @EnumSource(A64HoleKind.class)
    void sizeIsEightBytesOnlyForAbs64(A64HoleKind kind) {
        assertThat(kind.size()).isEqualTo(kind == A64HoleKind.ABS64 ? 8 : 4);
    }

    @ParameterizedTest
    @EnumSource(A64HoleKind.class)
    void onlyTheAbsoluteKindsPatchData(A64HoleKind kind) {
        boolean data = kind == A64HoleKind.ABS64 || kind == A64HoleKind.ABS32;
        assertThat(kind.patchesInstruction()).isEqualTo(!data);
    }

    // ------------------------------------------------------------------------------ BRANCH26

    static Stream<Arguments> branch26Targets() {
        return Stream.of(
                arguments(PLACE, PLACE),
                arguments(PLACE, PLACE + 4),
                arguments(PLACE, PLACE - 4),
                arguments(PLACE, PLACE + 0x7FF_FFFCL), // the farthest forward
                arguments(PLACE, PLACE - 0x800_0000L), // the farthest backward
                arguments(0L, 0x400L),
                arguments(0x1000L, 0L));
    }

    @ParameterizedTest
    @MethodSource("branch26Targets")
    void branch26OnBEqualsTheAssemblersB(long place, long target) {
        int patched = A64HoleKind.BRANCH26.patch(word(a -> a.b(0L)), place, target);
        assertThat(patched).isEqualTo(word(a -> a.b(target - place)));
    }

    @ParameterizedTest
    @MethodSource("branch26Targets")
    void branch26OnBlEqualsTheAssemblersBl(long place, long target) {
        int patched = A64HoleKind.BRANCH26.patch(word(a -> a.bl(0L)), place, target);
        assertThat(patched).isEqualTo(word(a -> a.bl(target - place)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x800_0000L, -0x800_0004L, 0x1_0000_0000L, -0x1_0000_0000L})
    void branch26OutOfReachNamesTheRange(long distance) {
        assertThatThrownBy(() -> A64HoleKind.BRANCH26.patch(word(a -> a.b(0L)), PLACE, PLACE + distance))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("BRANCH26 hole at " + hex(PLACE))
                .hasMessageContaining("target " + hex(PLACE + distance))
                .hasMessageContaining(distance + " bytes away")
                .hasMessageContaining("allowed -134217728..134217724 bytes");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, -1, -2, 0x7FF_FFFEL})
    void branch26MisalignedTargetIsRefused(long distance) {
        assertThatThrownBy(() -> A64HoleKind.BRANCH26.patch(word(a -> a.b(0L)), PLACE, PLACE + distance))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("BRANCH26")
                .hasMessageContaining("not a multiple of 4");
    }

    @Test
    void branch26KeepsTheLinkBit() {
        int bl = A64HoleKind.BRANCH26.patch(word(a -> a.bl(0L)), 0, -8);
        assertThat(A64Disassembler.disassemble(bl)).isEqualTo("bl #-8");
    }

    // ------------------------------------------------------------------------------ BRANCH19

    static Stream<Long> branch19Distances() {
        return Stream.of(0L, 4L, -4L, 0xF_FFFCL, -0x10_0000L, 0x1234L * 4);
    }

    @ParameterizedTest
    @MethodSource("branch19Distances")
    void branch19OnBCondEqualsTheAssembler(long distance) {
        int patched = A64HoleKind.BRANCH19.patch(word(a -> a.b(Condition.NE, 0L)), PLACE, PLACE + distance);
        assertThat(patched).isEqualTo(word(a -> a.b(Condition.NE, distance)));
    }

    @ParameterizedTest
    @MethodSource("branch19Distances")
    void branch19OnCbzAndCbnzEqualsTheAssembler(long distance) {
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.cbz(X3, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.cbz(X3, distance)));
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.cbnz(W1, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.cbnz(W1, distance)));
    }

    @ParameterizedTest
    @MethodSource("branch19Distances")
    void branch19OnLoadLiteralEqualsTheAssembler(long distance) {
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.ldrPcRelative(X0, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.ldrPcRelative(X0, distance)));
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.ldrPcRelative(W3, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.ldrPcRelative(W3, distance)));
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.ldrswPcRelative(X2, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.ldrswPcRelative(X2, distance)));
        assertThat(A64HoleKind.BRANCH19.patch(word(a -> a.ldrPcRelative(Q1, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.ldrPcRelative(Q1, distance)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x10_0000L, -0x10_0004L})
    void branch19OutOfReachNamesTheRange(long distance) {
        assertThatThrownBy(() -> A64HoleKind.BRANCH19.patch(word(a -> a.cbz(X0, 0L)), PLACE, PLACE + distance))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("BRANCH19 hole at " + hex(PLACE))
                .hasMessageContaining(distance + " bytes away")
                .hasMessageContaining("allowed -1048576..1048572 bytes");
    }

    @Test
    void branch19MisalignedTargetIsRefused() {
        assertThatThrownBy(() -> A64HoleKind.BRANCH19.patch(word(a -> a.b(Condition.EQ, 0L)), PLACE, PLACE + 6))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("not a multiple of 4");
    }

    // ------------------------------------------------------------------------------ BRANCH14

    @ParameterizedTest
    @ValueSource(longs = {0, 4, -4, 0x7FFC, -0x8000, 0x100})
    void branch14OnTbzAndTbnzEqualsTheAssembler(long distance) {
        assertThat(A64HoleKind.BRANCH14.patch(word(a -> a.tbz(X0, 3, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.tbz(X0, 3, distance)));
        assertThat(A64HoleKind.BRANCH14.patch(word(a -> a.tbnz(X5, 40, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.tbnz(X5, 40, distance)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x8000, -0x8004})
    void branch14OutOfReachNamesTheRange(long distance) {
        assertThatThrownBy(() -> A64HoleKind.BRANCH14.patch(word(a -> a.tbnz(X0, 0, 0L)), PLACE, PLACE + distance))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("BRANCH14 hole at " + hex(PLACE))
                .hasMessageContaining("allowed -32768..32764 bytes");
    }

    @Test
    void branch14MisalignedTargetIsRefused() {
        assertThatThrownBy(() -> A64HoleKind.BRANCH14.patch(word(a -> a.tbz(X0, 0, 0L)), PLACE, PLACE - 1))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("not a multiple of 4");
    }

    // ------------------------------------------------------------------------------ ADR21

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, 3, 0xF_FFFF, -0x10_0000, 0x12345})
    void adr21EqualsTheAssemblersAdrAtAnyByteOffset(long distance) {
        assertThat(A64HoleKind.ADR21.patch(word(a -> a.adr(X2, 0L)), PLACE, PLACE + distance))
                .isEqualTo(word(a -> a.adr(X2, distance)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x10_0000, -0x10_0001})
    void adr21OutOfReachNamesTheRange(long distance) {
        assertThatThrownBy(() -> A64HoleKind.ADR21.patch(word(a -> a.adr(X0, 0L)), PLACE, PLACE + distance))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("ADR21 hole at " + hex(PLACE))
                .hasMessageContaining("allowed -1048576..1048575 bytes")
                .hasMessageNotContaining("multiple of 4");
    }

    // ------------------------------------------------------------------------------ ADRP21

    static Stream<Arguments> adrpTargets() {
        long page = PLACE & -4096L;
        return Stream.of(
                arguments(PLACE, PLACE),
                arguments(PLACE, page), // same page, below the place
                arguments(PLACE, page + 0xFFF), // same page, its last byte
                arguments(PLACE, page + 0x5000 + 0x123),
                arguments(PLACE, page - 0x1000),
                arguments(PLACE, page + 0xFFFF_F000L + 0xFFF), // the farthest page forward
                arguments(PLACE, page - 0x1_0000_0000L), // the farthest page backward
                arguments(0x1234L, 0x6FFFL));
    }

    @ParameterizedTest
    @MethodSource("adrpTargets")
    void adrp21EqualsTheAssemblersAdrpWithThePageDelta(long place, long target) {
        long pageDelta = (target & -4096L) - (place & -4096L);
        assertThat(A64HoleKind.ADRP21.patch(word(a -> a.adrp(X1, 0L)), place, target))
                .isEqualTo(word(a -> a.adrp(X1, pageDelta)));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x1_0000_0000L, -0x1_0000_1000L, 1L << 40})
    void adrp21OutOfReachNamesTheRangeInPages(long pageDistance) {
        long page = PLACE & -4096L;
        assertThatThrownBy(() -> A64HoleKind.ADRP21.patch(word(a -> a.adrp(X0, 0L)), PLACE, page + pageDistance + 0x10))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("ADRP21 hole at " + hex(PLACE))
                .hasMessageContaining(pageDistance + " bytes away")
                .hasMessageContaining("allowed -4294967296..4294963200 bytes")
                .hasMessageContaining("pages of 4 KiB");
    }

    // ------------------------------------------------------------------------------ ADD_LO12

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0xABC, 0xFFF, 0x1000, 0x1234_5ABCL, -1, Long.MIN_VALUE + 0x7FF})
    void addLo12EqualsAddWithTheLow12Bits(long value) {
        int low = (int) (value & 0xFFF);
        assertThat(A64HoleKind.ADD_LO12.patch(word(a -> a.add(X0, X1, 0, 0)), PLACE, value))
                .isEqualTo(word(a -> a.add(X0, X1, low, 0)));
        assertThat(A64HoleKind.ADD_LO12.patch(word(a -> a.add(W0, W1, 0, 0)), PLACE, value))
                .isEqualTo(word(a -> a.add(W0, W1, low, 0)));
    }

    @Test
    void addLo12IgnoresThePlace() {
        int zero = word(a -> a.add(X0, X1, 0, 0));
        assertThat(A64HoleKind.ADD_LO12.patch(zero, 0, 0x123)).isEqualTo(A64HoleKind.ADD_LO12.patch(zero, PLACE, 0x123));
    }

    // ------------------------------------------------------------------------------ LDST_LO12

    private record Access(String name, int scale, Consumer<A64Assembler> zero,
                          java.util.function.LongFunction<Consumer<A64Assembler>> at) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Access> accesses() {
        return Stream.of(
                new Access("ldrb w0", 0, a -> a.ldrb(W0, Address.of(X1)), o -> a -> a.ldrb(W0, Address.of(X1, o))),
                new Access("strb w0", 0, a -> a.strb(W0, Address.of(X1)), o -> a -> a.strb(W0, Address.of(X1, o))),
                new Access("ldrsb x0", 0, a -> a.ldrsb(X0, Address.of(X1)), o -> a -> a.ldrsb(X0, Address.of(X1, o))),
                new Access("ldrh w0", 1, a -> a.ldrh(W0, Address.of(X1)), o -> a -> a.ldrh(W0, Address.of(X1, o))),
                new Access("strh w0", 1, a -> a.strh(W0, Address.of(X1)), o -> a -> a.strh(W0, Address.of(X1, o))),
                new Access("ldr w3", 2, a -> a.ldr(W3, Address.of(X1)), o -> a -> a.ldr(W3, Address.of(X1, o))),
                new Access("str w3", 2, a -> a.str(W3, Address.of(SP)), o -> a -> a.str(W3, Address.of(SP, o))),
                new Access("ldrsw x2", 2, a -> a.ldrsw(X2, Address.of(X1)), o -> a -> a.ldrsw(X2, Address.of(X1, o))),
                new Access("ldr x0", 3, a -> a.ldr(X0, Address.of(X1)), o -> a -> a.ldr(X0, Address.of(X1, o))),
                new Access("str x2", 3, a -> a.str(X2, Address.of(X3)), o -> a -> a.str(X2, Address.of(X3, o))),
                new Access("ldr b4", 0, a -> a.ldr(B4, Address.of(X1)), o -> a -> a.ldr(B4, Address.of(X1, o))),
                new Access("str h1", 1, a -> a.str(H1, Address.of(X1)), o -> a -> a.str(H1, Address.of(X1, o))),
                new Access("ldr s2", 2, a -> a.ldr(S2, Address.of(X1)), o -> a -> a.ldr(S2, Address.of(X1, o))),
                new Access("ldr d3", 3, a -> a.ldr(D3, Address.of(X1)), o -> a -> a.ldr(D3, Address.of(X1, o))),
                new Access("ldr q0", 4, a -> a.ldr(Q0, Address.of(X1)), o -> a -> a.ldr(Q0, Address.of(X1, o))),
                new Access("str q5", 4, a -> a.str(Q5, Address.of(SP)), o -> a -> a.str(Q5, Address.of(SP, o))));
    }

    @ParameterizedTest
    @MethodSource("accesses")
    void ldstLo12EqualsTheAccessWithTheLow12BitsScaledBySize(Access access) {
        int zero = word(access.zero());
        long size = 1L << access.scale();
        for (long value : new long[] {0, size, 0xFFF & -size, 0x7F0, 0xDEAD_B000L + 0x7F0, -size}) {
            long low = value & 0xFFF;
            assertThat(A64HoleKind.LDST_LO12.patch(zero, PLACE, value))
                    .as("%s with 0x%x", access, value)
                    .isEqualTo(word(access.at().apply(low)));
        }
    }

    @ParameterizedTest
    @MethodSource("accesses")
    void ldstLo12RefusesLowBitsThatAreNotAMultipleOfTheAccessSize(Access access) {
        if (access.scale() == 0) {
            return; // byte accesses take every offset
        }
        int zero = word(access.zero());
        long size = 1L << access.scale();
        long value = 0x5000 + size / 2;
        assertThatThrownBy(() -> A64HoleKind.LDST_LO12.patch(zero, PLACE, value))
                .as(access.toString())
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("LDST_LO12 hole at " + hex(PLACE))
                .hasMessageContaining(hex(value))
                .hasMessageContaining("(" + (value & 0xFFF) + ")")
                .hasMessageContaining("access size " + size + " bytes");
    }

    @Test
    void ldstLo12OnAQuadwordLoadScalesBySixteen() {
        int patched = A64HoleKind.LDST_LO12.patch(word(a -> a.ldr(Q0, Address.of(X1))), PLACE, 0xFF0);
        assertThat(A64Disassembler.disassemble(patched)).isEqualTo("ldr q0, [x1, #4080]");
        assertThatThrownBy(() -> A64HoleKind.LDST_LO12.patch(word(a -> a.ldr(Q0, Address.of(X1))), PLACE, 0xFF8))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("access size 16 bytes");
    }

    // ------------------------------------------------------------------------------ MOVW

    private static int shift(A64HoleKind kind) {
        return switch (kind) {
            case MOVW_G0, MOVW_G0_NC -> 0;
            case MOVW_G1, MOVW_G1_NC -> 16;
            case MOVW_G2, MOVW_G2_NC -> 32;
            case MOVW_G3 -> 48;
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }

    static Stream<Arguments> moveWideCases() {
        List<Arguments> cases = new ArrayList<>();
        for (A64HoleKind kind : List.of(A64HoleKind.MOVW_G0, A64HoleKind.MOVW_G1, A64HoleKind.MOVW_G2, A64HoleKind.MOVW_G3,
                A64HoleKind.MOVW_G0_NC, A64HoleKind.MOVW_G1_NC, A64HoleKind.MOVW_G2_NC)) {
            for (String op : List.of("movz", "movn", "movk")) {
                cases.add(arguments(kind, op));
            }
        }
        return cases.stream();
    }

    private static Consumer<A64Assembler> move(String op, int imm16, int shift) {
        return switch (op) {
            case "movz" -> a -> a.movz(X16, imm16, shift);
            case "movn" -> a -> a.movn(X16, imm16, shift);
            case "movk" -> a -> a.movk(X16, imm16, shift);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** Values that fit the checked kind: at most its top chunk's bits set. */
    private static long[] fittingValues(A64HoleKind kind) {
        int bits = switch (kind) {
            case MOVW_G0 -> 16;
            case MOVW_G1 -> 32;
            case MOVW_G2 -> 48;
            default -> 64;
        };
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        return new long[] {0, 1, 0xFFFF, max, max >>> 1, 0x0123_4567_89AB_CDEFL & max, 0xFEDC_BA98_7654_3210L & max};
    }

    @ParameterizedTest
    @MethodSource("moveWideCases")
    void moveWideEqualsTheAssemblerWithTheChunkAndItsShift(A64HoleKind kind, String op) {
        int shift = shift(kind);
        int zero = word(move(op, 0, shift));
        for (long value : fittingValues(kind)) {
            int chunk = (int) (value >>> shift) & 0xFFFF;
            assertThat(kind.patch(zero, PLACE, value))
                    .as("%s on %s with 0x%x", kind, op, value)
                    .isEqualTo(word(move(op, chunk, shift)));
        }
    }

    @Test
    void moveWideSequenceBuildsTheWholeValue() {
        long value = 0x0123_4567_89AB_CDEFL;
        assertThat(A64Disassembler.disassemble(A64HoleKind.MOVW_G0_NC.patch(word(a -> a.movz(X16, 0, 0)), 0, value)))
                .isEqualTo("mov x16, #52719");
        assertThat(A64Disassembler.disassemble(A64HoleKind.MOVW_G1_NC.patch(word(a -> a.movk(X16, 0, 16)), 0, value)))
                .isEqualTo("movk x16, #35243, lsl #16");
        assertThat(A64Disassembler.disassemble(A64HoleKind.MOVW_G2_NC.patch(word(a -> a.movk(X16, 0, 32)), 0, value)))
                .isEqualTo("movk x16, #17767, lsl #32");
        assertThat(A64Disassembler.disassemble(A64HoleKind.MOVW_G3.patch(word(a -> a.movk(X16, 0, 48)), 0, value)))
                .isEqualTo("movk x16, #291, lsl #48");
    }

    @Test
    void moveWideOnThirtyTwoBitRegistersForTheLowTwoChunks() {
        long value = 0x8765_4321L;
        assertThat(A64HoleKind.MOVW_G0.patch(word(a -> a.movz(W0, 0, 0)), PLACE, 0x4321))
                .isEqualTo(word(a -> a.movz(W0, 0x4321, 0)));
        assertThat(A64HoleKind.MOVW_G1.patch(word(a -> a.movk(W0, 0, 16)), PLACE, value))
                .isEqualTo(word(a -> a.movk(W0, 0x8765, 16)));
        assertThat(A64HoleKind.MOVW_G1_NC.patch(word(a -> a.movn(W1, 0, 16)), PLACE, -1L))
                .isEqualTo(word(a -> a.movn(W1, 0xFFFF, 16)));
    }

    @Test
    void movwG0RefusesValuesAbove16Bits() {
        int zero = word(a -> a.movz(X0, 0, 0));
        assertThat(A64HoleKind.MOVW_G0.patch(zero, PLACE, 65535)).isEqualTo(word(a -> a.movz(X0, 0xFFFF, 0)));
        assertThatThrownBy(() -> A64HoleKind.MOVW_G0.patch(zero, PLACE, 65536))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("MOVW_G0 hole at " + hex(PLACE))
                .hasMessageContaining("value 65536 (0x10000)")
                .hasMessageContaining("does not fit in 16 bits; allowed 0..65535");
    }

    @Test
    void movwG0RefusesNegativeValues() {
        assertThatThrownBy(() -> A64HoleKind.MOVW_G0.patch(word(a -> a.movn(X0, 0, 0)), PLACE, -1))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("value -1 (0xffffffffffffffff)")
                .hasMessageContaining("allowed 0..65535");
    }

    @Test
    void movwG1RefusesValuesAbove32Bits() {
        int zero = word(a -> a.movz(X0, 0, 16));
        assertThat(A64HoleKind.MOVW_G1.patch(zero, PLACE, 0xFFFF_FFFFL)).isEqualTo(word(a -> a.movz(X0, 0xFFFF, 16)));
        assertThatThrownBy(() -> A64HoleKind.MOVW_G1.patch(zero, PLACE, 1L << 32))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("MOVW_G1 hole at " + hex(PLACE))
                .hasMessageContaining("value 4294967296 (0x100000000)")
                .hasMessageContaining("does not fit in 32 bits; allowed 0..4294967295");
    }

    @Test
    void movwG2RefusesValuesAbove48Bits() {
        int zero = word(a -> a.movk(X0, 0, 32));
        assertThat(A64HoleKind.MOVW_G2.patch(zero, PLACE, (1L << 48) - 1)).isEqualTo(word(a -> a.movk(X0, 0xFFFF, 32)));
        assertThatThrownBy(() -> A64HoleKind.MOVW_G2.patch(zero, PLACE, 1L << 48))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("MOVW_G2 hole at " + hex(PLACE))
                .hasMessageContaining("value 281474976710656 (0x1000000000000)")
                .hasMessageContaining("does not fit in 48 bits; allowed 0..281474976710655");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 48})
    void movwG3AndTheNoCheckKindsTakeEveryValue(long value) {
        assertThat(A64HoleKind.MOVW_G3.patch(word(a -> a.movk(X0, 0, 48)), PLACE, value))
                .isEqualTo(word(a -> a.movk(X0, (int) (value >>> 48), 48)));
        assertThat(A64HoleKind.MOVW_G0_NC.patch(word(a -> a.movz(X0, 0, 0)), PLACE, value))
                .isEqualTo(word(a -> a.movz(X0, (int) value & 0xFFFF, 0)));
        assertThat(A64HoleKind.MOVW_G1_NC.patch(word(a -> a.movk(X0, 0, 16)), PLACE, value))
                .isEqualTo(word(a -> a.movk(X0, (int) (value >>> 16) & 0xFFFF, 16)));
        assertThat(A64HoleKind.MOVW_G2_NC.patch(word(a -> a.movk(X0, 0, 32)), PLACE, value))
                .isEqualTo(word(a -> a.movk(X0, (int) (value >>> 32) & 0xFFFF, 32)));
    }

    // ------------------------------------------------------------------------------ wrong words

    static Stream<Arguments> mismatchedWords() {
        return Stream.of(
                arguments(A64HoleKind.BRANCH26, word(a -> a.add(X0, X1, 0, 0)), "b or bl"),
                arguments(A64HoleKind.BRANCH26, word(a -> a.cbz(X0, 0L)), "b or bl"),
                arguments(A64HoleKind.BRANCH19, word(a -> a.b(0L)), "b.cond, cbz, cbnz or ldr (literal)"),
                arguments(A64HoleKind.BRANCH19, word(a -> a.tbz(X0, 0, 0L)), "b.cond, cbz, cbnz or ldr (literal)"),
                arguments(A64HoleKind.BRANCH14, word(a -> a.cbnz(X0, 0L)), "tbz or tbnz"),
                arguments(A64HoleKind.ADR21, word(a -> a.adrp(X0, 0L)), "adr"),
                arguments(A64HoleKind.ADRP21, word(a -> a.adr(X0, 0L)), "adrp"),
                arguments(A64HoleKind.ADD_LO12, word(a -> a.and(X0, X1, 1L)), "add, adds, sub or subs (immediate)"),
                arguments(A64HoleKind.ADD_LO12, word(a -> a.movz(X0, 0, 0)), "add, adds, sub or subs (immediate)"),
                arguments(A64HoleKind.ADD_LO12, word(a -> a.add(X0, X1, 0, 12)), "add, adds, sub or subs (immediate)"),
                arguments(A64HoleKind.ADD_LO12, word(a -> a.add(X0, X1, X2)), "add, adds, sub or subs (immediate)"),
                arguments(A64HoleKind.LDST_LO12, word(a -> a.ldur(X0, Address.of(X1, -8))),
                        "a load or store with an unsigned offset"),
                arguments(A64HoleKind.LDST_LO12, word(a -> a.ldr(X0, Address.postIndex(X1, 8))),
                        "a load or store with an unsigned offset"),
                arguments(A64HoleKind.LDST_LO12, word(a -> a.add(X0, X1, 0, 0)), "a load or store with an unsigned offset"),
                arguments(A64HoleKind.MOVW_G0, word(a -> a.orr(X0, X1, X2)), "movz, movn or movk with lsl #0"),
                arguments(A64HoleKind.MOVW_G0, 0xB280_0000, "movz, movn or movk with lsl #0"), // opc 01: unallocated
                arguments(A64HoleKind.MOVW_G0, word(a -> a.movz(X0, 0, 16)), "movz, movn or movk with lsl #0"),
                arguments(A64HoleKind.MOVW_G1, word(a -> a.movz(X0, 0, 0)), "movz, movn or movk with lsl #16"),
                arguments(A64HoleKind.MOVW_G1_NC, word(a -> a.movk(X0, 0, 32)), "movz, movn or movk with lsl #16"),
                arguments(A64HoleKind.MOVW_G2, word(a -> a.movz(W0, 0, 16)), "movz, movn or movk with lsl #32 (64-bit)"),
                arguments(A64HoleKind.MOVW_G2, 0x52C0_0000, "movz, movn or movk with lsl #32 (64-bit)"), // movz w0 hw=2
                arguments(A64HoleKind.MOVW_G2_NC, 0x72C0_0000, "movz, movn or movk with lsl #32 (64-bit)"), // movk w0 hw=2
                arguments(A64HoleKind.MOVW_G3, 0x12E0_0000, "movz, movn or movk with lsl #48 (64-bit)"), // movn w0 hw=3
                arguments(A64HoleKind.MOVW_G3, word(a -> a.movk(X0, 0, 32)), "movz, movn or movk with lsl #48 (64-bit)"));
    }

    @ParameterizedTest
    @MethodSource("mismatchedWords")
    void aMismatchedWordIsRefusedNamingKindPlaceExpectationAndDisassembly(A64HoleKind kind, int word, String expected) {
        assertThat(kind.accepts(word)).isFalse();
        assertThatThrownBy(() -> kind.patch(word, PLACE, 0))
                .isInstanceOf(HoleException.class)
                .hasMessage(kind + " hole at " + hex(PLACE) + " expects " + expected + ", found "
                        + String.format("0x%08x", word) + " (" + A64Disassembler.disassemble(word) + ")");
    }

    @Test
    void registerKindsPatchTheirFieldAndRefuseRegister31() {
        int add = word(a -> a.add(X0, X1, X2));
        assertThat(A64Disassembler.disassemble(A64HoleKind.REG_RD.patch(add, PLACE, 30))).isEqualTo("add x30, x1, x2");
        assertThat(A64Disassembler.disassemble(A64HoleKind.REG_RN.patch(add, PLACE, 17))).isEqualTo("add x0, x17, x2");
        assertThat(A64Disassembler.disassemble(A64HoleKind.REG_RM.patch(add, PLACE, 28))).isEqualTo("add x0, x1, x28");
        int madd = word(a -> a.madd(X0, X1, X2, X3));
        assertThat(A64Disassembler.disassemble(A64HoleKind.REG_RA.patch(madd, PLACE, 9))).isEqualTo("madd x0, x1, x2, x9");
        for (long bad : new long[] {31, -1, 32}) {
            assertThatThrownBy(() -> A64HoleKind.REG_RD.patch(add, PLACE, bad)).isInstanceOf(HoleException.class)
                    .hasMessageContainingAll("REG_RD", "register " + bad, "allowed 0..30");
        }
    }

    @Test
    void mismatchMessageShowsTheFoundInstructionsText() {
        int add = word(a -> a.add(X0, X1, 0, 0));
        assertThatThrownBy(() -> A64HoleKind.BRANCH26.patch(add, 0x4000, 0x4000))
                .isInstanceOf(HoleException.class)
                .hasMessage("BRANCH26 hole at 0x4000 expects b or bl, found 0x91000020 (add x0, x1, #0)");
    }

    @Test
    void movwG1OnAMovzWithoutShiftNamesTheShiftItExpects() {
        int movz = word(a -> a.movz(X0, 0, 0));
        assertThatThrownBy(() -> A64HoleKind.MOVW_G1.patch(movz, 0x10, 0))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("MOVW_G1 hole at 0x10")
                .hasMessageContaining("expects movz, movn or movk with lsl #16")
                .hasMessageContaining("found 0xd2800000 (mov x0, #0)");
    }

    @Test
    void movwG2OnAThirtyTwoBitMovzIsRefused() {
        int movz = word(a -> a.movz(W0, 0, 16));
        assertThatThrownBy(() -> A64HoleKind.MOVW_G2.patch(movz, 0x20, 0))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("MOVW_G2 hole at 0x20")
                .hasMessageContaining("with lsl #32 (64-bit)")
                .hasMessageContaining("(" + A64Disassembler.disassemble(movz) + ")");
    }

    @Test
    void theWordIsCheckedBeforeTheValue() {
        // A wrong word and a value out of range: the word is the first thing wrong.
        assertThatThrownBy(() -> A64HoleKind.MOVW_G0.patch(word(a -> a.b(0L)), PLACE, 1L << 20))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("expects movz, movn or movk");
    }

    // ------------------------------------------------------------------------------ data kinds

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32})
    void abs64TakesEveryValue(long value) {
        assertThat(A64HoleKind.ABS64.checkData(PLACE, value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL, 0x8000_0000L})
    void abs32TakesSignedAndUnsigned32BitValues(long value) {
        assertThat(A64HoleKind.ABS32.checkData(PLACE, value)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 32, Integer.MIN_VALUE - 1L, Long.MIN_VALUE, Long.MAX_VALUE})
    void abs32RefusesValuesOutside32BitsNamingTheRange(long value) {
        assertThatThrownBy(() -> A64HoleKind.ABS32.checkData(PLACE, value))
                .isInstanceOf(HoleException.class)
                .hasMessageContaining("ABS32 hole at " + hex(PLACE))
                .hasMessageContaining("value " + value + " (" + hex(value) + ")")
                .hasMessageContaining("allowed -2147483648..4294967295");
    }

    @ParameterizedTest
    @EnumSource(value = A64HoleKind.class, names = {"ABS64", "ABS32"}, mode = EnumSource.Mode.EXCLUDE)
    void checkDataOnAnInstructionKindIsAProgrammingError(A64HoleKind kind) {
        assertThatThrownBy(() -> kind.checkData(PLACE, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(kind + " patches an instruction, not data");
    }

    @ParameterizedTest
    @EnumSource(value = A64HoleKind.class, names = {"ABS64", "ABS32"})
    void patchingAWordWithAKindThatPatchesNoAArch64WordIsAProgrammingError(A64HoleKind kind) {
        assertThatThrownBy(() -> kind.patch(0, PLACE, 0))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(HoleException.class)
                .hasMessage(kind + " does not patch an AArch64 instruction word; use apply");
    }

    @ParameterizedTest
    @EnumSource(value = A64HoleKind.class, names = {"ABS64", "ABS32"})
    void dataKindsAcceptAnyWord(A64HoleKind kind) {
        assertThat(kind.accepts(0)).isTrue();
        assertThat(kind.accepts(-1)).isTrue();
    }

    // ------------------------------------------------------------------------------ llvm-mc

    private record Case(A64HoleKind kind, String zero, long place, long value, String expected) {}

    /** {@link dev.stitch.a64.LlvmMc#encode} (package-private there): skips without llvm-mc, fails in CI. */
    @SuppressWarnings("unchecked")
    private static List<Integer> llvmEncode(List<String> lines) throws Throwable {
        Method encode = Class.forName("dev.stitch.a64.LlvmMc").getDeclaredMethod("encode", List.class);
        encode.setAccessible(true);
        try {
            return (List<Integer>) encode.invoke(null, lines);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void patchingLlvmsZeroFieldWordsGivesLlvmsWordsForTheFinalImmediates() throws Throwable {
        List<Case> cases = List.of(
                new Case(A64HoleKind.BRANCH26, "b #0", 0x4000, 0x5000, "b #0x1000"),
                new Case(A64HoleKind.BRANCH26, "bl #0", 0x800_0000, 0, "bl #-0x8000000"),
                new Case(A64HoleKind.BRANCH26, "b #0", 0x10, 0x10 + 0x7FF_FFFC, "b #0x7fffffc"),
                new Case(A64HoleKind.BRANCH19, "b.eq #0", 0x100, 0x140, "b.eq #0x40"),
                new Case(A64HoleKind.BRANCH19, "cbz x0, #0", 0x100, 0xF8, "cbz x0, #-8"),
                new Case(A64HoleKind.BRANCH19, "cbnz w3, #0", 0, 0xF_FFFC, "cbnz w3, #0xffffc"),
                new Case(A64HoleKind.BRANCH19, "ldr x0, #0", 0x10_0000, 0, "ldr x0, #-0x100000"),
                new Case(A64HoleKind.BRANCH19, "ldr q1, #0", 0x40, 0x140, "ldr q1, #0x100"),
                new Case(A64HoleKind.BRANCH14, "tbz x0, #3, #0", 0x200, 0x300, "tbz x0, #3, #0x100"),
                new Case(A64HoleKind.BRANCH14, "tbnz x5, #40, #0", 0x8000, 0, "tbnz x5, #40, #-0x8000"),
                new Case(A64HoleKind.ADR21, "adr x0, #0", 0x104, 0x100, "adr x0, #-4"),
                new Case(A64HoleKind.ADR21, "adr x2, #0", 0x1, 0x10_0000, "adr x2, #0xfffff"),
                new Case(A64HoleKind.ADRP21, "adrp x0, #0", 0x1234, 0x6FFF, "adrp x0, #0x5000"),
                new Case(A64HoleKind.ADRP21, "adrp x1, #0", 0x1_0000_0FFCL, 0x10, "adrp x1, #-0x100000000"),
                new Case(A64HoleKind.ADD_LO12, "add x0, x1, #0", 0, 0x1234_5ABCL, "add x0, x1, #0xabc"),
                new Case(A64HoleKind.ADD_LO12, "add w2, wsp, #0", 0, 0xFFF, "add w2, wsp, #0xfff"),
                new Case(A64HoleKind.LDST_LO12, "ldrb w0, [x1]", 0, 0x7FFF, "ldrb w0, [x1, #0xfff]"),
                new Case(A64HoleKind.LDST_LO12, "ldrh w0, [x1]", 0, 0x1FFE, "ldrh w0, [x1, #0xffe]"),
                new Case(A64HoleKind.LDST_LO12, "ldr w0, [x1]", 0, 0x7FC, "ldr w0, [x1, #0x7fc]"),
                new Case(A64HoleKind.LDST_LO12, "ldr x0, [x1]", 0, 0xABC_D7F8L, "ldr x0, [x1, #0x7f8]"),
                new Case(A64HoleKind.LDST_LO12, "ldr q0, [x1]", 0, 0xFF0, "ldr q0, [x1, #0xff0]"),
                new Case(A64HoleKind.LDST_LO12, "str q5, [sp]", 0, 0x1020, "str q5, [sp, #0x20]"),
                new Case(A64HoleKind.LDST_LO12, "ldr d3, [x4]", 0, 0x18, "ldr d3, [x4, #0x18]"),
                new Case(A64HoleKind.LDST_LO12, "ldrsw x0, [x1]", 0, 0x8, "ldrsw x0, [x1, #0x8]"),
                new Case(A64HoleKind.LDST_LO12, "str x2, [x3]", 0, 0x10, "str x2, [x3, #0x10]"),
                new Case(A64HoleKind.LDST_LO12, "strh w0, [x1]", 0, 0x2, "strh w0, [x1, #0x2]"),
                new Case(A64HoleKind.LDST_LO12, "strb w0, [x1]", 0, 0x1, "strb w0, [x1, #0x1]"),
                new Case(A64HoleKind.MOVW_G0, "movz x0, #0", 0, 0x1234, "movz x0, #0x1234"),
                new Case(A64HoleKind.MOVW_G0, "movn x0, #0", 0, 0xFFFF, "movn x0, #0xffff"),
                new Case(A64HoleKind.MOVW_G1, "movz x0, #0, lsl #16", 0, 0xBEEF_0000L, "movz x0, #0xbeef, lsl #16"),
                new Case(A64HoleKind.MOVW_G1, "movz w0, #0, lsl #16", 0, 0x8000_1234L, "movz w0, #0x8000, lsl #16"),
                new Case(A64HoleKind.MOVW_G2, "movk x3, #0, lsl #32", 0, 0x7777_0000_0000L, "movk x3, #0x7777, lsl #32"),
                new Case(A64HoleKind.MOVW_G3, "movk x16, #0, lsl #48", 0, 0xDEAD_0000_0000_0001L, "movk x16, #0xdead, lsl #48"),
                new Case(A64HoleKind.MOVW_G0_NC, "movk w1, #0", 0, 0x1234_0001L, "movk w1, #0x1"),
                new Case(A64HoleKind.MOVW_G1_NC, "movk x16, #0, lsl #16", 0, -1L, "movk x16, #0xffff, lsl #16"),
                new Case(A64HoleKind.MOVW_G2_NC, "movk x16, #0, lsl #32", 0, 0x0123_CAFE_0000_0000L,
                        "movk x16, #0xcafe, lsl #32"));
        List<String> lines = new ArrayList<>();
        for (Case c : cases) {
            lines.add(c.zero());
            lines.add(c.expected());
        }
        List<Integer> words = llvmEncode(lines);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int zero = words.get(2 * i);
            int expected = words.get(2 * i + 1);
            assertThat(c.kind().patch(zero, c.place(), c.value()))
                    .as("%s on '%s' at 0x%x with 0x%x, expected '%s'", c.kind(), c.zero(), c.place(), c.value(),
                            c.expected())
                    .isEqualTo(expected);
        }
    }
}
