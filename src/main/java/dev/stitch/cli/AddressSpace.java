package dev.stitch.cli;

/** The 64-bit address space that code given a base address must fit in: addresses never wrap. */
final class AddressSpace {
    private AddressSpace() {}

    /**
     * Refuses {@code --base base} when {@code size} bytes from it would run past
     * 0xffffffffffffffff, naming {@code what} they are and the highest base that fits and is a
     * multiple of {@code alignment} (a power of two).
     */
    static void requireFits(String command, long base, long size, long alignment, String what) {
        if (size <= 0 || Long.compareUnsigned(base, -size) <= 0) {
            return; // -size is 2^64 - size as an unsigned number: the highest base that fits
        }
        throw new UsageException(command + ": --base 0x" + Long.toHexString(base) + " is too high for " + what
                + ": they would run past the top of the 64-bit address space (0xffffffffffffffff); the highest"
                + " base for them is 0x" + Long.toHexString(-size & -alignment));
    }
}
