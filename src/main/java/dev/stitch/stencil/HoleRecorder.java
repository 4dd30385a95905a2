package dev.stitch.stencil;

import java.util.ArrayList;
import java.util.List;

/** The holes a stencil builder has recorded and the symbols they call: shared by both architectures' builders. */
final class HoleRecorder {
    private final List<Hole> holes = new ArrayList<>();
    private long symbolMask;

    void add(int offset, HoleKind kind, HoleRef value, boolean inData) {
        holes.add(new Hole(offset, kind, value.value(), value.symbol(), value.addend(), inData));
        if (value.symbol() >= 0) {
            symbolMask |= 1L << value.symbol();
        }
    }

    List<Hole> holes() {
        return holes;
    }

    long symbolMask() {
        return symbolMask;
    }
}
