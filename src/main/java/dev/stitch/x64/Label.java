package dev.stitch.x64;

/**
 * A position in x86-64 code that jumps, calls and RIP-relative operands can refer to before or
 * after it is known. Made by {@link X64Assembler#newLabel()}, placed by {@link X64Assembler#bind(Label)}.
 */
public final class Label {
    private final String name;
    private long offset = -1;

    Label(String name) {
        this.name = name;
    }

    /** The name given at creation, for messages and listings. */
    public String name() {
        return name;
    }

    /** True once bound. */
    public boolean isBound() {
        return offset >= 0;
    }

    /** The byte offset it is bound to. */
    public long offset() {
        if (offset < 0) {
            throw new IllegalStateException("label " + name + " is not bound yet");
        }
        return offset;
    }

    void bindAt(long at) {
        if (offset >= 0) {
            throw new X64EncodingException("label " + name + " is already bound at offset " + offset);
        }
        offset = at;
    }

    @Override
    public String toString() {
        return name;
    }
}
