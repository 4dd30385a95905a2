package dev.stitch.a64;

/**
 * A PC-relative instruction whose label was not bound when it was emitted.
 *
 * @param offset      where the instruction word is
 * @param use         how it refers to the label
 * @param target      the label
 * @param instruction the instruction as text, for messages; null to use its disassembly
 */
record Fixup(long offset, LabelUse use, Label target, String instruction) {}
