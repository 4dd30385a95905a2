package dev.stitch.a64;

/** TODO-GROUP syntax Control */
final class ControlSyntax {
    private ControlSyntax() {}

    static void register(SyntaxTable table) {
    }
}
