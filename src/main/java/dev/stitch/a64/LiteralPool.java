package dev.stitch.a64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The constants that {@code ldr xN, =value} loads, collected until they are placed: at
 * {@link A64Assembler#pool()}, at {@link A64Assembler#finish()}, or early, behind a branch over
 * them, when waiting longer would put the first load that uses them out of its ±1 MiB reach.
 * Equal constants of equal size share one entry. Each entry is aligned to its size with zero
 * bytes, in the order of first use, as LLVM places its constant pools.
 */
final class LiteralPool {
    private record Entry(long value, int size, Label label) {}

    private final A64Assembler asm;
    private final List<Entry> pending = new ArrayList<>();
    private final Map<Long, Label> words = new HashMap<>();
    private final Map<Long, Label> doublewords = new HashMap<>();
    private long firstUse = -1;
    private long pendingBytes;
    private boolean placing;

    LiteralPool(A64Assembler asm) {
        this.asm = asm;
    }

    /** The label of a pool entry holding {@code value} in {@code size} (4 or 8) bytes. */
    Label entry(long value, int size) {
        Map<Long, Label> entries = size == 8 ? doublewords : words;
        Label label = entries.get(value);
        if (label == null) {
            label = asm.newLabel("literal_" + Long.toHexString(value));
            entries.put(value, label);
            pending.add(new Entry(value, size, label));
            // Upper bound: each entry may need padding up to its own size.
            pendingBytes += 2L * size;
        }
        if (firstUse < 0) {
            firstUse = asm.position();
        }
        return label;
    }

    /** Called before {@code bytes} more are written: places the pool early if a load would fall out of reach. */
    void beforeEmit(int bytes) {
        if (firstUse < 0 || placing) {
            return;
        }
        // The branch over the pool, then the pool itself, must still be within reach of the first load.
        long end = asm.position() + bytes + 4 + pendingBytes;
        if (end - firstUse > LabelUse.BRANCH19.maxForward()) {
            placing = true;
            try {
                Label over = asm.newLabel("after_pool");
                asm.emitLabelUse(ControlEncoders.B, over, LabelUse.BRANCH26, "b");
                placeEntries();
                asm.bind(over);
            } finally {
                placing = false;
            }
        }
    }

    /** Places every pending entry here. */
    void place() {
        if (pending.isEmpty() || placing) {
            return;
        }
        placing = true;
        try {
            placeEntries();
        } finally {
            placing = false;
        }
    }

    private void placeEntries() {
        CodeBuffer buffer = asm.buffer();
        for (Entry entry : pending) {
            while (buffer.position() % entry.size() != 0) {
                asm.emit(0);
            }
            asm.bind(entry.label());
            if (entry.size() == 8) {
                asm.emit64(entry.value());
            } else {
                asm.emit((int) entry.value());
            }
        }
        reset();
    }

    void reset() {
        pending.clear();
        words.clear();
        doublewords.clear();
        firstUse = -1;
        pendingBytes = 0;
    }
}
