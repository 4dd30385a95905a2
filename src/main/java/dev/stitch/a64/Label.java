package dev.stitch.a64;

/**
 * A position in the code that instructions can refer to before or after it is known. Made by
 * {@link A64Assembler#newLabel()}, placed by {@link A64Assembler#bind(Label)}.
 */
public final class Label {
    private final String name;
    private final int number;
    private long offset = -1;

    Label(String name) {
        this.name = name;
        this.number = -1;
    }

    /** An unnamed label, called {@code L<number>} in messages; no string is built unless needed. */
    Label(int number) {
        this.name = null;
        this.number = number;
    }

    /** The name given at creation, or {@code L<number>}, for messages and listings. */
    public String name() {
        return name != null ? name : "L" + number;
    }

    /** True once bound. */
    public boolean isBound() {
        return offset >= 0;
    }

    /** The byte offset it is bound to. */
    public long offset() {
        if (offset < 0) {
            throw new IllegalStateException("label " + name() + " is not bound yet");
        }
        return offset;
    }

    void bindAt(long at) {
        if (offset >= 0) {
            throw new A64EncodingException("label " + name() + " is already bound at offset " + offset);
        }
        offset = at;
    }

    @Override
    public String toString() {
        return name();
    }
}
