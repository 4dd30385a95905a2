package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static dev.stitch.a64.Registers.W3;
import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Labels through the API: forward and backward references of every PC-relative branch form, the
 * exact reach of each {@link LabelUse} (just inside and just outside, reached with {@code nop}s),
 * unbound and twice-bound labels, and text programs with labels compared byte for byte with
 * {@code llvm-mc}.
 */
class ControlApiTest {
    /** One branch form: how it refers to a label, and the same branch by a byte offset. */
    private record Form(String name, LabelUse use, BiConsumer<A64Assembler, Label> toLabel,
                        BiConsumer<A64Assembler, Long> byOffset) {}

    private static final List<Form> FORMS = List.of(
            new Form("b", LabelUse.BRANCH26, A64Assembler::b, A64Assembler::b),
            new Form("bl", LabelUse.BRANCH26, A64Assembler::bl, A64Assembler::bl),
            new Form("b.ne", LabelUse.BRANCH19, (a, l) -> a.b(Condition.NE, l), (a, o) -> a.b(Condition.NE, o)),
            new Form("cbz", LabelUse.BRANCH19, (a, l) -> a.cbz(X5, l), (a, o) -> a.cbz(X5, o)),
            new Form("cbnz", LabelUse.BRANCH19, (a, l) -> a.cbnz(W3, l), (a, o) -> a.cbnz(W3, o)),
            new Form("tbz", LabelUse.BRANCH14, (a, l) -> a.tbz(X0, 33, l), (a, o) -> a.tbz(X0, 33, o)),
            new Form("tbnz", LabelUse.BRANCH14, (a, l) -> a.tbnz(W3, 7, l), (a, o) -> a.tbnz(W3, 7, o)));

    private static int word(Consumer<A64Assembler> code) {
        A64Assembler asm = new A64Assembler();
        code.accept(asm);
        return asm.finish().intAt(0);
    }

    @Test
    void forwardAndBackwardLabelsEncodeTheirDistance() {
        for (Form form : FORMS) {
            A64Assembler asm = new A64Assembler();
            Label back = asm.newLabel("back");
            Label ahead = asm.newLabel("ahead");
            asm.bind(back).nop().nop();
            form.toLabel().accept(asm, back);
            form.toLabel().accept(asm, ahead);
            asm.nop().nop().nop().bind(ahead).nop();
            CodeBuffer code = asm.finish();
            assertThat(code.intAt(8)).as("%s backward", form.name())
                    .isEqualTo(word(a -> form.byOffset().accept(a, -8L)));
            assertThat(code.intAt(12)).as("%s forward", form.name())
                    .isEqualTo(word(a -> form.byOffset().accept(a, 16L)));
            assertThat(A64Disassembler.disassemble(code.intAt(12))).as(form.name()).endsWith("#16");
        }
    }

    /** Nops until the position is {@code offset}. */
    private static void nopsUntil(A64Assembler asm, long offset) {
        while (asm.position() < offset) {
            asm.nop();
        }
    }

    /** An assembler writing into native memory of exactly {@code bytes}, so a 128 MiB test grows nothing. */
    private static A64Assembler assemblerOf(Arena arena, long bytes) {
        return new A64Assembler(CodeBuffer.wrap(arena.allocate(bytes, 16)), 0);
    }

    @Test
    void eachFormReachesExactlyItsRangeForwardAndBackward() {
        for (Form form : FORMS) {
            LabelUse use = form.use();
            try (Arena arena = Arena.ofConfined()) {
                // Forward: the first branch reaches maxForward exactly; the second is 4 bytes too far.
                A64Assembler asm = assemblerOf(arena, use.maxForward() + 16);
                Label inside = asm.newLabel("inside");
                Label outside = asm.newLabel("outside");
                form.toLabel().accept(asm, inside);
                form.toLabel().accept(asm, outside);
                nopsUntil(asm, use.maxForward());
                asm.bind(inside).nop();
                nopsUntil(asm, 4 + use.maxForward() + 4);
                asm.bind(outside);
                assertThatThrownBy(asm::finish).as(form.name()).isInstanceOf(A64EncodingException.class)
                        .hasMessageContaining(form.name())
                        .hasMessageContaining("outside")
                        .hasMessageContaining("target is " + (use.maxForward() + 4) + " bytes away, out of range")
                        .hasMessageContaining("reaches -" + use.maxBackward() + ".." + use.maxForward() + " bytes");
                assertThat(asm.buffer().intAt(0)).as("%s inside", form.name())
                        .isEqualTo(word(a -> form.byOffset().accept(a, use.maxForward())));
            }
            try (Arena arena = Arena.ofConfined()) {
                // Backward: the first branch reaches maxBackward exactly; the next one is 4 bytes too far.
                A64Assembler asm = assemblerOf(arena, use.maxBackward() + 16);
                Label start = asm.newLabel("start");
                asm.bind(start);
                nopsUntil(asm, use.maxBackward());
                form.toLabel().accept(asm, start);
                assertThat(asm.buffer().intAt(use.maxBackward())).as("%s inside backward", form.name())
                        .isEqualTo(word(a -> form.byOffset().accept(a, -use.maxBackward())));
                assertThatThrownBy(() -> form.toLabel().accept(asm, start)).as(form.name())
                        .isInstanceOf(A64EncodingException.class)
                        .hasMessageContaining(form.name())
                        .hasMessageContaining("start")
                        .hasMessageContaining("target is -" + (use.maxBackward() + 4) + " bytes away, out of range")
                        .hasMessageContaining("reaches -" + use.maxBackward() + ".." + use.maxForward() + " bytes");
            }
        }
    }

    @Test
    void offsetFormsStopAtTheSameEdges() {
        for (Form form : FORMS) {
            LabelUse use = form.use();
            word(a -> form.byOffset().accept(a, use.maxForward()));
            word(a -> form.byOffset().accept(a, -use.maxBackward()));
            assertThatThrownBy(() -> word(a -> form.byOffset().accept(a, use.maxForward() + 4)))
                    .hasMessageContaining(form.name()).hasMessageContaining("out of range");
            assertThatThrownBy(() -> word(a -> form.byOffset().accept(a, -use.maxBackward() - 4)))
                    .hasMessageContaining(form.name()).hasMessageContaining("out of range");
        }
    }

    @Test
    void unboundLabelAtFinishNamesLabelAndInstruction() {
        A64Assembler asm = new A64Assembler();
        Label exit = asm.newLabel("exit");
        asm.nop().cbz(X0, exit);
        assertThatThrownBy(asm::finish).isInstanceOf(A64EncodingException.class)
                .hasMessageContaining("cbz x0, exit at offset 4 refers to label exit, which was never bound");
    }

    @Test
    void bindingALabelTwiceIsAnError() {
        A64Assembler asm = new A64Assembler();
        Label twice = asm.newLabel("twice");
        asm.bind(twice).nop();
        assertThatThrownBy(() -> asm.bind(twice)).isInstanceOf(A64EncodingException.class)
                .hasMessageContaining("label twice is already bound at offset 0");
    }

    @Test
    void namedConvenienceMethodsEncodeAsTheirText() {
        A64Assembler asm = new A64Assembler();
        asm.ret().ret(X5).br(X0).blr(X5).nop().wfe().wfi().sev().sevl().csdb().bti()
                .bti(ControlInstructions.BtiTarget.JC).hint(ControlInstructions.Hint.YIELD).hint(127)
                .dmb(ControlInstructions.BarrierOption.ISH).dsb(ControlInstructions.BarrierOption.SY).isb().isb(3)
                .ssbb().pssbb().clrex().dc(ControlInstructions.DataCacheOperation.CVAU, X0)
                .ic(ControlInstructions.InstructionCacheOperation.IVAU, X0)
                .ic(ControlInstructions.InstructionCacheOperation.IALLU)
                .mrs(X0, ControlInstructions.SystemRegister.TPIDR_EL0)
                .msr(ControlInstructions.SystemRegister.of(3, 3, 4, 4, 0), X5)
                .svc(0).brk(0x3e8).hlt(1).udf(7);
        String text = """
                ret
                ret x5
                br x0
                blr x5
                nop
                wfe
                wfi
                sev
                sevl
                csdb
                bti
                bti jc
                yield
                hint #127
                dmb ish
                dsb sy
                isb
                isb #3
                ssbb
                pssbb
                clrex
                dc cvau, x0
                ic ivau, x0
                ic iallu
                mrs x0, tpidr_el0
                msr fpcr, x5
                svc #0
                brk #0x3e8
                hlt #1
                udf #7
                """;
        assertThat(asm.finish().toByteArray()).isEqualTo(LlvmMc.assembleObject(text));
    }

    private static void sameAsLlvm(String source) {
        byte[] stitch = A64TextAssembler.assemble(source, "labels.s").bytes();
        assertThat(stitch).isEqualTo(LlvmMc.assembleObject(source));
    }

    @Test
    void textLabelProgramsMatchLlvmByteForByte() {
        sameAsLlvm("""
                start:
                    cbz x0, done
                loop:
                    tbnz w1, #3, skip
                    b.ne loop
                    bl func
                skip:
                    cbnz x2, loop
                    tbz x3, #40, start
                    b.lo loop
                    bcs skip
                    b done
                done:
                    ret
                func:
                    nop
                    b.hs start
                    cbz w9, func
                    bl start
                    ret
                """);
        sameAsLlvm("""
                    b forward1; b forward2
                    tbz w0, #0, forward3
                    cbnz xzr, forward1
                    beq forward2
                    .word 0x12345678
                forward1: nop
                forward2: nop
                forward3:
                    bl forward1
                    b.al forward3
                    b.nv forward3
                    ret
                """);
        sameAsLlvm("""
                top:
                    b top
                    bl top
                    tbnz x0, #63, top
                    cbz w0, top
                    b.gt top
                    .p2align 4
                bottom:
                    b.le bottom
                    b top
                """);
    }
}
