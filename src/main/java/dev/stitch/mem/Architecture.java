package dev.stitch.mem;

import java.util.Locale;

/**
 * The instruction set architectures Stitch generates code for, and which one this JVM runs on.
 */
public enum Architecture {
    /** Arm A64 (AArch64), the first target. */
    AARCH64("aarch64"),
    /** x86-64 (AMD64), the second target. */
    X86_64("x86-64");

    /** This JVM's architecture, or null on one Stitch does not generate code for; os.arch never changes. */
    private static final Architecture HOST = detect(System.getProperty("os.arch", ""));

    private final String displayName;

    Architecture(String displayName) {
        this.displayName = displayName;
    }

    /** The conventional name, as used in listings and by {@code stitch info}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The architecture of the running JVM.
     *
     * @throws UnsupportedOperationException on any other architecture, naming the one found
     */
    public static Architecture host() {
        if (HOST == null) {
            throw new UnsupportedOperationException("Stitch runs on aarch64 and x86-64 hosts; this JVM reports os.arch="
                    + System.getProperty("os.arch", ""));
        }
        return HOST;
    }

    private static Architecture detect(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> AARCH64;
            case "amd64", "x86_64", "x86-64" -> X86_64;
            default -> null;
        };
    }
}
