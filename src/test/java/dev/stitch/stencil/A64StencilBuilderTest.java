package dev.stitch.stencil;

import dev.stitch.a64.A64Assembler;
import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.A64EncodingException;
import dev.stitch.a64.Address;
import dev.stitch.a64.Condition;
import dev.stitch.a64.LabelUse;
import dev.stitch.mem.Architecture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.stitch.a64.Registers.W1;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.X16;
import static dev.stitch.a64.Registers.X19;
import static dev.stitch.a64.Registers.X2;
import static dev.stitch.a64.Registers.X3;
import static dev.stitch.stencil.HoleRef.continuation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stencil builder records each hole where its zero-field instruction was written, with the
 * kind and the value it is to be patched with; the stencil it builds validates its own shape.
 */
class A64StencilBuilderTest {
    private static final byte[] NONE = new byte[0];

    private static int word(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    private static long quad(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }

    private static List<Integer> words(byte[] bytes) {
        List<Integer> words = new ArrayList<>();
        for (int at = 0; at + 4 <= bytes.length; at += 4) {
            words.add(word(bytes, at));
        }
        return words;
    }

    /** The word the assembler writes for {@code emit}. */
    private static int asm(Consumer<A64Assembler> emit) {
        A64Assembler asm = new A64Assembler();
        emit.accept(asm);
        return asm.finish().intAt(0);
    }

    private static Hole code(int offset, A64HoleKind kind, HoleRef ref) {
        return new Hole(offset, kind, ref.value(), ref.symbol(), ref.addend(), false);
    }

    private static Hole data(int offset, A64HoleKind kind, HoleRef ref) {
        return new Hole(offset, kind, ref.value(), ref.symbol(), ref.addend(), true);
    }

    private static byte[] bytes(int... words) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : words) {
            buffer.putInt(word);
        }
        return buffer.array();
    }

    private static final int B = 0x1400_0000;
    private static final int BL = 0x9400_0000;
    private static final int NOP = 0xD503_201F;

    // ------------------------------------------------------------------------------ hole recording

    @Test
    void branchHolesAreRecordedAtTheirInstructionsWithZeroFields() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.b(continuation()).bl(HoleRef.symbol(3)).b(Condition.EQ, HoleRef.exit()).cbz(X0, HoleRef.target())
                .cbnz(W1, HoleRef.epilogue()).tbz(X2, 5, HoleRef.exit()).tbnz(X3, 63, continuation());
        Stencil stencil = s.build("branches");

        assertThat(stencil.holes()).containsExactly(
                code(0, A64HoleKind.BRANCH26, continuation()),
                code(4, A64HoleKind.BRANCH26, HoleRef.symbol(3)),
                code(8, A64HoleKind.BRANCH19, HoleRef.exit()),
                code(12, A64HoleKind.BRANCH19, HoleRef.target()),
                code(16, A64HoleKind.BRANCH19, HoleRef.epilogue()),
                code(20, A64HoleKind.BRANCH14, HoleRef.exit()),
                code(24, A64HoleKind.BRANCH14, continuation()));
        assertThat(words(stencil.code())).containsExactly(
                asm(a -> a.b(0L)), asm(a -> a.bl(0L)), asm(a -> a.b(Condition.EQ, 0L)), asm(a -> a.cbz(X0, 0L)),
                asm(a -> a.cbnz(W1, 0L)), asm(a -> a.tbz(X2, 5, 0L)), asm(a -> a.tbnz(X3, 63, 0L)));
    }

    @Test
    void pcRelativeAndLow12HolesKeepTheirAddends() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.adr(X0, HoleRef.data(16)).adrp(X1, HoleRef.symbol(2)).addLow12(X1, X1, HoleRef.symbol(2))
                .ldrLiteral(X2, HoleRef.data(8)).ldrLow12(X0, X19, HoleRef.slot()).strLow12(W1, X19, HoleRef.slot());
        Stencil stencil = s.build("pc-relative");

        assertThat(stencil.holes()).containsExactly(
                code(0, A64HoleKind.ADR21, HoleRef.data(16)),
                code(4, A64HoleKind.ADRP21, HoleRef.symbol(2)),
                code(8, A64HoleKind.ADD_LO12, HoleRef.symbol(2)),
                code(12, A64HoleKind.BRANCH19, HoleRef.data(8)),
                code(16, A64HoleKind.LDST_LO12, HoleRef.slot()),
                code(20, A64HoleKind.LDST_LO12, HoleRef.slot()));
        assertThat(stencil.hole(0).addend()).isEqualTo(16);
        assertThat(stencil.hole(3).addend()).isEqualTo(8);
        assertThat(words(stencil.code())).containsExactly(
                asm(a -> a.adr(X0, 0L)), asm(a -> a.adrp(X1, 0L)), asm(a -> a.add(X1, X1, 0, 0)),
                asm(a -> a.ldrPcRelative(X2, 0L)), asm(a -> a.ldr(X0, Address.of(X19))),
                asm(a -> a.str(W1, Address.of(X19))));
    }

    @Test
    void moveWideHolesUseTheShiftOfTheirKind() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.movz(X0, A64HoleKind.MOVW_G0, HoleRef.operand()).movn(X0, A64HoleKind.MOVW_G0, HoleRef.operandNot())
                .movz(X16, A64HoleKind.MOVW_G0_NC, HoleRef.symbol(1)).movk(X16, A64HoleKind.MOVW_G1_NC, HoleRef.symbol(1))
                .movk(X16, A64HoleKind.MOVW_G2_NC, HoleRef.symbol(1)).movk(X16, A64HoleKind.MOVW_G3, HoleRef.symbol(1))
                .movk(X2, A64HoleKind.MOVW_G1, HoleRef.oparg()).movz(X3, A64HoleKind.MOVW_G2, HoleRef.operand());
        Stencil stencil = s.build("move wide");

        assertThat(stencil.holes()).extracting(Hole::kind).containsExactly(A64HoleKind.MOVW_G0, A64HoleKind.MOVW_G0,
                A64HoleKind.MOVW_G0_NC, A64HoleKind.MOVW_G1_NC, A64HoleKind.MOVW_G2_NC, A64HoleKind.MOVW_G3, A64HoleKind.MOVW_G1,
                A64HoleKind.MOVW_G2);
        assertThat(stencil.holes()).extracting(Hole::value).containsExactly(HoleValue.OPERAND, HoleValue.OPERAND_NOT,
                HoleValue.SYMBOL, HoleValue.SYMBOL, HoleValue.SYMBOL, HoleValue.SYMBOL, HoleValue.OPARG,
                HoleValue.OPERAND);
        assertThat(stencil.holes()).extracting(Hole::offset).containsExactly(0, 4, 8, 12, 16, 20, 24, 28);
        assertThat(words(stencil.code())).containsExactly(
                asm(a -> a.movz(X0, 0, 0)), asm(a -> a.movn(X0, 0, 0)), asm(a -> a.movz(X16, 0, 0)),
                asm(a -> a.movk(X16, 0, 16)), asm(a -> a.movk(X16, 0, 32)), asm(a -> a.movk(X16, 0, 48)),
                asm(a -> a.movk(X2, 0, 16)), asm(a -> a.movz(X3, 0, 32)));
    }

    @Test
    void instructionsWithoutHolesShiftTheHoleOffsets() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().nop().add(X0, X0, X1);
        s.b(continuation());
        Stencil stencil = s.build("after two");
        assertThat(stencil.holes()).containsExactly(code(8, A64HoleKind.BRANCH26, continuation()));
        assertThat(stencil.codeSize()).isEqualTo(12);
    }

    @ParameterizedTest
    @EnumSource(value = A64HoleKind.class, names = "MOVW_.*", mode = EnumSource.Mode.MATCH_NONE)
    void moveWideMethodsRefuseOtherKinds(A64HoleKind kind) {
        assertThatThrownBy(() -> new A64StencilBuilder().movz(X0, kind, HoleRef.operand()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(kind + " is not a move-wide hole kind");
        assertThatThrownBy(() -> new A64StencilBuilder().movk(X0, kind, HoleRef.operand()))
                .hasMessage(kind + " is not a move-wide hole kind");
        assertThatThrownBy(() -> new A64StencilBuilder().movn(X0, kind, HoleRef.operand()))
                .hasMessage(kind + " is not a move-wide hole kind");
    }

    @Test
    void aHighChunkOnAThirtyTwoBitRegisterFailsWhenTheStencilIsWritten() {
        assertThatThrownBy(() -> new A64StencilBuilder().movz(W1, A64HoleKind.MOVW_G2, HoleRef.operand()))
                .isInstanceOf(A64EncodingException.class);
    }

    // ------------------------------------------------------------------------------ symbol masks

    @Test
    void symbolMaskHasABitPerSymbolCalled() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.bl(HoleRef.symbol(0)).bl(HoleRef.symbol(5)).bl(HoleRef.symbol(5)).bl(HoleRef.symbol(63));
        Stencil stencil = s.build("calls");
        assertThat(stencil.symbolMask()).isEqualTo(1L | 1L << 5 | 1L << 63);
        assertThat(stencil.holes()).extracting(Hole::symbol).containsExactly(0, 5, 5, 63);
    }

    @Test
    void symbolMaskCountsSymbolsInDataHolesToo() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.dataQuad(HoleRef.symbol(7));
        s.dataTrampoline(HoleRef.symbol(9));
        assertThat(s.build("data symbols").symbolMask()).isEqualTo(1L << 7 | 1L << 9);
    }

    @Test
    void symbolMaskIsEmptyWithoutSymbols() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.b(continuation()).dataQuad(HoleRef.operand());
        Stencil stencil = s.build("no symbols");
        assertThat(stencil.symbolMask()).isZero();
        assertThat(stencil.holes()).extracting(Hole::symbol).containsOnly(-1);
    }

    @Test
    void holeRefsValidateTheirSymbolOrdinal() {
        assertThat(HoleRef.symbol(63).symbol()).isEqualTo(63);
        assertThatThrownBy(() -> HoleRef.symbol(64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol ordinal must be 0..63, got 64");
        assertThatThrownBy(() -> HoleRef.symbol(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoleRef(HoleValue.CONTINUATION, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only SYMBOL references name a symbol ordinal");
    }

    @Test
    void holesValidateOffsetAndSymbol() {
        assertThatThrownBy(() -> new Hole(-4, A64HoleKind.BRANCH26, HoleValue.TARGET, -1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hole offset must be >= 0, got -4");
        assertThatThrownBy(() -> new Hole(0, A64HoleKind.BRANCH26, HoleValue.SYMBOL, -1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SYMBOL with symbol -1");
        assertThatThrownBy(() -> new Hole(0, A64HoleKind.BRANCH26, HoleValue.TARGET, 2, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TARGET with symbol 2");
        assertThatThrownBy(() -> new Hole(0, null, HoleValue.TARGET, -1, 0, false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void holeDescriptionNamesTheValueAndAddend() {
        assertThat(code(0, A64HoleKind.BRANCH26, continuation()).describe("unused")).isEqualTo("continuation");
        assertThat(code(0, A64HoleKind.BRANCH19, HoleRef.data(8)).describe("unused")).isEqualTo("data + 8");
        assertThat(new Hole(0, A64HoleKind.ADR21, HoleValue.DATA, -1, -4, false).describe("unused")).isEqualTo("data - 4");
        assertThat(code(0, A64HoleKind.BRANCH26, HoleRef.symbol(2)).describe("print_long")).isEqualTo("print_long");
        assertThat(code(0, A64HoleKind.MOVW_G0, HoleRef.operandNot()).describe("unused")).isEqualTo("operand_not");
    }

    // ------------------------------------------------------------------------------ continuation jump

    @Test
    void aStencilEndingInBContinuationEndsWithTheContinuationJump() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().nop();
        assertThat(s.b(continuation()).build("tail").endsWithContinuationJump()).isTrue();
    }

    @Test
    void anInstructionAfterBContinuationMeansTheJumpIsNotLast() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.b(continuation()).asm().nop();
        assertThat(s.build("not last").endsWithContinuationJump()).isFalse();
    }

    @Test
    void blToTheContinuationIsNotAContinuationJump() {
        assertThat(new A64StencilBuilder().bl(continuation()).build("bl").endsWithContinuationJump()).isFalse();
    }

    @Test
    void bToAnotherValueIsNotAContinuationJump() {
        assertThat(new A64StencilBuilder().b(HoleRef.target()).build("jump").endsWithContinuationJump()).isFalse();
        assertThat(new A64StencilBuilder().b(HoleRef.epilogue()).build("exit").endsWithContinuationJump()).isFalse();
        assertThat(new A64StencilBuilder().b(HoleRef.data(0)).build("data").endsWithContinuationJump()).isFalse();
    }

    @Test
    void aConditionalBranchToTheContinuationIsNotAContinuationJump() {
        assertThat(new A64StencilBuilder().cbz(X0, continuation()).build("cbz").endsWithContinuationJump()).isFalse();
    }

    @Test
    void aBranch26HoleOnALastBlWordIsNotAContinuationJump() {
        // Built by hand: the kind and value alone do not make a jump, the word must be b.
        List<Hole> holes = List.of(code(4, A64HoleKind.BRANCH26, continuation()));
        assertThat(new Stencil(Architecture.AARCH64, "bl", bytes(NOP, BL), NONE, 4, holes, 0).endsWithContinuationJump()).isFalse();
        assertThat(new Stencil(Architecture.AARCH64, "b", bytes(NOP, B), NONE, 4, holes, 0).endsWithContinuationJump()).isTrue();
    }

    @Test
    void callStencilsEndWithTheContinuationJumpOnlyWhenNoTrampolineFollowsIt() {
        Stencil movw = StencilLibrary.of(Architecture.AARCH64, CallStrategy.MOVW_PER_CALL).call(0, 1, CallResult.LONG, false);
        Stencil perTrace = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).call(0, 1, CallResult.LONG, false);
        assertThat(movw.endsWithContinuationJump()).isFalse();
        assertThat(perTrace.endsWithContinuationJump()).isTrue();
        // The same jump is in both; only where it stands differs.
        assertThat(movw.holes()).contains(code(12, A64HoleKind.BRANCH26, continuation()));
        assertThat(perTrace.holes()).contains(code(perTrace.codeSize() - 4, A64HoleKind.BRANCH26, continuation()));
    }

    // ------------------------------------------------------------------------------ trampolines

    @Test
    void literalTrampolineAtTheStartNeedsNoPadding() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.literalTrampoline(HoleRef.symbol(4));
        Stencil stencil = s.build("trampoline");

        byte[] code = stencil.code();
        assertThat(stencil.alignment()).isEqualTo(8);
        assertThat(stencil.codeSize()).isEqualTo(16);
        assertThat(A64Disassembler.disassemble(word(code, 0))).isEqualTo("ldr x16, #8");
        assertThat(A64Disassembler.disassemble(word(code, 4))).isEqualTo("br x16");
        assertThat(quad(code, 8)).isZero();
        assertThat(stencil.holes()).containsExactly(code(8, A64HoleKind.ABS64, HoleRef.symbol(4)));
        assertThat(stencil.symbolMask()).isEqualTo(1L << 4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void literalTrampolineAlignsItsQuadToEightBytes(int instructionsBefore) {
        A64StencilBuilder s = new A64StencilBuilder();
        for (int i = 0; i < instructionsBefore; i++) {
            s.asm().add(X0, X0, X1);
        }
        s.literalTrampoline(HoleRef.symbol(0));
        Stencil stencil = s.build("trampoline after " + instructionsBefore);

        int start = (4 * instructionsBefore + 7) & -8;
        byte[] code = stencil.code();
        Hole literal = stencil.hole(0);
        assertThat(stencil.alignment()).isEqualTo(8);
        assertThat(literal.kind()).isEqualTo(A64HoleKind.ABS64);
        assertThat(literal.inData()).isFalse();
        assertThat(literal.offset()).isEqualTo(start + 8).matches(offset -> offset % 8 == 0, "8-byte aligned");
        assertThat(stencil.codeSize()).isEqualTo(start + 16);
        for (int pad = 4 * instructionsBefore; pad < start; pad += 4) {
            assertThat(A64Disassembler.disassemble(word(code, pad))).isEqualTo("nop");
        }
        int ldr = word(code, start);
        assertThat(A64Disassembler.disassemble(ldr)).isEqualTo("ldr x16, #8");
        assertThat(start + LabelUse.BRANCH19.extract(ldr)).as("the ldr loads the literal").isEqualTo(literal.offset());
        assertThat(A64Disassembler.disassemble(word(code, start + 4))).isEqualTo("br x16");
    }

    @Test
    void alignCodePadsWithNopsAndKeepsTheLargestAlignment() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.asm().add(X0, X0, X1);
        s.alignCode(16).alignCode(4).b(continuation());
        Stencil stencil = s.build("aligned");
        assertThat(stencil.alignment()).isEqualTo(16);
        assertThat(words(stencil.code())).containsExactly(asm(a -> a.add(X0, X0, X1)), NOP, NOP, NOP, B);
        assertThat(stencil.hole(0).offset()).isEqualTo(16);
    }

    @Test
    void aStencilWithoutLiteralsIsWordAligned() {
        assertThat(new A64StencilBuilder().b(continuation()).build("plain").alignment()).isEqualTo(4);
    }

    @Test
    void dataTrampolineIsLdrX16BrX16AndAnAlignedQuadHole() {
        A64StencilBuilder s = new A64StencilBuilder();
        int at = s.dataTrampoline(HoleRef.symbol(6));
        s.bl(HoleRef.data(at));
        Stencil stencil = s.build("data trampoline");

        byte[] data = stencil.data();
        assertThat(at).isZero();
        assertThat(stencil.dataSize()).isEqualTo(16);
        assertThat(A64Disassembler.disassemble(word(data, 0))).isEqualTo("ldr x16, #8");
        assertThat(A64Disassembler.disassemble(word(data, 4))).isEqualTo("br x16");
        assertThat(word(data, 0)).isEqualTo(asm(a -> a.ldrPcRelative(X16, 8)));
        assertThat(word(data, 4)).isEqualTo(asm(a -> a.br(X16)));
        assertThat(quad(data, 8)).isZero();
        assertThat(stencil.holes()).containsExactly(
                data(8, A64HoleKind.ABS64, HoleRef.symbol(6)),
                code(0, A64HoleKind.BRANCH26, HoleRef.data(0)));
        assertThat(stencil.alignment()).as("the code holds no literal").isEqualTo(4);
    }

    @Test
    void dataTrampolinesAndQuadsFollowEachOtherEightByteAligned() {
        A64StencilBuilder s = new A64StencilBuilder();
        int first = s.dataQuad(HoleRef.operand());
        int second = s.dataTrampoline(HoleRef.symbol(1));
        int third = s.dataTrampoline(HoleRef.symbol(2));
        int fourth = s.dataQuad(HoleRef.data(0));
        assertThat(List.of(first, second, third, fourth)).containsExactly(0, 8, 24, 40);
        assertThat(s.dataPosition()).isEqualTo(48);
        Stencil stencil = s.build("data");
        assertThat(stencil.holes()).containsExactly(
                data(0, A64HoleKind.ABS64, HoleRef.operand()),
                data(16, A64HoleKind.ABS64, HoleRef.symbol(1)),
                data(32, A64HoleKind.ABS64, HoleRef.symbol(2)),
                data(40, A64HoleKind.ABS64, HoleRef.data(0)));
        assertThat(stencil.holes()).allMatch(hole -> hole.offset() % 8 == 0);
        assertThat(stencil.codeSize()).isZero();
    }

    // ------------------------------------------------------------------------------ Stencil checks

    @Test
    void aHoleBeyondTheCodeIsRefused() {
        List<Hole> holes = List.of(code(8, A64HoleKind.BRANCH26, continuation()));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "late", bytes(NOP, B), NONE, 4, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stencil late: ")
                .hasMessageContaining("lies outside its code (8 bytes)");
    }

    @Test
    void aHoleOverAnInstructionOfAnotherKindIsRefusedWhenTheStencilIsMade() {
        // Compiling fills holes without looking at their instruction again, so the stencil checks it once.
        List<Hole> holes = List.of(code(0, A64HoleKind.BRANCH26, continuation()));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "nop", bytes(NOP, B), NONE, 4, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stencil nop (offsets from its start): BRANCH26 hole at 0x0 expects b or bl")
                .hasMessageContaining("(nop)");
    }

    @Test
    void aHoleThatStartsInsideButEndsOutsideIsRefused() {
        // An 8-byte literal hole starting at the last word of the code.
        List<Hole> holes = List.of(code(4, A64HoleKind.ABS64, HoleRef.operand()));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "straddle", bytes(NOP, 0), NONE, 8, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies outside its code (8 bytes)");
        assertThat(new Stencil(Architecture.AARCH64, "fits", bytes(NOP, 0, 0), NONE, 8, holes, 0).holeCount()).isEqualTo(1);
    }

    @Test
    void aDataHoleBeyondTheDataIsRefused() {
        List<Hole> holes = List.of(data(8, A64HoleKind.ABS64, HoleRef.operand()));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "data", bytes(B), new byte[8], 4, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies outside its data (8 bytes)");
        assertThat(new Stencil(Architecture.AARCH64, "data", bytes(B), new byte[16], 4, holes, 0).dataSize()).isEqualTo(16);
    }

    @Test
    void aDataHoleIsMeasuredAgainstTheDataNotTheCode() {
        // 16 bytes of code but no data: a data hole at 0 does not fit.
        List<Hole> holes = List.of(data(0, A64HoleKind.ABS32, HoleRef.operand()));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "no data", bytes(NOP, NOP, NOP, B), NONE, 4, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lies outside its data (0 bytes)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 12, 32, -8})
    void alignmentsOtherThan4816AreRefused(int alignment) {
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "odd", bytes(B), NONE, alignment, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stencil odd: alignment must be 4, 8 or 16 on aarch64, got " + alignment);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16})
    void alignments4816AreKept(int alignment) {
        assertThat(new Stencil(Architecture.AARCH64, "ok", bytes(B), NONE, alignment, List.of(), 0).alignment()).isEqualTo(alignment);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6, 10})
    void codeThatIsNotWholeWordsIsRefused(int length) {
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "ragged", new byte[length], NONE, 4, List.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stencil ragged: code must be whole instruction words, got " + length + " bytes");
    }

    @Test
    void aSymbolMaskMissingAHolesSymbolIsRefused() {
        List<Hole> holes = List.of(code(0, A64HoleKind.BRANCH26, HoleRef.symbol(3)));
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "call", bytes(BL), NONE, 4, holes, 1L << 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stencil call: symbol mask 100 misses symbols its holes call (1000)");
        assertThatThrownBy(() -> new Stencil(Architecture.AARCH64, "call", bytes(BL), NONE, 4, holes, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("misses symbols");
    }

    @Test
    void aSymbolMaskMayNameMoreSymbolsThanTheHoles() {
        List<Hole> holes = List.of(code(0, A64HoleKind.BRANCH26, HoleRef.symbol(3)));
        long mask = 1L << 3 | 1L << 40;
        assertThat(new Stencil(Architecture.AARCH64, "call", bytes(BL), NONE, 4, holes, mask).symbolMask()).isEqualTo(mask);
    }

    @Test
    void exitsIsTrueOnlyWithAnExitHole() {
        assertThat(new A64StencilBuilder().cbz(X0, HoleRef.exit()).build("guard").exits()).isTrue();
        assertThat(new A64StencilBuilder().b(HoleRef.epilogue()).build("leave").exits()).isFalse();
        assertThat(new A64StencilBuilder().b(continuation()).build("go on").exits()).isFalse();
    }

    @Test
    void codeAndDataAreCopiesBothWays() {
        byte[] code = bytes(NOP, B);
        byte[] data = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        Stencil stencil = new Stencil(Architecture.AARCH64, "copies", code, data, 4, List.of(), 0);
        code[0] = 0;
        data[0] = 0;
        assertThat(stencil.code()).isEqualTo(bytes(NOP, B));
        assertThat(stencil.data()).startsWith(1, 2);

        stencil.code()[0] = 0;
        stencil.data()[0] = 0;
        assertThat(stencil.code()).isEqualTo(bytes(NOP, B));
        assertThat(stencil.data()).startsWith(1, 2);
        assertThat(stencil.code()).isNotSameAs(stencil.code());
    }

    @Test
    void holesAreAnUnmodifiableSnapshot() {
        List<Hole> holes = new ArrayList<>(List.of(code(4, A64HoleKind.BRANCH26, continuation())));
        Stencil stencil = new Stencil(Architecture.AARCH64, "snapshot", bytes(NOP, B), NONE, 4, holes, 0);
        holes.clear();
        assertThat(stencil.holeCount()).isEqualTo(1);
        assertThat(stencil.hole(0)).isEqualTo(stencil.holes().get(0));
        assertThatThrownBy(() -> stencil.holes().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copyCodeCopiesAPrefixAndCopyDataAllOfIt() {
        Stencil stencil = new Stencil(Architecture.AARCH64, "copy", bytes(NOP, B), new byte[] {9, 8, 7, 6, 5, 4, 3, 2}, 4, List.of(), 0);
        byte[] target = new byte[20];
        MemorySegment segment = MemorySegment.ofArray(target);
        stencil.copyCode(segment, 4, 4); // without the jump
        stencil.copyData(segment, 12);
        assertThat(word(target, 0)).isZero();
        assertThat(word(target, 4)).isEqualTo(NOP);
        assertThat(word(target, 8)).as("the jump was left out").isZero();
        assertThat(target).endsWith(9, 8, 7, 6, 5, 4, 3, 2);
    }

    @Test
    void toStringNamesTheSizesAndHoles() {
        A64StencilBuilder s = new A64StencilBuilder();
        s.dataQuad(HoleRef.operand());
        s.ldrLiteral(X0, HoleRef.data(0)).b(continuation());
        assertThat(s.build("CONST (data)").toString())
                .isEqualTo("Stencil[CONST (data), 8 code bytes, 8 data bytes, 3 holes]");
    }
}
