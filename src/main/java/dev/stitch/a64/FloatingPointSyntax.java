package dev.stitch.a64;

/** TODO-GROUP syntax FloatingPoint */
final class FloatingPointSyntax {
    private FloatingPointSyntax() {}

    static void register(SyntaxTable table) {
    }
}
