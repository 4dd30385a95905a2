package dev.stitch.a64;

/** TODO-GROUP decoder FloatingPoint */
final class FloatingPointDecoder {
    private FloatingPointDecoder() {}

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        return null;
    }
}
