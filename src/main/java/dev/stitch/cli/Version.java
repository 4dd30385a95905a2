package dev.stitch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Stitch's version, written into {@code dev/stitch/version.properties} by the build. */
final class Version {
    private Version() {}

    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/stitch/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("dev/stitch/version.properties is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dev/stitch/version.properties", e);
        }
    }
}
