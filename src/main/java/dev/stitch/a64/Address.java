package dev.stitch.a64;

import java.util.Objects;

/**
 * A memory operand of a load or store: a 64-bit base register ({@code x0..x30} or {@code sp})
 * and how the address is formed from it (Arm ARM C1.3.3, "Load/Store addressing modes").
 *
 * <ul>
 *   <li>{@link #of(GpRegister)}, {@link #of(GpRegister, long)}: {@code [base{, #offset}]}</li>
 *   <li>{@link #preIndex}: {@code [base, #offset]!} — the base is updated before the access</li>
 *   <li>{@link #postIndex}: {@code [base], #offset} — the base is updated after the access</li>
 *   <li>{@link #index(GpRegister, GpRegister)} and its overloads: {@code [base, xM{, lsl #n}]},
 *       {@code [base, wM, uxtw|sxtw {#n}]}, {@code [base, xM, sxtx {#n}]}</li>
 * </ul>
 *
 * Which ranges an offset may have depends on the instruction; the instruction checks them.
 */
public sealed interface Address {
    /** The base register. */
    GpRegister base();

    /** {@code [base, #offset]}: the base plus a byte offset, base unchanged. */
    record Offset(GpRegister base, long offset) implements Address {
        public Offset {
            checkBase(base);
        }

        /** As written in assembly, for messages: {@code [x1, #8]}. */
        @Override
        public String toString() {
            return offset == 0 ? "[" + base.name() + "]" : "[" + base.name() + ", #" + offset + "]";
        }
    }

    /** {@code [base, #offset]!}: the base plus {@code offset}, written back before the access. */
    record PreIndex(GpRegister base, long offset) implements Address {
        public PreIndex {
            checkBase(base);
        }

        /** As written in assembly, for messages: {@code [x1, #8]!}. */
        @Override
        public String toString() {
            return "[" + base.name() + ", #" + offset + "]!";
        }
    }

    /** {@code [base], #offset}: the base, then {@code base += offset} after the access. */
    record PostIndex(GpRegister base, long offset) implements Address {
        public PostIndex {
            checkBase(base);
        }

        /** As written in assembly, for messages: {@code [x1], #8}. */
        @Override
        public String toString() {
            return "[" + base.name() + "], #" + offset;
        }
    }

    /**
     * {@code [base, index{, extend {#amount}}]}: the base plus an index register, extended and
     * optionally shifted left by the access size.
     *
     * @param extend        {@link Extend#UXTX} stands for {@code lsl} (option 011, the 64-bit index);
     *                      {@link Extend#UXTW}, {@link Extend#SXTW} take a {@code w} index,
     *                      {@link Extend#SXTX} an {@code x} index
     * @param amount        the shift written: 0 or log2 of the access size
     * @param amountWritten false when no shift amount was written ({@code [x0, x1]}, {@code [x0, w1, uxtw]}):
     *                      the index is then not scaled
     */
    record Indexed(GpRegister base, GpRegister index, Extend extend, int amount, boolean amountWritten)
            implements Address {
        public Indexed {
            checkBase(base);
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(extend, "extend");
            if (index.isStackPointer()) {
                throw new A64EncodingException("address: index register " + index.name()
                        + " is not allowed; allowed x0..x30, xzr or w0..w30, wzr");
            }
            switch (extend) {
                case UXTW, SXTW -> {
                    if (index.is64()) {
                        throw new A64EncodingException("address: index register " + index.name() + " with "
                                + extend.text() + " must be a 32-bit register (w)");
                    }
                }
                case UXTX, SXTX -> {
                    if (!index.is64()) {
                        throw new A64EncodingException("address: index register " + index.name() + " with "
                                + (extend == Extend.UXTX ? "lsl" : "sxtx") + " must be a 64-bit register (x)");
                    }
                }
                default -> throw new A64EncodingException("address: extend " + extend.text()
                        + " is not allowed for an index register; allowed lsl, uxtw, sxtw, sxtx");
            }
            if (amountWritten && (amount < 0 || amount > 4)) {
                throw new A64EncodingException("address: shift amount " + amount
                        + " is out of range; allowed 0 or log2 of the access size (0..4)");
            }
            if (!amountWritten && amount != 0) {
                throw new A64EncodingException("address: shift amount " + amount + " given but marked as not written");
            }
        }

        /** As written in assembly, for messages: {@code [x1, x2, lsl #3]}. */
        @Override
        public String toString() {
            return "[" + base.name() + ", " + index.name() + modifierText() + "]";
        }

        /** The text of the modifier as LLVM writes it for this address, such as {@code , lsl #3}. */
        String modifierText() {
            String name = extend == Extend.UXTX ? "lsl" : extend.text();
            if (!amountWritten) {
                return extend == Extend.UXTX ? "" : ", " + name;
            }
            return ", " + name + " #" + amount;
        }
    }

    /** {@code [base]}. */
    static Address of(GpRegister base) {
        return new Offset(base, 0);
    }

    /** {@code [base, #offset]}. */
    static Address of(GpRegister base, long offset) {
        return new Offset(base, offset);
    }

    /** {@code [base, #offset]!}. */
    static Address preIndex(GpRegister base, long offset) {
        return new PreIndex(base, offset);
    }

    /** {@code [base], #offset}. */
    static Address postIndex(GpRegister base, long offset) {
        return new PostIndex(base, offset);
    }

    /** {@code [base, xM]}: a 64-bit index, not scaled. */
    static Address index(GpRegister base, GpRegister index) {
        return new Indexed(base, index, Extend.UXTX, 0, false);
    }

    /** {@code [base, xM, lsl #amount]}: a 64-bit index shifted by 0 or log2 of the access size. */
    static Address index(GpRegister base, GpRegister index, Shift shift, int amount) {
        if (shift != Shift.LSL) {
            throw new A64EncodingException("address: shift " + shift.text() + " is not allowed for an index register;"
                    + " allowed lsl");
        }
        return new Indexed(base, index, Extend.UXTX, amount, true);
    }

    /** {@code [base, wM, uxtw]}, {@code [base, wM, sxtw]}, {@code [base, xM, sxtx]}: extended, not scaled. */
    static Address index(GpRegister base, GpRegister index, Extend extend) {
        return new Indexed(base, index, notUxtx(extend), 0, false);
    }

    /** {@code [base, wM, uxtw #amount]} etc.: extended and shifted by 0 or log2 of the access size. */
    static Address index(GpRegister base, GpRegister index, Extend extend, int amount) {
        return new Indexed(base, index, notUxtx(extend), amount, true);
    }

    private static Extend notUxtx(Extend extend) {
        if (extend == Extend.UXTX) {
            throw new A64EncodingException("address: extend uxtx is not allowed for an index register;"
                    + " allowed lsl (Shift.LSL), uxtw, sxtw, sxtx");
        }
        return extend;
    }

    private static void checkBase(GpRegister base) {
        Objects.requireNonNull(base, "base");
        if (!base.is64() || base.isZeroRegister()) {
            throw new A64EncodingException("address: base register " + base.name()
                    + " is not allowed; allowed x0..x30, sp");
        }
    }
}
