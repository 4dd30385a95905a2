package dev.stitch.cli;

/** Little-endian words out of a byte array, for listings. */
final class Listing {
    private Listing() {}

    /** The word at {@code offset}; bytes past the end read as zero. */
    static int word(byte[] bytes, int offset) {
        int word = 0;
        for (int b = 0; b < 4 && offset + b < bytes.length; b++) {
            word |= (bytes[offset + b] & 0xff) << (8 * b);
        }
        return word;
    }
}
