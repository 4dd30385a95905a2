package dev.stitch.a64;

/** TODO-GROUP syntax Memory */
final class MemorySyntax {
    private MemorySyntax() {}

    static void register(SyntaxTable table) {
    }
}
