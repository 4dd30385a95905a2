package dev.stitch.a64;

/** TODO-GROUP decoder Control */
final class ControlDecoder {
    private ControlDecoder() {}

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        return null;
    }
}
