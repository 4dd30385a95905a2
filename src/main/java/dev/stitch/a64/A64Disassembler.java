package dev.stitch.a64;

/**
 * Turns instruction words back into text in LLVM's syntax, with LLVM's preferred aliases
 * ({@code mov}, {@code cmp}, {@code lsl}, {@code cset}...). PC-relative targets print as
 * {@code #offset} from the instruction, as {@code llvm-mc -disassemble} prints them. A word that
 * decodes to nothing Stitch assembles prints as {@code .inst 0x%08x}; this never throws.
 */
public final class A64Disassembler {
    private A64Disassembler() {}

    /** The text of {@code word}. */
    public static String disassemble(int word) {
        String text = IntegerDecoder.decode(word);
        if (text == null) {
            text = MemoryDecoder.decode(word);
        }
        if (text == null) {
            text = FloatingPointDecoder.decode(word);
        }
        if (text == null) {
            text = ControlDecoder.decode(word);
        }
        return text != null ? text : String.format(".inst 0x%08x", word);
    }
}
