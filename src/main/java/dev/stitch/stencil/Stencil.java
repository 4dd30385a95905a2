package dev.stitch.stencil;

import dev.stitch.mem.Architecture;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * A pre-assembled piece of machine code with holes: the unit a trace is built from. Compiling a
 * trace copies the code (and the data, into the trace's data section) and patches the holes; it
 * never encodes an instruction. Immutable.
 */
public final class Stencil {
    private final Architecture architecture;
    private final String name;
    private final byte[] code;
    private final byte[] data;
    private final int alignment;
    private final Hole[] holes;
    private final List<Hole> holeList;
    /** The holes filled as bit arithmetic before the others, and the others: the two ways compiling fills them. */
    private final Field[] fields;
    private final Hole[] otherHoles;
    private final boolean plannable;
    /**
     * For {@link #copyPlanned}: the code 8 bytes at a time, and the fields moved to the 8 bytes
     * they lie in (sorted by them), or null when a field spans two.
     */
    private final long[] chunks;
    private final Field[] chunkFields;
    private final long symbolMask;
    private final int tailJumpBytes;
    private final boolean exits;

    /**
     * @param architecture the instruction set of the code
     * @param name       what the stencil implements, for listings
     * @param code       the instruction bytes, holes zeroed
     * @param data       read-only bytes placed in the trace's data section, 8-byte aligned
     * @param alignment  the alignment the code must start at: on AArch64 4, or 8 when it holds an
     *                   8-byte literal, or 16; on x86-64 1, 2, 4, 8 or 16
     * @param holes      the holes, in code or data
     * @param symbolMask the symbols the stencil calls, as a bit set over symbol ordinals
     */
    public Stencil(Architecture architecture, String name, byte[] code, byte[] data, int alignment, List<Hole> holes,
                   long symbolMask) {
        this.architecture = Objects.requireNonNull(architecture, "architecture");
        this.name = Objects.requireNonNull(name, "name");
        this.code = code.clone();
        this.data = data.clone();
        Backend backend = Backend.of(architecture);
        backend.checkStencil(name, code.length, alignment);
        this.alignment = alignment;
        this.holeList = List.copyOf(holes);
        this.holes = holeList.toArray(Hole[]::new);
        long mask = 0;
        int tailJump = 0;
        boolean exits = false;
        for (Hole hole : this.holes) {
            int limit = hole.inData() ? data.length : code.length;
            if (hole.offset() > limit - hole.kind().size()) {
                throw new IllegalArgumentException("stencil " + name + ": " + hole + " lies outside its "
                        + (hole.inData() ? "data" : "code") + " (" + limit + " bytes)");
            }
            exits |= hole.value() == HoleValue.EXIT;
            if (hole.value() == HoleValue.SYMBOL) {
                mask |= 1L << hole.symbol();
            }
            if (!backend.ownsHoleKind(hole.kind())) {
                throw new IllegalArgumentException("stencil " + name + ": " + hole.kind() + " is not a hole kind of "
                        + architecture.displayName());
            }
            if (!hole.inData()) {
                // Once here, so that compiling fills the holes of its copies without looking at them again.
                try {
                    hole.kind().checkInstruction(code, hole.offset());
                } catch (HoleException e) {
                    throw new IllegalArgumentException("stencil " + name + " (offsets from its start): " + e.getMessage(), e);
                }
            }
            tailJump = Math.max(tailJump, backend.finalJumpBytes(code, hole));
        }
        if ((mask & ~symbolMask) != 0) {
            throw new IllegalArgumentException("stencil " + name + ": symbol mask " + Long.toBinaryString(symbolMask)
                    + " misses symbols its holes call (" + Long.toBinaryString(mask) + ")");
        }
        this.symbolMask = symbolMask;
        this.tailJumpBytes = tailJump;
        List<Field> fields = new ArrayList<>();
        List<Hole> others = new ArrayList<>();
        for (Hole hole : this.holes) {
            int source = Field.source(hole.value());
            Field field = hole.inData() || source < 0 ? null
                    : hole.kind().field(code, hole.offset(), source, hole.addend());
            if (field != null) {
                fields.add(field);
            } else {
                others.add(hole);
            }
        }
        this.fields = fields.toArray(Field[]::new);
        this.otherHoles = others.toArray(Hole[]::new);
        this.plannable = data.length == 0 && symbolMask == 0 && !exits && alignment == backend.instructionAlignment()
                && otherHoles.length == (tailJump != 0 ? 1 : 0)
                && (tailJump == 0 || otherHoles[0].value() == HoleValue.CONTINUATION);
        byte[] padded = Arrays.copyOf(code, (code.length + 7) & -8);
        this.chunks = plannable ? new long[padded.length / 8] : null;
        for (int c = 0; plannable && c < chunks.length; c++) {
            chunks[c] = Bytes.getLong(padded, 8 * c);
        }
        Field[] inChunks = plannable ? new Field[this.fields.length] : null;
        for (int f = 0; inChunks != null && f < inChunks.length; f++) {
            inChunks[f] = this.fields[f].inChunk();
            if (inChunks[f] == null) {
                inChunks = null;
            }
        }
        if (inChunks != null) {
            Arrays.sort(inChunks, Comparator.comparingInt(Field::offset));
        }
        this.chunkFields = inChunks;
        this.exits = exits;
    }

    public Architecture architecture() {
        return architecture;
    }

    public String name() {
        return name;
    }

    /** The code bytes with holes zeroed (a copy). */
    public byte[] code() {
        return code.clone();
    }

    public int codeSize() {
        return code.length;
    }

    /** The data bytes (a copy). */
    public byte[] data() {
        return data.clone();
    }

    public int dataSize() {
        return data.length;
    }

    public int alignment() {
        return alignment;
    }

    public List<Hole> holes() {
        return holeList;
    }

    /** The number of holes. */
    public int holeCount() {
        return holes.length;
    }

    /** Hole number {@code index}, without the list's indirection. */
    public Hole hole(int index) {
        return holes[index];
    }

    /** The number of holes that compiling fills as plain bit arithmetic ({@link Field}): those whose value is known before layout and whose patch does not depend on its place. */
    public int fieldCount() {
        return fields.length;
    }

    /** Field number {@code index}. */
    public Field field(int index) {
        return fields[index];
    }

    /**
     * True if everything but the final continuation jump is {@linkplain #field fields}, with no
     * data, call or exit, at the instruction alignment: such a stencil can be copied and patched
     * as soon as its values are known, before layout, and followed directly by the next.
     */
    public boolean plannable() {
        return plannable;
    }

    /**
     * Copies the code without the final continuation jump to {@code out} at {@code at} and fills
     * its fields with {@code values} (by {@link Field#source}): all of a {@link #plannable()}
     * stencil's patching, done before layout. {@code out} must have {@link Field#WINDOW} bytes
     * of room after the copy; returns the number of bytes copied.
     *
     * @throws HoleException if a value does not fit its field
     */
    public int copyPlanned(byte[] out, int at, long[] values) {
        int length = code.length - tailJumpBytes;
        if (chunkFields != null && copyChunks(out, at, values, length)) {
            return length;
        }
        System.arraycopy(code, 0, out, at, length);
        fillFields(out, at, values, at); // a refusal names the offset in the run for a place
        return length;
    }

    /**
     * Fills the {@linkplain #field fields} of a copy of the code at {@code out[at]}, which is at
     * address {@code place} once installed, with {@code values} (by {@link Field#source}). A value
     * a field does not take, or a field too near the end of {@code out} for its 8 bytes, goes to
     * the kind's own patch, which refuses a value that does not fit with its message.
     *
     * @throws HoleException if a value does not fit its field
     */
    public void fillFields(byte[] out, int at, long[] values, long place) {
        for (Field field : fields) {
            int offset = at + field.offset();
            long value = values[field.source()] + field.addend();
            if (field.takes(value) && offset <= out.length - Field.WINDOW) {
                Bytes.putLong(out, offset, field.fill(Bytes.getLong(out, offset), value));
            } else {
                field.kind().fill(out, offset, place + field.offset(), value);
            }
        }
    }

    /**
     * The fast way of {@link #copyPlanned}: 8 bytes at a time from the template, every field
     * filled in the register that holds its 8 bytes, each written once and never read back (a
     * read of bytes just written in smaller pieces waits for the stores). False, with nothing
     * that matters written, when a value does not fit: the slow way then says why.
     */
    private boolean copyChunks(byte[] out, int at, long[] values, int length) {
        Field[] fields = chunkFields;
        int f = 0;
        for (int chunk = 0; chunk < length; chunk += 8) {
            long word = chunks[chunk >>> 3];
            for (; f < fields.length && fields[f].offset() == chunk; f++) {
                Field field = fields[f];
                long value = values[field.source()] + field.addend();
                if (!field.takes(value)) {
                    return false;
                }
                word = field.fill(word, value);
            }
            Bytes.putLong(out, at + chunk, word);
        }
        return true;
    }

    /** The number of holes that are not {@linkplain #field fields}. */
    public int otherHoleCount() {
        return otherHoles.length;
    }

    /** Hole number {@code index} of those that are not {@linkplain #field fields}. */
    public Hole otherHole(int index) {
        return otherHoles[index];
    }

    /** The symbols the stencil calls, as a bit set over symbol ordinals. */
    public long symbolMask() {
        return symbolMask;
    }

    /**
     * True if the code ends with a jump to the continuation ({@code b} on AArch64, {@code jmp
     * rel32} on x86-64): the jump is dropped when the next uop is placed right after, so that
     * control falls through.
     */
    public boolean endsWithContinuationJump() {
        return tailJumpBytes != 0;
    }

    /** The size of the final continuation jump, 0 when there is none: what eliding it saves. */
    public int tailJumpBytes() {
        return tailJumpBytes;
    }

    /** True if the stencil can leave the trace: it has a hole for its exit stub. */
    public boolean exits() {
        return exits;
    }

    /** Copies the first {@code length} code bytes to {@code target} at {@code offset}. */
    public void copyCode(MemorySegment target, long offset, int length) {
        MemorySegment.copy(code, 0, target, JAVA_BYTE, offset, length);
    }

    /** Copies the data bytes to {@code target} at {@code offset}. */
    public void copyData(MemorySegment target, long offset) {
        MemorySegment.copy(data, 0, target, JAVA_BYTE, offset, data.length);
    }

    /**
     * Copies the first {@code length} code bytes to {@code target} at {@code offset}: the trace
     * compiler's inner loop, where an array copy costs a fraction of a segment copy's checks.
     */
    public void copyCode(byte[] target, int offset, int length) {
        System.arraycopy(code, 0, target, offset, length);
    }

    /** Copies the data bytes to {@code target} at {@code offset}. */
    public void copyData(byte[] target, int offset) {
        System.arraycopy(data, 0, target, offset, data.length);
    }

    @Override
    public String toString() {
        return "Stencil[" + name + ", " + code.length + " code bytes, " + data.length + " data bytes, "
                + holes.length + " holes]";
    }
}
