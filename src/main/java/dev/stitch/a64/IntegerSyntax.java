package dev.stitch.a64;

/** TODO-GROUP syntax Integer */
final class IntegerSyntax {
    private IntegerSyntax() {}

    static void register(SyntaxTable table) {
    }
}
