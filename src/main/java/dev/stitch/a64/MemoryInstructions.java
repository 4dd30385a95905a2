package dev.stitch.a64;

/**
 * TODO-GROUP MemoryInstructions
 */
public interface MemoryInstructions {
    /** Writes one instruction word. */
    A64Assembler emit(int word);

    /** Writes a word that refers to a label (see {@link A64Assembler#emitLabelUse}). */
    A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction);
}
