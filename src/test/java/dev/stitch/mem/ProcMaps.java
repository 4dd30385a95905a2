package dev.stitch.mem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The mappings of this process, read from {@code /proc/self/maps} (emulated faithfully by qemu-user). */
record ProcMaps(List<Mapping> mappings) {
    record Mapping(long start, long end, String perms, String path) {
        boolean readable() {
            return perms.charAt(0) == 'r';
        }

        boolean writable() {
            return perms.charAt(1) == 'w';
        }

        boolean executable() {
            return perms.charAt(2) == 'x';
        }

        boolean contains(long address) {
            return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
        }
    }

    static ProcMaps read() {
        try {
            return new ProcMaps(Files.readAllLines(Path.of("/proc/self/maps")).stream().map(ProcMaps::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mapping parse(String line) {
        String[] fields = line.trim().split("\\s+", 6);
        String[] range = fields[0].split("-");
        return new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), fields[1],
                fields.length == 6 ? fields[5] : "");
    }

    Mapping containing(long address) {
        return mappings.stream().filter(m -> m.contains(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no mapping contains 0x" + Long.toHexString(address)));
    }

    /** The mappings that overlap {@code [address, address + length)}. */
    List<Mapping> overlapping(long address, long length) {
        return mappings.stream().filter(m -> Long.compareUnsigned(m.start(), address + length) < 0
                && Long.compareUnsigned(address, m.end()) < 0).toList();
    }
}
