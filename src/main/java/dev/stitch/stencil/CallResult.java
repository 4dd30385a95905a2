package dev.stitch.stencil;

/** What an external function returns, as the call stencil pushes it. */
public enum CallResult {
    /** Nothing is pushed. */
    VOID,
    /** A C {@code int} in w0, sign-extended to 64 bits. */
    INT,
    /** A C {@code long} (64 bits) in x0. */
    LONG
}
