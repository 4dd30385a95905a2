package dev.stitch.jit;

/** Placeholder replaced below. */
final class TraceListing {
    private TraceListing() {}

    static String of(CompiledTrace trace) {
        return trace.toString();
    }
}
