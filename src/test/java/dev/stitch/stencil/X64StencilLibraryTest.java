package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import dev.stitch.x64.X64Disassembler;
import dev.stitch.x64.X64Instruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The x86-64 stencil library: every stencil decodes into whole instructions (with Stitch's
 * disassembler and with llvm-mc), every hole is the last field of its instruction and of the kind
 * that instruction takes, continuing uops end with a {@code jmp rel32} to the continuation, and the
 * call stencils take the shape of their strategy.
 */
class X64StencilLibraryTest {
    private static StencilLibrary library(CallStrategy strategy) {
        return StencilLibrary.of(Architecture.X86_64, strategy);
    }

    /** The instructions of {@code code}, in order; fails on a byte that does not decode. */
    private static List<X64Instruction> instructions(Stencil stencil, byte[] code, boolean inData) {
        boolean[] literal = new boolean[code.length];
        for (Hole hole : stencil.holes()) {
            if (hole.inData() == inData && hole.kind() == X64HoleKind.ABS64 && isLiteral(stencil, hole)) {
                for (int i = 0; i < 8; i++) {
                    literal[hole.offset() + i] = true;
                }
            }
        }
        List<X64Instruction> out = new ArrayList<>();
        for (int at = 0; at < code.length; ) {
            if (literal[at]) {
                at += 8;
                continue;
            }
            X64Instruction insn = X64Disassembler.decode(code, at, 0);
            assertThat(insn.isUndecoded()).as("%s: byte %d decodes", stencil.name(), at).isFalse();
            out.add(insn);
            at += insn.length();
        }
        return out;
    }

    /** True for an 8-byte literal (a trampoline's or a data quad), false for a movabs immediate. */
    private static boolean isLiteral(Stencil stencil, Hole hole) {
        if (hole.inData()) {
            return true;
        }
        byte[] code = stencil.code();
        int at = hole.offset();
        boolean movabs = at >= 2 && (code[at - 2] & 0xF8) == 0x48 && (code[at - 1] & 0xF8) == 0xB8; // REX.W B8+r
        return !movabs;
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void everyHoleIsTheLastFieldOfAnInstructionOfItsKind(CallStrategy strategy) {
        for (Stencil stencil : library(strategy).all()) {
            assertThat(stencil.architecture()).isEqualTo(Architecture.X86_64);
            List<X64Instruction> code = instructions(stencil, stencil.code(), false);
            for (Hole hole : stencil.holes()) {
                if (hole.inData()) {
                    assertThat(hole.kind()).as("%s %s", stencil.name(), hole).isEqualTo(X64HoleKind.ABS64);
                    assertThat(hole.offset() % 8).isZero();
                    continue;
                }
                if (hole.kind() == X64HoleKind.ABS64 && isLiteral(stencil, hole)) {
                    assertThat(hole.offset() % 8).as("%s: a literal is 8-byte aligned", stencil.name()).isZero();
                    continue;
                }
                int end = hole.offset() + hole.kind().size();
                X64Instruction owner = code.stream().filter(i -> i.address() < hole.offset() && i.nextAddress() == end)
                        .findFirst().orElse(null);
                assertThat(owner).as("%s: %s ends an instruction", stencil.name(), hole).isNotNull();
                String text = owner.text();
                switch ((X64HoleKind) hole.kind()) {
                    case REL32 -> assertThat(text).matches("(jmp|call|j[a-z]+) -?\\d+");
                    case RIP32 -> assertThat(text).contains("[rip");
                    case ABS64 -> assertThat(text).startsWith("movabs ");
                    case ABS32U -> assertThat(text).matches("mov e[a-z]+, \\d+");
                    case ABS32S -> assertThat(text).matches("mov .*");
                    default -> throw new AssertionError(stencil.name() + ": " + hole.kind() + " is not an x86-64 kind");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Uop.class, names = "CALL", mode = EnumSource.Mode.EXCLUDE)
    void aUopStencilEndsWithJmpToTheContinuationExactlyWhenTheUopContinues(Uop uop) {
        Stencil stencil = library(CallStrategy.PER_TRACE).stencil(uop, 0);
        assertThat(stencil.endsWithContinuationJump()).as(uop.name()).isEqualTo(uop.continues());
        assertThat(stencil.exits()).as(uop.name()).isEqualTo(uop.exits());
        if (uop.continues()) {
            assertThat(stencil.tailJumpBytes()).isEqualTo(5);
            assertThat(stencil.code()[stencil.codeSize() - 5] & 0xFF).isEqualTo(0xE9);
        }
    }

    @Test
    void constantsPickAnImm32StoreOrMovabs() {
        StencilLibrary library = library(CallStrategy.PER_TRACE);
        Stencil small = library.stencil(Uop.CONST, Integer.MIN_VALUE);
        assertThat(library.stencil(Uop.CONST, Integer.MAX_VALUE)).isSameAs(small);
        assertThat(library.stencil(Uop.CONST, -1)).isSameAs(small);
        Stencil large = library.stencil(Uop.CONST, 1L << 31);
        assertThat(large).isNotSameAs(small).isSameAs(library.stencil(Uop.CONST, Long.MIN_VALUE));
        assertThat(instructions(small, small.code(), false).getFirst().text()).isEqualTo("mov qword ptr [r12], 0");
        assertThat(instructions(large, large.code(), false).getFirst().text()).isEqualTo("movabs rax, 0");
    }

    @Test
    void callStencilsTakeTheShapeOfTheirStrategy() {
        for (CallStrategy strategy : CallStrategy.values()) {
            Stencil call = library(strategy).call(5, 2, CallResult.LONG, true);
            assertThat(call.symbolMask()).isEqualTo(1L << 5);
            List<String> texts = instructions(call, call.code(), false).stream().map(X64Instruction::text).toList();
            assertThat(texts.subList(0, 3)).as(strategy.name())
                    .containsExactly("mov rdi, qword ptr [r12 - 16]", "mov rsi, qword ptr [r12 - 8]", "sub r12, 16");
            assertThat(texts).contains("cmp qword ptr [r13 + 40], 0");
            switch (strategy) {
                case MOVW_PER_CALL -> assertThat(texts).contains("movabs r11, 0", "call r11");
                case LITERAL_IN_CODE -> {
                    assertThat(call.alignment()).isEqualTo(8);
                    assertThat(texts).contains("jmp qword ptr [rip]");
                    assertThat(call.endsWithContinuationJump()).isFalse();
                }
                case LITERAL_IN_DATA -> {
                    assertThat(texts).contains("call qword ptr [rip]");
                    assertThat(call.dataSize()).isEqualTo(8);
                }
                case PER_TRACE, PER_TRACE_ALWAYS -> assertThat(texts).contains("call 0");
            }
            if (strategy != CallStrategy.LITERAL_IN_CODE) {
                assertThat(call.endsWithContinuationJump()).as(strategy.name()).isTrue();
            }
        }
    }

    @Test
    void theEntryKeepsTheStackAlignedForCalls() {
        // At entry rsp is 8 mod 16 (the return address); rbp and five pinned registers are pushed,
        // then 8 bytes reserved, so every call stencil calls with rsp 16-byte aligned.
        Stencil enter = library(CallStrategy.PER_TRACE).stencil(Uop.ENTER, 0);
        List<String> texts = instructions(enter, enter.code(), false).stream().map(X64Instruction::text).toList();
        long pushes = texts.stream().filter(t -> t.startsWith("push ")).count();
        assertThat(pushes).isEqualTo(6);
        assertThat(texts).contains("sub rsp, 8");
        assertThat((8 + pushes * 8 + 8) % 16).isZero();
    }

    @ParameterizedTest
    @EnumSource(CallStrategy.class)
    void llvmDecodesEveryStencilAsStitchDoes(CallStrategy strategy) throws Exception {
        // The llvm-mc oracle of the x64 tests (package-private there).
        Method disassemble = Class.forName("dev.stitch.x64.X64LlvmMc").getDeclaredMethod("disassemble", byte[].class,
                List.class);
        disassemble.setAccessible(true);
        // One llvm-mc run over every stencil without a literal in its code, back to back.
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        List<String> ours = new ArrayList<>();
        for (Stencil stencil : library(strategy).all()) {
            if (stencil.holes().stream().anyMatch(h -> !h.inData() && h.kind() == X64HoleKind.ABS64 && isLiteral(stencil, h))) {
                continue; // a literal inside the code would be decoded as instructions
            }
            all.writeBytes(stencil.code());
            instructions(stencil, stencil.code(), false).forEach(i -> ours.add(i.text()));
        }
        List<String> warnings = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> llvm = (List<String>) disassemble.invoke(null, all.toByteArray(), warnings);
        assertThat(warnings).isEmpty();
        assertThat(llvm).isEqualTo(ours);
    }
}
