package dev.stitch.a64;

import java.util.ArrayList;
import java.util.List;

/**
 * The AArch64 assembler: a fluent, typed API that writes instruction words into a
 * {@link CodeBuffer}. The instructions are grouped by the Arm ARM's encoding classes in the
 * interfaces it implements ({@link IntegerInstructions}, {@link MemoryInstructions},
 * {@link FloatingPointInstructions}, {@link ControlInstructions}); each method checks its operands
 * first and throws an {@link A64EncodingException} that names the instruction, the operand, the
 * value and what is allowed.
 *
 * <p>Labels: {@link #newLabel()}, {@link #bind(Label)}; instructions may refer to labels bound
 * before or after them, each kind of reference with its own reach ({@link LabelUse}). Literal
 * loads ({@code ldr x0, =value}) go through a pool placed at {@link #pool()}, at
 * {@link #finish()}, or early, behind a branch, when a load would otherwise fall out of reach.
 *
 * <p>Invariants: the buffer holds whole instruction words in order; a word whose label is not yet
 * bound holds a zero offset field until {@link #finish()} patches it; {@link #finish()} either
 * patches every reference or throws naming each unbound label and the instructions that use it.
 */
public final class A64Assembler implements IntegerInstructions, MemoryInstructions, FloatingPointInstructions,
        ControlInstructions {
    private final CodeBuffer buffer;
    private final long baseAddress;
    private final List<Fixup> fixups = new ArrayList<>();
    private final LiteralPool pool = new LiteralPool(this);
    private int labels;

    /** An assembler into a growable heap buffer, for code that will be placed at a page boundary. */
    public A64Assembler() {
        this(CodeBuffer.growable(), 0);
    }

    /**
     * An assembler into {@code buffer}, for code whose first byte will be at {@code baseAddress}.
     * The address matters only to {@code adrp}, which encodes a distance between 4 KiB pages.
     */
    public A64Assembler(CodeBuffer buffer, long baseAddress) {
        this.buffer = buffer;
        this.baseAddress = baseAddress;
    }

    /** The buffer being written. */
    public CodeBuffer buffer() {
        return buffer;
    }

    /** The offset the next instruction will be written at. */
    public long position() {
        return buffer.position();
    }

    /** The address the code is assembled for (see {@link #A64Assembler(CodeBuffer, long)}). */
    public long baseAddress() {
        return baseAddress;
    }

    /** Writes one raw instruction word (also the {@code .word} directive for 32-bit data). */
    @Override
    public A64Assembler emit(int word) {
        pool.beforeEmit(4);
        buffer.putInt(word);
        return this;
    }

    /** Writes one 64-bit value (the {@code .quad} directive); not aligned by itself. */
    public A64Assembler emit64(long value) {
        pool.beforeEmit(8);
        buffer.putLong(value);
        return this;
    }

    /**
     * Writes a word that refers to {@code target} through {@code use}, patched now or at
     * {@link #finish()}; {@code instruction} is the instruction's text for messages.
     */
    @Override
    public A64Assembler emitLabelUse(int word, Label target, LabelUse use, String instruction) {
        pool.beforeEmit(4);
        long at = buffer.position();
        if (target.isBound()) {
            word = patch(word, use, at, target, instruction);
        } else {
            fixups.add(new Fixup(at, use, target, instruction));
        }
        buffer.putInt(word);
        return this;
    }

    /**
     * Like {@link #emitLabelUse(int, Label, LabelUse, String)}; a message names the instruction by
     * its disassembly with the label as its target, built only if there is a message to give.
     */
    @Override
    public A64Assembler emitLabelUse(int word, Label target, LabelUse use) {
        return emitLabelUse(word, target, use, null);
    }

    private int patch(int word, LabelUse use, long at, Label target, String instruction) {
        long distance = use.distance(baseAddress + at, baseAddress + target.offset());
        if (use.fits(distance)) {
            return use.patch(word, distance, "");
        }
        try {
            return use.patch(word, distance, describe(word, target, instruction));
        } catch (A64EncodingException e) {
            // Out of reach or misaligned: say where, so that a text assembler can point at the line.
            throw new A64EncodingException(e.getMessage(), at);
        }
    }

    /** The instruction's text: as given, or its disassembly with the label in place of its zero offset. */
    private static String describe(int word, Label target, String instruction) {
        if (instruction != null) {
            return instruction;
        }
        String text = A64Disassembler.disassemble(word);
        return text.endsWith("#0") ? text.substring(0, text.length() - 2) + target.name() : text + " -> " + target.name();
    }

    /** A new, unbound label. */
    public Label newLabel() {
        return new Label(labels++);
    }

    /** A new, unbound label with a name for messages and listings. */
    public Label newLabel(String name) {
        labels++;
        return new Label(name);
    }

    /** Binds {@code label} to the current position. */
    public A64Assembler bind(Label label) {
        label.bindAt(buffer.position());
        return this;
    }

    /**
     * Pads with {@code nop} until the position is a multiple of {@code alignment} bytes (a power
     * of two, at least 4), as {@code .p2align} does in code.
     */
    public A64Assembler align(int alignment) {
        if (alignment < 4 || Integer.bitCount(alignment) != 1) {
            throw new A64EncodingException(".align: alignment " + alignment + " is not allowed; allowed powers of two >= 4");
        }
        while (buffer.position() % alignment != 0) {
            emit(ControlEncoders.NOP);
        }
        return this;
    }

    /** Places the pending literal pool here (the {@code .ltorg} directive); nothing if none is pending. */
    public A64Assembler pool() {
        pool.place();
        return this;
    }

    /** The literal pool, for the instructions that load from it. */
    LiteralPool literalPool() {
        return pool;
    }

    /**
     * Places the pending literal pool, then patches every reference to a label.
     *
     * @return the buffer, complete
     * @throws A64EncodingException naming every unbound label and the instructions that use it,
     *                              or a reference out of reach
     */
    public CodeBuffer finish() {
        pool.place();
        StringBuilder unbound = new StringBuilder();
        long firstUnbound = -1;
        for (Fixup fixup : fixups) {
            if (!fixup.target().isBound()) {
                firstUnbound = firstUnbound < 0 ? fixup.offset() : firstUnbound;
                unbound.append(unbound.isEmpty() ? "" : "; ")
                        .append(describe(buffer.intAt(fixup.offset()), fixup.target(), fixup.instruction())).append(" at offset ")
                        .append(fixup.offset()).append(" refers to label ").append(fixup.target().name())
                        .append(", which was never bound");
                continue;
            }
            int word = buffer.intAt(fixup.offset());
            buffer.setIntAt(fixup.offset(), patch(word, fixup.use(), fixup.offset(), fixup.target(), fixup.instruction()));
        }
        if (!unbound.isEmpty()) {
            throw new A64EncodingException(unbound.toString(), firstUnbound);
        }
        fixups.clear();
        return buffer;
    }

    /** Forgets everything written, to assemble again into the same buffer. */
    public A64Assembler reset() {
        buffer.reset();
        fixups.clear();
        pool.reset();
        labels = 0;
        return this;
    }
}
