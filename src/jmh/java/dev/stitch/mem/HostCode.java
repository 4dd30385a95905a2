package dev.stitch.mem;

/** The smallest functions the benchmarks install, for the host architecture. */
final class HostCode {
    private HostCode() {}

    /** {@code void f(void)} that returns at once: AArch64 {@code ret}; x86-64 {@code ret}. */
    static byte[] ret() {
        return switch (Architecture.host()) {
            case AARCH64 -> new byte[] {(byte) 0xc0, 0x03, 0x5f, (byte) 0xd6};
            case X86_64 -> new byte[] {(byte) 0xc3};
        };
    }

    /** {@code size} bytes that start with {@link #ret()}, the rest a fixed filler pattern. */
    static byte[] retPadded(int size) {
        byte[] code = new byte[size];
        for (int i = 0; i < size; i++) {
            code[i] = (byte) (i * 31 + 7);
        }
        byte[] ret = ret();
        System.arraycopy(ret, 0, code, 0, ret.length);
        return code;
    }
}
