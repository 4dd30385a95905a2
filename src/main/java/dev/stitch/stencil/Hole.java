package dev.stitch.stencil;

import java.util.Objects;

/**
 * A place in a stencil's code or data that is patched per uop: at {@code offset} (from the start
 * of the stencil's code, or of its data if {@code inData}), of {@code kind}, filled with
 * {@code value} plus {@code addend}. For {@link HoleValue#SYMBOL} holes, {@code symbol} is the
 * ordinal of the symbol in the trace's symbol table; otherwise it is -1.
 */
public record Hole(int offset, HoleKind kind, HoleValue value, int symbol, long addend, boolean inData) {
    public Hole {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (offset < 0) {
            throw new IllegalArgumentException("hole offset must be >= 0, got " + offset);
        }
        if ((value == HoleValue.SYMBOL) != (symbol >= 0)) {
            throw new IllegalArgumentException("a SYMBOL hole needs a symbol ordinal >= 0 and other holes -1; got "
                    + value + " with symbol " + symbol);
        }
    }

    /** What the hole holds, for listings: {@code continuation}, {@code operand + 8}, ... */
    public String describe(String symbolName) {
        String base = value == HoleValue.SYMBOL ? symbolName : value.name().toLowerCase(java.util.Locale.ROOT);
        return addend == 0 ? base : base + (addend > 0 ? " + " + addend : " - " + -addend);
    }
}
