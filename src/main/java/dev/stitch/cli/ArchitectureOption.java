package dev.stitch.cli;

import dev.stitch.mem.Architecture;

import java.util.Locale;

/**
 * {@code --arch A} of every command, and the rule they share: without it, a command works for
 * the architecture of the JVM it runs on.
 */
final class ArchitectureOption {
    /** The names {@code --arch} accepts, for messages. */
    static final String ALLOWED = "aarch64 (or arm64), x86_64 (or x86-64, amd64, x64)";

    private ArchitectureOption() {}

    /** The architecture {@code text} names, in any case. */
    static Architecture parse(String command, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> Architecture.AARCH64;
            case "x86_64", "x86-64", "amd64", "x64" -> Architecture.X86_64;
            default -> throw new UsageException(command + ": unknown architecture '" + text + "'; allowed: " + ALLOWED);
        };
    }

    /** {@code chosen}, or this JVM's architecture when {@code --arch} was not given. */
    static Architecture orHost(Architecture chosen, String command) {
        if (chosen != null) {
            return chosen;
        }
        try {
            return Architecture.host();
        } catch (UnsupportedOperationException e) {
            throw new UsageException(command + ": " + e.getMessage() + "; choose one with --arch aarch64 or --arch x86_64");
        }
    }
}
