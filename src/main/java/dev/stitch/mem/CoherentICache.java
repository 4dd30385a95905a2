package dev.stitch.mem;

/** The x86-64 case of {@link ICache}: the hardware keeps instruction fetch coherent. */
enum CoherentICache implements ICache {
    INSTANCE;

    @Override
    public void flush(long address, long length) {
        // Nothing to do: x86-64 snoops stores into the instruction stream.
    }

    @Override
    public String description() {
        return "none needed: x86-64 keeps instruction fetch coherent with stores (flush is a no-op)";
    }
}
