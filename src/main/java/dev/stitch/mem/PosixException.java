package dev.stitch.mem;

/**
 * A POSIX call made through the Foreign Function and Memory API failed. The message names the
 * call with its arguments, the errno value, its symbolic name and its meaning, for example
 * {@code mmap(addr=0x0, length=4611686018427387904, prot=PROT_READ|PROT_WRITE,
 * flags=MAP_PRIVATE|MAP_ANONYMOUS, fd=-1, offset=0) failed: errno 12 (ENOMEM: cannot allocate memory)}.
 */
public final class PosixException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    PosixException(String call, int errno) {
        super(call + " failed: errno " + errno + " (" + Errno.describe(errno) + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The call as it was made, with its arguments. */
    public String call() {
        return call;
    }

    /** The errno value the call left. */
    public int errno() {
        return errno;
    }

    /** The symbolic name of {@link #errno()}, such as {@code ENOMEM}; {@code null} for a value Stitch has no name for. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
