package dev.stitch.stencil;

/**
 * How a stencil hole is patched: one enum of relocation kinds per architecture
 * ({@link A64HoleKind}, {@link X64HoleKind}), each kind owning its size, its reach, the
 * instruction it accepts and its patch, so that every mask is written once.
 */
public sealed interface HoleKind permits A64HoleKind, X64HoleKind {
    /** The kind's name, as listings print it. */
    String name();

    /** The number of bytes the hole covers. */
    int size();

    /**
     * Fills the hole at {@code out[offset]} for {@code value}: the one entry point the trace
     * compiler uses for every kind. An instruction kind checks the bytes it patches first, then
     * that the value fits.
     *
     * @param place the address of {@code out[offset]} once installed
     * @throws HoleException if the bytes are not the expected instruction or the value does not fit
     */
    void apply(byte[] out, int offset, long place, long value);

    /**
     * {@link #apply} without the instruction check, for a copy of a stencil, which made that
     * check once when it was built ({@link #checkInstruction}): the trace compiler's inner loop.
     * The value is still checked.
     *
     * @throws HoleException if the value does not fit
     */
    void fill(byte[] out, int offset, long place, long value);

    /**
     * Checks that the bytes at {@code code[offset]} are an instruction this kind patches (nothing
     * for the data kinds); {@code offset} stands for the place in the message.
     *
     * @throws HoleException if they are not
     */
    void checkInstruction(byte[] code, int offset);

    /**
     * The hole in the stencil bytes {@code code} at {@code offset} (an instruction
     * {@link #checkInstruction} accepted) as plain bit arithmetic, for a value from
     * {@code source} ({@link Field#source}) plus {@code addend}; null for a kind whose patch
     * depends on its place (the PC-relative kinds) or on more than its bytes.
     */
    Field field(byte[] code, int offset, int source, long addend);

    /** Checks that {@code value} fits a data kind; returns it. */
    long checkData(long place, long value);

    /** True for the kinds that hold a plain value (data, or an immediate field of fixed place). */
    boolean isData();

    /** True for the kinds that patch a register number into an instruction. */
    boolean isRegister();

    /** True for the direct call a per-trace trampoline may stand in for. */
    boolean routesCalls();
}
