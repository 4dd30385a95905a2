package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import dev.stitch.a64.A64Assembler;
import dev.stitch.a64.A64Disassembler;
import dev.stitch.a64.Address;
import dev.stitch.a64.LabelUse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.stitch.a64.Registers.W0;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stencil library: one stencil per uop, the CONST variant that fits a value, and call
 * stencils whose trampolines differ by {@link CallStrategy}, with the sizes each strategy costs.
 */
class StencilLibraryTest {
    private static final int SYMBOL = 11;

    private static int word(byte[] bytes, int offset) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    private static List<Integer> words(byte[] bytes) {
        List<Integer> words = new ArrayList<>();
        for (int at = 0; at + 4 <= bytes.length; at += 4) {
            words.add(word(bytes, at));
        }
        return words;
    }

    private static int asm(Consumer<A64Assembler> emit) {
        A64Assembler asm = new A64Assembler();
        emit.accept(asm);
        return asm.finish().intAt(0);
    }

    /** Every call stencil of a strategy: arity 0..4 × result × checked. */
    private interface CallVisitor {
        void visit(Stencil stencil, int arity, CallResult result, boolean checked);
    }

    private static void forEachCall(StencilLibrary library, int ordinal, CallVisitor visitor) {
        for (int arity = 0; arity <= Uop.MAX_CALL_ARGUMENTS; arity++) {
            for (CallResult result : CallResult.values()) {
                for (boolean checked : new boolean[] {false, true}) {
                    visitor.visit(library.call(ordinal, arity, result, checked), arity, result, checked);
                }
            }
        }
    }

    private static List<Hole> symbolHoles(Stencil stencil) {
        return stencil.holes().stream().filter(h -> h.value() == HoleValue.SYMBOL).toList();
    }

    private static Hole onlyHole(Stencil stencil, HoleValue value) {
        List<Hole> holes = stencil.holes().stream().filter(h -> h.value() == value).toList();
        assertThat(holes).as("%s holes of %s", value, stencil).hasSize(1);
        return holes.get(0);
    }

    /** Where a call stencil's code goes on after the continuation jump: the start of an in-code trampoline. */
    private static int afterContinuationJump(Stencil stencil) {
        return onlyHole(stencil, HoleValue.CONTINUATION).offset() + 4;
    }

    // ------------------------------------------------------------------------------ the uop stencils

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = "CALL", mode = EnumSource.Mode.EXCLUDE)
    void everyUopButCallHasAStencilInEveryLibrary(Uop uop) {
        for (CallStrategy strategy : CallStrategy.values()) {
            Stencil stencil = StencilLibrary.of(Architecture.AARCH64, strategy).stencil(uop, 0);
            assertThat(stencil).as("%s in %s", uop, strategy).isNotNull();
            assertThat(stencil.name()).startsWith(uop.name());
            assertThat(stencil.codeSize()).isPositive();
        }
    }

    @Test
    void callHasNoStencilWithoutASymbol() {
        assertThatThrownBy(() -> StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(Uop.CALL, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CALL needs a symbol; use call(...)");
    }

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = "CALL", mode = EnumSource.Mode.EXCLUDE)
    void aUopStencilEndsWithTheContinuationJumpExactlyWhenTheUopContinues(Uop uop) {
        Stencil stencil = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(uop, 0);
        assertThat(stencil.endsWithContinuationJump()).as(uop.name()).isEqualTo(uop.continues());
    }

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = "CALL", mode = EnumSource.Mode.EXCLUDE)
    void aUopStencilHasAnExitHoleExactlyWhenTheUopCanExit(Uop uop) {
        Stencil stencil = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(uop, 0);
        assertThat(stencil.exits()).as(uop.name()).isEqualTo(uop.exits());
        assertThat(stencil.symbolMask()).isZero();
    }

    @Test
    void theUopStencilsAreSharedByEveryStrategy() {
        for (Uop uop : Uop.values()) {
            if (uop == Uop.CALL) {
                continue;
            }
            Stencil reference = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(uop, 0);
            for (CallStrategy strategy : CallStrategy.values()) {
                Stencil stencil = StencilLibrary.of(Architecture.AARCH64, strategy).stencil(uop, 0);
                assertThat(stencil.code()).as("%s in %s", uop, strategy).isEqualTo(reference.code());
                assertThat(stencil.holes()).isEqualTo(reference.holes());
            }
        }
    }

    @Test
    void ofGivesOneLibraryPerArchitectureAndStrategy() {
        for (Architecture arch : Architecture.values()) {
            for (CallStrategy strategy : CallStrategy.values()) {
                StencilLibrary library = StencilLibrary.of(arch, strategy);
                assertThat(StencilLibrary.of(arch, strategy)).isSameAs(library);
                assertThat(library.strategy()).isEqualTo(strategy);
                assertThat(library.architecture()).isEqualTo(arch);
                assertThat(library.all()).allSatisfy(s -> assertThat(s.architecture()).isEqualTo(arch));
            }
        }
        assertThatThrownBy(() -> StencilLibrary.of(Architecture.AARCH64, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StencilLibrary.of(null, CallStrategy.PER_TRACE)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSharedStencilsHaveTheirShape() {
        StencilLibrary library = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE);
        assertThat(library.exitStub()).isSameAs(library.stencil(Uop.EXIT, 0));

        Stencil epilogue = library.epilogue();
        List<Integer> epilogueWords = words(epilogue.code());
        assertThat(epilogue.holes()).isEmpty();
        assertThat(A64Disassembler.disassemble(epilogueWords.get(epilogueWords.size() - 1))).isEqualTo("ret");

        Stencil failed = library.upcallFailedExit();
        assertThat(words(failed.code()).get(0)).isEqualTo(asm(a -> a.mov(X0, FrameLayout.UPCALL_FAILED_EXIT)));
        assertThat(failed.holes()).containsExactly(new Hole(4, A64HoleKind.BRANCH26, HoleValue.EPILOGUE, -1, 0, false));
    }

    // ------------------------------------------------------------------------------ CONST variants

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x1234, 65535})
    void constUpTo65535IsOneMovz(long value) {
        Stencil stencil = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(Uop.CONST, value);
        assertThat(stencil.name()).isEqualTo("CONST (movz)");
        assertThat(stencil.hole(0)).isEqualTo(new Hole(0, A64HoleKind.MOVW_G0, HoleValue.OPERAND, -1, 0, false));
        assertThat(stencil.dataSize()).isZero();
        int patched = A64HoleKind.MOVW_G0.patch(word(stencil.code(), 0), 0, value);
        assertThat(patched).isEqualTo(asm(a -> a.movz(X0, (int) value)));
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -2, -0x1234, -65536})
    void constFromMinus65536ToMinus1IsOneMovnOfTheComplement(long value) {
        Stencil stencil = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(Uop.CONST, value);
        assertThat(stencil.name()).isEqualTo("CONST (movn)");
        assertThat(stencil.hole(0)).isEqualTo(new Hole(0, A64HoleKind.MOVW_G0, HoleValue.OPERAND_NOT, -1, 0, false));
        int patched = A64HoleKind.MOVW_G0.patch(word(stencil.code(), 0), 0, ~value);
        assertThat(A64Disassembler.disassemble(patched)).isEqualTo("mov x0, #" + value);
    }

    @ParameterizedTest
    @ValueSource(longs = {65536, -65537, 0x1_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_0000L})
    void everyOtherConstIsALoadFromData(long value) {
        Stencil stencil = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE).stencil(Uop.CONST, value);
        assertThat(stencil.name()).isEqualTo("CONST (data)");
        assertThat(stencil.dataSize()).isEqualTo(8);
        assertThat(stencil.holes()).contains(
                new Hole(0, A64HoleKind.ABS64, HoleValue.OPERAND, -1, 0, true),
                new Hole(0, A64HoleKind.BRANCH19, HoleValue.DATA, -1, 0, false));
        assertThat(A64Disassembler.disassemble(word(stencil.code(), 0))).isEqualTo("ldr x0, #0");
        assertThat(A64HoleKind.ABS64.checkData(0, value)).isEqualTo(value);
    }

    @Test
    void theConstVariantsEndAlikeAfterTheirFirstInstruction() {
        StencilLibrary library = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE);
        List<Integer> movz = words(library.stencil(Uop.CONST, 0).code());
        List<Integer> movn = words(library.stencil(Uop.CONST, -1).code());
        List<Integer> data = words(library.stencil(Uop.CONST, 1L << 40).code());
        assertThat(movn.subList(1, movn.size())).isEqualTo(movz.subList(1, movz.size()));
        assertThat(data.subList(1, data.size())).isEqualTo(movz.subList(1, movz.size()));
        assertThat(movz.get(1)).isEqualTo(asm(a -> a.str(X0, Address.postIndex(FrameLayout.STACK_REG, 8))));
    }

    // ------------------------------------------------------------------------------ every word

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void everyInstructionWordOfTheLibraryDisassembles(CallStrategy strategy) {
        for (Stencil stencil : StencilLibrary.of(Architecture.AARCH64, strategy).all()) {
            assertInstructionsDisassemble(stencil, stencil.code(), false);
            assertInstructionsDisassemble(stencil, stencil.data(), true);
        }
    }

    /** Every word not covered by a literal hole is an instruction (holes are zero fields of valid ones). */
    private static void assertInstructionsDisassemble(Stencil stencil, byte[] bytes, boolean inData) {
        boolean[] literal = new boolean[bytes.length];
        for (Hole hole : stencil.holes()) {
            if (hole.inData() == inData && hole.kind().isData()) {
                for (int i = 0; i < hole.kind().size(); i++) {
                    literal[hole.offset() + i] = true;
                }
            }
        }
        for (int at = 0; at + 4 <= bytes.length; at += 4) {
            if (literal[at]) {
                continue;
            }
            String text = A64Disassembler.disassemble(word(bytes, at));
            assertThat(text).as("%s %s word at %d", stencil.name(), inData ? "data" : "code", at)
                    .doesNotStartWith(".inst")
                    .doesNotStartWith("udf");
        }
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void everyHoleOfTheLibraryLiesOnAWordItsKindAccepts(CallStrategy strategy) {
        for (Stencil stencil : StencilLibrary.of(Architecture.AARCH64, strategy).all()) {
            for (Hole hole : stencil.holes()) {
                if (!hole.kind().isData()) {
                    assertThat(hole.inData()).as("%s %s", stencil.name(), hole).isFalse();
                    assertThat(hole.offset() % 4).isZero();
                    assertThat(((A64HoleKind) hole.kind()).accepts(word(stencil.code(), hole.offset())))
                            .as("%s %s", stencil.name(), hole).isTrue();
                } else {
                    assertThat(hole.offset() % hole.kind().size()).as("%s %s aligned", stencil.name(), hole).isZero();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void allHoldsEachDistinctStencilOnce(CallStrategy strategy) {
        List<Stencil> all = StencilLibrary.of(Architecture.AARCH64, strategy).all();
        int uops = Uop.values().length - 1;
        // CONST movn and data, epilogue, upcall failed exit, yield stub, resume entry, back-edge JUMP and JUMP_IFs
        int variants = 9;
        int calls = (Uop.MAX_CALL_ARGUMENTS + 1) * CallResult.values().length * 2;
        assertThat(all).hasSize(uops + variants + calls).doesNotContainNull();
        Map<Stencil, Boolean> seen = new IdentityHashMap<>();
        all.forEach(s -> seen.put(s, true));
        assertThat(seen).hasSize(all.size());
    }

    // ------------------------------------------------------------------------------ call stencils

    @Test
    void callArgumentsAreValidated() {
        StencilLibrary library = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE);
        assertThatThrownBy(() -> library.call(64, 0, CallResult.VOID, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol ordinal must be 0..63, got 64");
        assertThatThrownBy(() -> library.call(-1, 0, CallResult.VOID, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol ordinal must be 0..63, got -1");
        assertThatThrownBy(() -> library.call(0, 5, CallResult.VOID, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a call passes 0..4 arguments, got 5");
        assertThatThrownBy(() -> library.call(0, -1, CallResult.VOID, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a call passes 0..4 arguments, got -1");
    }

    @Test
    void callStencilsAreKeptPerSymbolAndShape() {
        StencilLibrary library = StencilLibrary.of(Architecture.AARCH64, CallStrategy.PER_TRACE);
        Stencil first = library.call(63, 4, CallResult.INT, true);
        assertThat(library.call(63, 4, CallResult.INT, true)).isSameAs(first);
        Stencil other = library.call(62, 4, CallResult.INT, true);
        assertThat(other).isNotSameAs(first);
        assertThat(other.code()).isEqualTo(first.code());
        assertThat(first.symbolMask()).isEqualTo(1L << 63);
        assertThat(other.symbolMask()).isEqualTo(1L << 62);
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void callStencilsHaveTheirShapeForEveryArityResultAndCheck(CallStrategy strategy) {
        int push = asm(a -> a.str(X0, Address.postIndex(FrameLayout.STACK_REG, 8)));
        int sxtw = asm(a -> a.sxtw(X0, W0));
        forEachCall(StencilLibrary.of(Architecture.AARCH64, strategy), SYMBOL, (stencil, arity, result, checked) -> {
            String what = strategy + " " + stencil.name();
            List<Integer> words = words(stencil.code());
            assertThat(stencil.name()).as(what).startsWith("CALL/" + arity);
            assertThat(stencil.symbolMask()).as(what).isEqualTo(1L << SYMBOL);
            assertThat(stencil.exits()).as(what).isEqualTo(checked);
            assertThat(words.contains(sxtw)).as(what + " sign-extends").isEqualTo(result == CallResult.INT);
            assertThat(words.contains(push)).as(what + " pushes").isEqualTo(result != CallResult.VOID);
            onlyHole(stencil, HoleValue.CONTINUATION);
            if (checked) {
                assertThat(onlyHole(stencil, HoleValue.EXIT).kind()).isEqualTo(A64HoleKind.BRANCH19);
            }
        });
    }

    @Test
    void movwPerCallHasFourMoveWideSymbolHolesAfterTheContinuationJump() {
        forEachCall(StencilLibrary.of(Architecture.AARCH64, CallStrategy.MOVW_PER_CALL), SYMBOL, (stencil, arity, result, checked) -> {
            List<Hole> symbols = symbolHoles(stencil);
            int start = afterContinuationJump(stencil);
            assertThat(symbols).as(stencil.name()).containsExactly(
                    new Hole(start, A64HoleKind.MOVW_G0_NC, HoleValue.SYMBOL, SYMBOL, 0, false),
                    new Hole(start + 4, A64HoleKind.MOVW_G1_NC, HoleValue.SYMBOL, SYMBOL, 0, false),
                    new Hole(start + 8, A64HoleKind.MOVW_G2_NC, HoleValue.SYMBOL, SYMBOL, 0, false),
                    new Hole(start + 12, A64HoleKind.MOVW_G3, HoleValue.SYMBOL, SYMBOL, 0, false));
            byte[] code = stencil.code();
            assertThat(words(code).subList(start / 4, code.length / 4)).containsExactly(
                    asm(a -> a.movz(X16, 0, 0)), asm(a -> a.movk(X16, 0, 16)), asm(a -> a.movk(X16, 0, 32)),
                    asm(a -> a.movk(X16, 0, 48)), asm(a -> a.br(X16)));
            assertThat(blTargets(code)).as("the bl goes to the trampoline").containsExactly(start);
            assertThat(stencil.alignment()).isEqualTo(4);
            assertThat(stencil.dataSize()).isZero();
            assertThat(stencil.endsWithContinuationJump()).isFalse();
        });
    }

    @Test
    void literalInCodeHasOneAbs64SymbolHoleInAnAlignedCodeLiteral() {
        forEachCall(StencilLibrary.of(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE), SYMBOL, (stencil, arity, result, checked) -> {
            List<Hole> symbols = symbolHoles(stencil);
            assertThat(symbols).as(stencil.name()).hasSize(1);
            Hole literal = symbols.get(0);
            byte[] code = stencil.code();
            assertThat(literal.kind()).isEqualTo(A64HoleKind.ABS64);
            assertThat(literal.inData()).isFalse();
            assertThat(literal.offset() % 8).as("8-byte aligned literal").isZero();
            assertThat(literal.offset()).as("the literal is last").isEqualTo(stencil.codeSize() - 8);
            assertThat(stencil.alignment()).isEqualTo(8);
            int ldr = word(code, literal.offset() - 8);
            assertThat(A64Disassembler.disassemble(ldr)).isEqualTo("ldr x16, #8");
            assertThat(A64Disassembler.disassemble(word(code, literal.offset() - 4))).isEqualTo("br x16");
            assertThat(blTargets(code)).as("the bl goes to the trampoline").containsExactly(literal.offset() - 8);
            assertThat(stencil.dataSize()).isZero();
            assertThat(stencil.endsWithContinuationJump()).isFalse();
        });
    }

    @Test
    void literalInDataHasOneAbs64SymbolHoleInDataAndABlToIt() {
        forEachCall(StencilLibrary.of(Architecture.AARCH64, CallStrategy.LITERAL_IN_DATA), SYMBOL, (stencil, arity, result, checked) -> {
            assertThat(symbolHoles(stencil)).as(stencil.name())
                    .containsExactly(new Hole(8, A64HoleKind.ABS64, HoleValue.SYMBOL, SYMBOL, 0, true));
            Hole call = onlyHole(stencil, HoleValue.DATA);
            assertThat(call.kind()).isEqualTo(A64HoleKind.BRANCH26);
            assertThat(call.addend()).as("the trampoline's data offset").isZero();
            assertThat(A64Disassembler.disassemble(word(stencil.code(), call.offset()))).isEqualTo("bl #0");
            byte[] data = stencil.data();
            assertThat(data).hasSize(16);
            assertThat(A64Disassembler.disassemble(word(data, 0))).isEqualTo("ldr x16, #8");
            assertThat(A64Disassembler.disassemble(word(data, 4))).isEqualTo("br x16");
            assertThat(stencil.alignment()).isEqualTo(4);
            assertThat(stencil.endsWithContinuationJump()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(value = CallStrategy.class, names = {"PER_TRACE", "PER_TRACE_ALWAYS"})
    void perTraceHasOneBranch26SymbolHoleOnABl(CallStrategy strategy) {
        forEachCall(StencilLibrary.of(Architecture.AARCH64, strategy), SYMBOL, (stencil, arity, result, checked) -> {
            List<Hole> symbols = symbolHoles(stencil);
            assertThat(symbols).as(stencil.name()).hasSize(1);
            Hole call = symbols.get(0);
            assertThat(call.kind()).isEqualTo(A64HoleKind.BRANCH26);
            assertThat(call.inData()).isFalse();
            assertThat(A64Disassembler.disassemble(word(stencil.code(), call.offset()))).isEqualTo("bl #0");
            assertThat(stencil.dataSize()).isZero();
            assertThat(stencil.alignment()).isEqualTo(4);
            assertThat(stencil.endsWithContinuationJump()).isTrue();
        });
    }

    /** The targets of the {@code bl} instructions with a resolved (non-zero) offset, as code offsets. */
    private static List<Integer> blTargets(byte[] code) {
        List<Integer> targets = new ArrayList<>();
        for (int at = 0; at + 4 <= code.length; at += 4) {
            int word = word(code, at);
            if ((word & 0xFC00_0000) == 0x9400_0000 && word != 0x9400_0000) {
                targets.add(at + (int) LabelUse.BRANCH26.extract(word));
            }
        }
        return targets;
    }

    // ------------------------------------------------------------------------------ sizes

    @Test
    void theMovwTrampolineIs20BytesWith4HolesAndTheLiteralOne16BytesWith1HolePlusPadding() {
        StencilLibrary movwLibrary = StencilLibrary.of(Architecture.AARCH64, CallStrategy.MOVW_PER_CALL);
        StencilLibrary literalLibrary = StencilLibrary.of(Architecture.AARCH64, CallStrategy.LITERAL_IN_CODE);
        int paddedStencils = 0;
        for (int arity = 0; arity <= Uop.MAX_CALL_ARGUMENTS; arity++) {
            for (CallResult result : CallResult.values()) {
                for (boolean checked : new boolean[] {false, true}) {
                    Stencil movw = movwLibrary.call(SYMBOL, arity, result, checked);
                    Stencil literal = literalLibrary.call(SYMBOL, arity, result, checked);
                    int start = afterContinuationJump(movw);
                    assertThat(afterContinuationJump(literal)).as("the same code before the trampolines").isEqualTo(start);

                    int movwTrampoline = movw.codeSize() - start;
                    int padding = literal.codeSize() - start - 16;
                    assertThat(movwTrampoline).as(movw.name()).isEqualTo(20);
                    assertThat(symbolHoles(movw)).hasSize(4);
                    assertThat(symbolHoles(literal)).hasSize(1);
                    assertThat(padding).as("nops before the literal trampoline of %s", literal.name()).isIn(0, 4);
                    assertThat((start + padding) % 8).isZero();
                    assertThat(movw.codeSize() - literal.codeSize()).isEqualTo(4 - padding);
                    paddedStencils += padding == 4 ? 1 : 0;
                }
            }
        }
        // Both cases occur, so that the relation above is not checked for one of them only.
        assertThat(paddedStencils).isBetween(1, 29);
    }

    private static long librarySize(CallStrategy strategy) {
        long size = 0;
        for (Stencil stencil : StencilLibrary.of(Architecture.AARCH64, strategy).all()) {
            size += stencil.codeSize() + stencil.dataSize();
        }
        return size;
    }

    @Test
    void librarySizesOrderTheStrategies() {
        Map<CallStrategy, Long> sizes = new EnumMap<>(CallStrategy.class);
        for (CallStrategy strategy : CallStrategy.values()) {
            sizes.put(strategy, librarySize(strategy));
            System.out.printf("stencil library %-16s %5d bytes (code + data, %d stencils)%n", strategy,
                    sizes.get(strategy), StencilLibrary.of(Architecture.AARCH64, strategy).all().size());
        }
        long movw = sizes.get(CallStrategy.MOVW_PER_CALL);
        long literalInCode = sizes.get(CallStrategy.LITERAL_IN_CODE);
        long literalInData = sizes.get(CallStrategy.LITERAL_IN_DATA);
        long perTrace = sizes.get(CallStrategy.PER_TRACE);
        assertThat(literalInData).isLessThan(movw);
        assertThat(perTrace).isLessThan(movw);
        assertThat(perTrace).isLessThan(literalInData).isEqualTo(sizes.get(CallStrategy.PER_TRACE_ALWAYS));
        assertThat(literalInData).isLessThan(literalInCode);
        assertThat(literalInCode).isLessThan(movw);

        int callStencils = (Uop.MAX_CALL_ARGUMENTS + 1) * CallResult.values().length * 2;
        assertThat(movw - perTrace).as("a 20-byte trampoline per call stencil").isEqualTo(20L * callStencils);
        assertThat(literalInData - perTrace).as("a 16-byte data trampoline per call stencil")
                .isEqualTo(16L * callStencils);
    }
}
