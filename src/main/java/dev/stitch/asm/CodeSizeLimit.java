package dev.stitch.asm;

/**
 * The most bytes one assembler writes into its own growable buffer, on either architecture. Text
 * of a few hundred kilobytes can ask for far more ({@code .p2align 16} after each of 10,000
 * instructions is 655 MB); past this limit an assembler throws its encoding exception with the
 * sizes, and a text assembler reports it at the statement that passed it. 64 MiB is far more
 * than any trace or stencil library needs and small enough that no input takes the heap with it.
 */
public final class CodeSizeLimit {
    /** 64 MiB. */
    public static final int MAX_BYTES = 64 << 20;

    private CodeSizeLimit() {}

    /** The message for writing {@code more} bytes at {@code position}, past {@link #MAX_BYTES}. */
    public static String exceeded(long position, long more) {
        return "code too large: " + more + " more byte(s) at offset " + position + " would pass the limit of "
                + (MAX_BYTES >> 20) + " MiB (" + MAX_BYTES + " bytes) an assembler writes";
    }
}
