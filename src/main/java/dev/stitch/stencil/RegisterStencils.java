package dev.stitch.stencil;

/**
 * The stencils of the register shape for one architecture: small pieces whose register operands
 * are holes ({@link HoleValue#REGISTER_D} for the result, {@code REGISTER_A},
 * {@code REGISTER_B} and {@code REGISTER_C} for the operands), so that one stencil serves every register assignment.
 * The trace compiler's register pass picks a piece per operation and operand kind and patches
 * the registers in; it never encodes an instruction. Each piece ends with a continuation jump
 * unless control cannot go on, and is assembled once, at first use. Thread-safe.
 *
 * <p>Operands: {@code operand} is the piece's immediate (a constant, a local or stack slot, a
 * shift amount), {@code EXIT} its exit stub, {@code TARGET} where it jumps.
 */
public sealed interface RegisterStencils permits A64RegisterStencils, X64RegisterStencils {
    /** The registers the register pass may use. */
    RegisterFile registers();

    /** {@code D = A}. */
    Stencil move();

    /** {@code D = operand}: the variant that holds {@code value} in the fewest bytes. */
    Stencil constant(long value);

    /** {@code D = local[operand]}. */
    Stencil loadLocal();

    /** {@code local[operand] = A}. */
    Stencil storeLocal();

    /** {@code D = stack[operand]}: slot {@code operand} counted from the trace's entry depth. */
    Stencil loadStack();

    /** {@code stack[operand] = A}. */
    Stencil storeStack();

    /** Moves the operand stack pointer up by {@code operand} slots (before an exit or a call). */
    Stencil advanceStack();

    /** Moves the operand stack pointer down by {@code operand} slots. */
    Stencil retreatStack();

    /**
     * {@code D = A op B} for the binary uops ADD..USHR and the comparisons (1 or 0). The registers
     * the pass assigned are given so that a backend with two-operand instructions can pick the
     * variant that needs no copy ({@code D == A}) or one that survives {@code D == B}.
     */
    Stencil binary(Uop op, int d, int a, int b);

    /** True if {@code D = A op value} has an immediate form here ({@link #binaryImmediate}). */
    boolean hasImmediate(Uop op, long value);

    /** {@code D = A op operand}, for a value {@link #hasImmediate} accepts. */
    Stencil binaryImmediate(Uop op, long value, int d, int a);

    /** True if {@code D = A op local} can read the local from its frame slot ({@link #binaryLocal}). */
    boolean hasMemoryOperand(Uop op);

    /** {@code D = A op local[operand]}, the local read from memory by the operation itself (binary uops and comparisons). */
    Stencil binaryLocal(Uop op, int d, int a);

    /** Branches to EXIT or TARGET when {@code A cmp local[operand]} holds. */
    Stencil compareLocalBranch(Uop cmp, boolean toExit);

    /** True if the backend has a multiply-add ({@link #multiplyAdd}). */
    boolean hasMultiplyAdd();

    /** {@code D = C + A * B}, or {@code C - A * B} when {@code subtract}. */
    Stencil multiplyAdd(boolean subtract);

    /** {@code NEG}, {@code NOT}: {@code D = op A}. */
    Stencil unary(Uop op, int d, int a);

    /** {@code DIV}, {@code REM}: {@code D = A op B} as Java's; to EXIT when {@code B} is zero. */
    Stencil divide(Uop op, int d, int a, int b);

    /**
     * {@code D = A / c} or {@code A % c} for a constant {@code c} other than 0, 1 and -1, without a
     * division instruction: a multiply by a magic number and shifts (a shift for a power of two),
     * exact for every {@code A}, as Java's.
     */
    Stencil divideByConstant(Uop op, long c, int d, int a);

    /** Branches to EXIT ({@code toExit}) or TARGET when {@code A cmp B} holds ({@code cmp} LT..NE). */
    Stencil compareBranch(Uop cmp, boolean toExit);

    /** Branches when {@code A cmp operand} holds, for a value {@link #hasImmediate} accepts for the comparison. */
    Stencil compareImmediateBranch(Uop cmp, long value, boolean toExit);

    /** Branches to EXIT or TARGET when {@code A} is zero ({@code ifZero}) or not. */
    Stencil testBranch(boolean ifZero, boolean toExit);

    /** Branches to EXIT or TARGET unconditionally. */
    Stencil jump(boolean toExit);

    /** A back-edge: spends a unit of fuel, then to TARGET, or to YIELD when the fuel is spent. */
    Stencil backEdge();

    /** A back-edge taken when {@code A} is zero ({@code ifZero}) or not; else on to the next piece. */
    Stencil conditionalBackEdge(boolean ifZero);

    /** {@code D = A[B]}; to EXIT for a bad handle or index. */
    Stencil arrayLoad();

    /** {@code A[B] = D} ({@code D} is read, not written); to EXIT for a bad handle or index. */
    Stencil arrayStore();

    /** {@code D = length of A}; to EXIT for a bad handle. */
    Stencil arrayLength();

    /**
     * Hoists an array's table entry out of a loop: {@code D = base, B = length} of the array
     * whose handle is {@code A}, or length 0 when {@code A} is no handle (so that every access
     * through it exits, as an unhoisted one would).
     */
    Stencil arrayEntry();

    /** {@code D = A[B]} for a hoisted array: base {@code A}, length {@code C}; to EXIT for a bad index. */
    Stencil arrayLoadHoisted();

    /** {@code A[B] = D} for a hoisted array: base {@code A}, length {@code C}; to EXIT for a bad index. */
    Stencil arrayStoreHoisted();

    /** The stencils assembled so far. */
    java.util.Collection<Stencil> assembled();

    /**
     * Every form the register pass can ask for, assembled: what a build-time stencil header of
     * this backend would hold (divisions by a constant, one per divisor, left out), by distinct
     * stencil. Register numbers that pick x86-64's two-operand variants are passed as 1 (D),
     * 2 (A) and 3 (B), with D equal to A or B where a variant needs it.
     */
    default java.util.List<Stencil> forms() {
        java.util.Set<Stencil> all = new java.util.LinkedHashSet<>();
        all.add(move());
        for (long value : new long[] {0, -1, 0x1_0000L, -0x1_0001L, 0x1_0000_0000L, -0x1_0000_0001L, Long.MIN_VALUE}) {
            all.add(constant(value));
        }
        all.addAll(java.util.List.of(loadLocal(), storeLocal(), loadStack(), storeStack(), advanceStack(), retreatStack(),
                jump(true), jump(false), backEdge(), conditionalBackEdge(true), conditionalBackEdge(false),
                testBranch(true, true), testBranch(true, false), testBranch(false, true), testBranch(false, false),
                arrayLoad(), arrayStore(), arrayLength(), arrayEntry(), arrayLoadHoisted(), arrayStoreHoisted()));
        for (Uop op : Uop.values()) {
            boolean binary = switch (op) {
                case ADD, SUB, MUL, AND, OR, XOR, SHL, SHR, USHR, LT, LE, GT, GE, EQ, NE -> true;
                default -> false;
            };
            boolean comparison = op.isComparison();
            if (binary) {
                for (int[] regs : new int[][] {{1, 2, 3}, {1, 1, 3}, {3, 2, 3}}) {
                    all.add(binary(op, regs[0], regs[1], regs[2]));
                    if (hasMemoryOperand(op)) {
                        all.add(binaryLocal(op, regs[0], regs[1]));
                    }
                }
                boolean shift = op == Uop.SHL || op == Uop.SHR || op == Uop.USHR;
                for (long value : shift ? java.util.stream.LongStream.range(0, 64).toArray() : new long[] {1, 0}) {
                    if (hasImmediate(op, value)) {
                        all.add(binaryImmediate(op, value, 1, 2));
                        all.add(binaryImmediate(op, value, 1, 1));
                    }
                }
            }
            if (comparison) {
                for (boolean toExit : new boolean[] {true, false}) {
                    all.add(compareBranch(op, toExit));
                    all.add(compareImmediateBranch(op, 1, toExit));
                    all.add(compareImmediateBranch(op, 0, toExit));
                    if (hasMemoryOperand(op)) {
                        all.add(compareLocalBranch(op, toExit));
                    }
                }
            }
            if (op == Uop.NEG || op == Uop.NOT) {
                all.add(unary(op, 1, 2));
                all.add(unary(op, 1, 1));
            }
            if (op == Uop.DIV || op == Uop.REM) {
                all.add(divide(op, 1, 6, 7));
            }
        }
        if (hasMultiplyAdd()) {
            all.add(multiplyAdd(false));
            all.add(multiplyAdd(true));
        }
        return java.util.List.copyOf(all);
    }
}
