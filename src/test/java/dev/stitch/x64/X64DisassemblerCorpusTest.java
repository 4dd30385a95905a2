package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disassembler against LLVM on the Intel-syntax corpora of {@link X64DisassemblerCorpus}:
 * llvm-mc encodes each corpus (one batch), Stitch decodes every encoding with LLVM's length and
 * LLVM's text (one llvm-mc disassembly of the concatenated bytes), and llvm-mc assembles Stitch's
 * text back to the same bytes.
 */
class X64DisassemblerCorpusTest {
    @Test
    void movesLeaAndExtensions() {
        assertThat(X64DisassemblerCheck.roundTrip(X64DisassemblerCorpus.moves())).isGreaterThan(3000);
    }

    @Test
    void arithmeticLogicShiftsAndMultiplyDivide() {
        assertThat(X64DisassemblerCheck.roundTrip(X64DisassemblerCorpus.arithmetic())).isGreaterThan(10000);
    }

    @Test
    void conditionsStackIndirectBranchesAndNops() {
        assertThat(X64DisassemblerCheck.roundTrip(X64DisassemblerCorpus.conditionsAndControl())).isGreaterThan(1000);
    }
}
