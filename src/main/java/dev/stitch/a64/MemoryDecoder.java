package dev.stitch.a64;

/** TODO-GROUP decoder Memory */
final class MemoryDecoder {
    private MemoryDecoder() {}

    /** The text of {@code word} if it belongs to this group, else null. */
    static String decode(int word) {
        return null;
    }
}
