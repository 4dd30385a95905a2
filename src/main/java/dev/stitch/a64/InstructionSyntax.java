package dev.stitch.a64;

/** How one mnemonic's text is turned into calls on the {@link A64Assembler}. */
@FunctionalInterface
interface InstructionSyntax {
    void assemble(ParsedInstruction instruction, A64Assembler asm);
}
