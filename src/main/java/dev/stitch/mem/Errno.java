package dev.stitch.mem;

import java.util.Map;

/**
 * Names and meanings of the errno values the memory layer's calls can return. Linux uses the
 * same numbers for these on x86-64 and AArch64 (the asm-generic set), so one table serves both.
 */
final class Errno {
    private record Entry(String name, String meaning) {}

    private static final Map<Integer, Entry> KNOWN = Map.ofEntries(
            Map.entry(1, new Entry("EPERM", "operation not permitted")),
            Map.entry(2, new Entry("ENOENT", "no such file or directory")),
            Map.entry(4, new Entry("EINTR", "interrupted system call")),
            Map.entry(9, new Entry("EBADF", "bad file descriptor")),
            Map.entry(11, new Entry("EAGAIN", "resource temporarily unavailable")),
            Map.entry(12, new Entry("ENOMEM", "cannot allocate memory")),
            Map.entry(13, new Entry("EACCES", "permission denied")),
            Map.entry(14, new Entry("EFAULT", "bad address")),
            Map.entry(16, new Entry("EBUSY", "device or resource busy")),
            Map.entry(17, new Entry("EEXIST", "file exists")),
            Map.entry(19, new Entry("ENODEV", "no such device")),
            Map.entry(22, new Entry("EINVAL", "invalid argument")),
            Map.entry(23, new Entry("ENFILE", "too many open files in system")),
            Map.entry(24, new Entry("EMFILE", "too many open files")),
            Map.entry(27, new Entry("EFBIG", "file too large")),
            Map.entry(28, new Entry("ENOSPC", "no space left on device")),
            Map.entry(38, new Entry("ENOSYS", "no such system call or function in this kernel")),
            Map.entry(75, new Entry("EOVERFLOW", "value too large for defined data type")),
            Map.entry(95, new Entry("EOPNOTSUPP", "operation not supported")));

    private Errno() {}

    /** The symbolic name, such as {@code ENOMEM}, or {@code null} for a value not in the table. */
    static String name(int errno) {
        Entry entry = KNOWN.get(errno);
        return entry == null ? null : entry.name();
    }

    /**
     * The name and a short meaning, such as {@code ENOMEM: cannot allocate memory}, or a pointer
     * to errno(3) for a value not in the table.
     */
    static String describe(int errno) {
        Entry entry = KNOWN.get(errno);
        return entry == null ? "a value Stitch has no name for; see errno(3)" : entry.name() + ": " + entry.meaning();
    }
}
