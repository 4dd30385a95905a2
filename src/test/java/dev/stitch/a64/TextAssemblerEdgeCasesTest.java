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

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void nestedBracketsAreASyntaxErrorNotAStackOverflow() {
        String deep = "ldr x0, " + "[".repeat(2000) + "x1" + "]".repeat(2000);
        refused(deep, "edge.s:1:10: error: a memory operand cannot contain '[': expected [xN], [xN, #imm]"
                + " or [xN, xM{, modifier}]");
        refused("ldr x0, [x1, [x2]]", "edge.s:1:14: error: a memory operand cannot contain '['");
        refused("ldr x0, [x1]]", "edge.s:1:4: error: unbalanced brackets in 'x0, [x1]]'");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void outputPastTheSizeLimitIsALocatedError() {
        // each .p2align 16 after a nop pads to the next 64 KiB: 1024 fill 64 MiB, the next nop passes it.
        // One assembly (it writes 64 MiB: 8 s of an emulated AArch64 JVM), both parts of its message checked.
        String source = "nop\n.p2align 16\n".repeat(2000);
        refused(source, "edge.s:2049:1: error: code too large: 4 more byte(s) at offset 67108864 would pass the limit"
                + " of 64 MiB (67108864 bytes) an assembler writes");
    }
}
