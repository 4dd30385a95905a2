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
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "aarch64", "arm64" -> AARCH64;
            case "amd64", "x86_64", "x86-64" -> X86_64;
            default -> throw new UnsupportedOperationException(
                    "Stitch runs on aarch64 and x86-64 hosts; this JVM reports os.arch=" + arch);
        };
    }
}
