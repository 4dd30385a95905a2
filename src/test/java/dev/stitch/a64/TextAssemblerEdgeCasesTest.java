package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs at the edges of what the text assembler reads: refused with a located message, never mis-encoded. */
class TextAssemblerEdgeCasesTest {
    private static void refused(String source, String message) {
        assertThatThrownBy(() -> A64TextAssembler.assemble(source, "edge.s"))
                .isInstanceOf(A64SyntaxException.class)
                .hasMessageContaining(message);
    }

    @Test
    void valuesThatWouldWrapOrBeCutAreRefused() {
        refused("add x0, x1, #0x8000000000000000, lsl #12",
                "edge.s:1:13: error: add: immediate -9223372036854775808 is out of range");
        refused("add x0, x1, #5000, lsl #12", "add: immediate 5000 is out of range with an explicit shift");
        refused("fmov d0, #18446744073709551615", "edge.s:1:10: error: fmov: immediate #18446744073709551615 is out of range");
        refused("add x0, x1, x2, lsl #4294967297", "edge.s:1:17: error: amount 4294967297 in 'lsl #4294967297' is out of range");
        refused("movz x0, #1, lsl #4294967312", "amount 4294967312 in 'lsl #4294967312' is out of range");
    }

    @Test
    void aNegativeImmediateTurnsAddIntoSubAsInLlvm() {
        assertThat(A64TextAssembler.assemble("add x0, x1, #-16", "edge.s").bytes())
                .isEqualTo(A64TextAssembler.assemble("sub x0, x1, #16", "edge.s").bytes());
    }

    @Test
    void aLabelLeftUnboundThroughTheApiIsReportedEvenWithoutStatements() {
        A64Assembler asm = new A64Assembler();
        asm.b(asm.newLabel("elsewhere"));
        assertThatThrownBy(() -> A64TextAssembler.assemble("", "edge.s", asm))
                .isInstanceOf(A64SyntaxException.class)
                .hasMessageStartingWith("edge.s:1:1: error: b elsewhere at offset 0 refers to label elsewhere");
    }

    @Test
    void emptyLinesCommentsAndSeparatorsAssembleToNothing() {
        assertThat(A64TextAssembler.assemble("\n  // nothing\n ; ;\n", "edge.s").bytes()).isEmpty();
    }
}
