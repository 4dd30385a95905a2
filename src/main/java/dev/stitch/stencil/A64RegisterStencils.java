package dev.stitch.stencil;

import dev.stitch.a64.Address;
import dev.stitch.a64.Condition;
import dev.stitch.a64.GpRegister;
import dev.stitch.a64.Label;
import dev.stitch.a64.Shift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static dev.stitch.a64.Registers.X0;
import static dev.stitch.a64.Registers.X1;
import static dev.stitch.a64.Registers.X2;
import static dev.stitch.a64.Registers.X3;
import static dev.stitch.stencil.FrameLayout.ARRAYS_REG;
import static dev.stitch.stencil.FrameLayout.ARRAY_COUNT_REG;
import static dev.stitch.stencil.FrameLayout.FUEL_REG;
import static dev.stitch.stencil.FrameLayout.LOCALS_REG;
import static dev.stitch.stencil.FrameLayout.STACK_REG;
import static dev.stitch.stencil.A64HoleKind.REG_RA;
import static dev.stitch.stencil.A64HoleKind.REG_RD;
import static dev.stitch.stencil.A64HoleKind.REG_RM;
import static dev.stitch.stencil.A64HoleKind.REG_RN;
import static dev.stitch.stencil.HoleRef.continuation;
import static dev.stitch.stencil.HoleRef.registerA;
import static dev.stitch.stencil.HoleRef.registerB;
import static dev.stitch.stencil.HoleRef.registerD;

/**
 * The register shape's stencils for AArch64. Operand registers are holes in the 5-bit fields
 * Rd, Rn, Rm and Ra; the placeholders assembled there are x1 (D), x2 (A) and x3 (B). Inside a
 * piece, x0..x3 are free temporaries: they are never given to a stack slot or a local (they
 * carry a call's arguments and an exit's value).
 */
final class A64RegisterStencils implements RegisterStencils {
    static final A64RegisterStencils INSTANCE = new A64RegisterStencils();

    private static final GpRegister D = X1;
    private static final GpRegister A = X2;
    private static final GpRegister B = X3;

    private static final RegisterFile REGISTERS = new RegisterFile(
            List.of(4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15), List.of(25, 26, 27, 28), List.of(16, 17, 8), names());

    private final StencilCache cache = new StencilCache();

    private A64RegisterStencils() {}

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= 30; i++) {
            names.add("x" + i);
        }
        return names;
    }

    @Override
    public Collection<Stencil> assembled() {
        return cache.all();
    }

    @Override
    public RegisterFile registers() {
        return REGISTERS;
    }

    private static Stencil next(A64StencilBuilder s, String name) {
        return s.b(continuation()).build(name);
    }

    @Override
    public Stencil move() {
        return cache.get(StencilCache.Form.MOVE, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.asm().mov(D, A);
            s.registers(REG_RD, registerD(), REG_RM, registerA());
            return next(s, "mov");
        });
    }

    /**
     * {@code D = value} in move-wide instructions only, so that the piece has no data and is
     * patched before layout: {@code movz} (or {@code movn} when the upper bits are ones) for the
     * low 16 bits, then a {@code movk} for each higher 16 bits up to the last that differs from
     * the first's fill. The variant is the number of {@code movk}s, doubled, plus one for {@code movn}.
     */
    @Override
    public Stencil constant(long value) {
        int movks = 0;
        boolean ones = false;
        for (; movks < 3; movks++) {
            int bits = 16 * (movks + 1);
            if (value >>> bits == 0) {
                break;
            }
            if (~value >>> bits == 0) {
                ones = true;
                break;
            }
        }
        int variant = 2 * movks + (ones ? 1 : 0);
        return cache.get(StencilCache.Form.CONSTANT, variant, 0, () -> {
            int count = variant / 2;
            boolean movn = (variant & 1) != 0;
            A64StencilBuilder s = new A64StencilBuilder();
            if (movn) {
                s.movn(D, count == 0 ? A64HoleKind.MOVW_G0 : A64HoleKind.MOVW_G0_NC, HoleRef.operandNot());
            } else {
                s.movz(D, count == 0 ? A64HoleKind.MOVW_G0 : A64HoleKind.MOVW_G0_NC, HoleRef.operand());
            }
            s.registers(REG_RD, registerD());
            A64HoleKind[] upper = {A64HoleKind.MOVW_G1_NC, A64HoleKind.MOVW_G2_NC, A64HoleKind.MOVW_G3};
            for (int k = 0; k < count; k++) {
                s.movk(D, upper[k], HoleRef.operand());
                s.registers(REG_RD, registerD());
            }
            return next(s, "constant (" + (movn ? "movn" : "movz") + (count == 0 ? "" : count == 1 ? ", movk" : ", movk x " + count) + ")");
        });
    }

    @Override
    public Stencil loadLocal() {
        return cache.get(StencilCache.Form.LOAD_LOCAL, 0, 0, () -> slot(true, LOCALS_REG, "load local"));
    }

    @Override
    public Stencil storeLocal() {
        return cache.get(StencilCache.Form.STORE_LOCAL, 0, 0, () -> slot(false, LOCALS_REG, "store local"));
    }

    @Override
    public Stencil loadStack() {
        return cache.get(StencilCache.Form.LOAD_STACK, 0, 0, () -> slot(true, STACK_REG, "load stack slot"));
    }

    @Override
    public Stencil storeStack() {
        return cache.get(StencilCache.Form.STORE_STACK, 0, 0, () -> slot(false, STACK_REG, "store stack slot"));
    }

    private static Stencil slot(boolean load, GpRegister base, String name) {
        A64StencilBuilder s = new A64StencilBuilder();
        if (load) {
            s.ldrLow12(D, base, HoleRef.slot());
            s.registers(REG_RD, registerD());
        } else {
            s.strLow12(A, base, HoleRef.slot());
            s.registers(REG_RD, registerA());
        }
        return next(s, name);
    }

    @Override
    public Stencil advanceStack() {
        return cache.get(StencilCache.Form.ADVANCE_STACK, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.addLow12(STACK_REG, STACK_REG, HoleRef.slot());
            return next(s, "stack pointer up");
        });
    }

    @Override
    public Stencil retreatStack() {
        return cache.get(StencilCache.Form.RETREAT_STACK, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.subLow12(STACK_REG, STACK_REG, HoleRef.slot());
            return next(s, "stack pointer down");
        });
    }

    @Override
    public Stencil binary(Uop op, int d, int a, int b) {
        return cache.get(StencilCache.Form.BINARY, op.ordinal(), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            if (op.isComparison()) {
                s.asm().cmp(A, B);
                s.registers(REG_RN, registerA(), REG_RM, registerB());
                s.asm().cset(D, condition(op));
                s.registers(REG_RD, registerD());
                return next(s, op.name());
            }
            A64UopStencils.arithmetic(s.asm(), op, D, A, B);
            s.registers(REG_RD, registerD(), REG_RN, registerA(), REG_RM, registerB());
            return next(s, op.name());
        });
    }

    @Override
    public boolean hasImmediate(Uop op, long value) {
        return switch (op) {
            case ADD, SUB, LT, LE, GT, GE, EQ, NE -> value >= 0 && value <= 4095;
            case SHL, SHR, USHR -> true;
            default -> false;
        };
    }

    @Override
    public Stencil binaryImmediate(Uop op, long value, int d, int a) {
        int amount = (int) value & 63;
        boolean shift = op == Uop.SHL || op == Uop.SHR || op == Uop.USHR;
        return cache.get(StencilCache.Form.BINARY_IMMEDIATE, op.ordinal(), shift ? amount + 1 : 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            switch (op) {
                case ADD -> s.addLow12(D, A, HoleRef.operand());
                case SUB -> s.subLow12(D, A, HoleRef.operand());
                case SHL -> s.asm().lsl(D, A, amount);
                case SHR -> s.asm().asr(D, A, amount);
                case USHR -> s.asm().lsr(D, A, amount);
                case LT, LE, GT, GE, EQ, NE -> {
                    s.cmpLow12(A, HoleRef.operand());
                    s.registers(REG_RN, registerA());
                    s.asm().cset(D, condition(op));
                    s.registers(REG_RD, registerD());
                    return next(s, op.name() + " #imm");
                }
                default -> throw new IllegalArgumentException(op + " has no immediate form on AArch64");
            }
            s.registers(REG_RD, registerD(), REG_RN, registerA());
            return next(s, op.name() + (shift ? " #" + amount : " #imm"));
        });
    }

    /** A load/store architecture: a local is loaded into a register first. */
    @Override
    public boolean hasMemoryOperand(Uop op) {
        return false;
    }

    @Override
    public Stencil binaryLocal(Uop op, int d, int a) {
        throw new UnsupportedOperationException("AArch64 operations take no memory operand");
    }

    @Override
    public Stencil compareLocalBranch(Uop cmp, boolean toExit) {
        throw new UnsupportedOperationException("AArch64 comparisons take no memory operand");
    }

    @Override
    public boolean hasMultiplyAdd() {
        return true;
    }

    @Override
    public Stencil multiplyAdd(boolean subtract) {
        return cache.get(StencilCache.Form.MULTIPLY_ADD, (subtract ? 1 : 0), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            if (subtract) {
                s.asm().msub(D, A, B, X0);
            } else {
                s.asm().madd(D, A, B, X0);
            }
            s.registers(REG_RD, registerD(), REG_RN, registerA(), REG_RM, registerB(), REG_RA, HoleRef.registerC());
            return next(s, subtract ? "msub" : "madd");
        });
    }

    @Override
    public Stencil unary(Uop op, int d, int a) {
        return cache.get(StencilCache.Form.UNARY, op.ordinal(), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            switch (op) {
                case NEG -> s.asm().neg(D, A);
                case NOT -> s.asm().mvn(D, A);
                default -> throw new IllegalArgumentException(op + " is not a unary uop");
            }
            s.registers(REG_RD, registerD(), REG_RM, registerA());
            return next(s, op.name());
        });
    }

    @Override
    public Stencil divide(Uop op, int d, int a, int b) {
        return cache.get(StencilCache.Form.DIVIDE, op.ordinal(), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.cbz(B, HoleRef.exit());
            s.registers(REG_RD, registerB());
            if (op == Uop.DIV) {
                s.asm().sdiv(D, A, B);
                s.registers(REG_RD, registerD(), REG_RN, registerA(), REG_RM, registerB());
            } else {
                s.asm().sdiv(X0, A, B);
                s.registers(REG_RN, registerA(), REG_RM, registerB());
                s.asm().msub(D, X0, B, A);
                s.registers(REG_RD, registerD(), REG_RM, registerB(), REG_RA, registerA());
            }
            return next(s, op.name());
        });
    }

    @Override
    public Stencil divideByConstant(Uop op, long c, int d, int a) {
        return cache.division(op, c, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            if (DivisionMagic.isPowerOfTwo(c)) {
                int k = Long.numberOfTrailingZeros(Math.abs(c));
                // x1 = a + (a < 0 ? 2^k - 1 : 0): the bias that makes the shift truncate toward zero.
                s.asm().asr(X1, A, 63);
                s.registers(REG_RN, registerA());
                s.asm().add(X1, A, X1, Shift.LSR, 64 - k);
                s.registers(REG_RN, registerA());
                if (op == Uop.DIV) {
                    if (c > 0) {
                        s.asm().asr(D, X1, k);
                        s.registers(REG_RD, registerD());
                    } else {
                        s.asm().asr(X1, X1, k).neg(D, X1);
                        s.registers(REG_RD, registerD());
                    }
                } else {
                    s.asm().and(X1, X1, -(1L << k)).sub(D, A, X1);
                    s.registers(REG_RD, registerD(), REG_RN, registerA());
                }
            } else {
                DivisionMagic magic = DivisionMagic.of(c);
                s.asm().mov64(X0, magic.multiplier()).smulh(X1, X0, A);
                s.registers(REG_RM, registerA());
                if (c > 0 && magic.multiplier() < 0) {
                    s.asm().add(X1, X1, A);
                    s.registers(REG_RM, registerA());
                } else if (c < 0 && magic.multiplier() > 0) {
                    s.asm().sub(X1, X1, A);
                    s.registers(REG_RM, registerA());
                }
                s.asm().asr(X1, X1, magic.shift());
                if (op == Uop.DIV) {
                    s.asm().add(D, X1, X1, Shift.LSR, 63);
                    s.registers(REG_RD, registerD());
                } else {
                    s.asm().add(X1, X1, X1, Shift.LSR, 63).mov64(X0, c).msub(D, X1, X0, A);
                    s.registers(REG_RD, registerD(), REG_RA, registerA());
                }
            }
            return next(s, op.name() + " by " + c);
        });
    }

    @Override
    public Stencil compareBranch(Uop cmp, boolean toExit) {
        return cache.get(StencilCache.Form.COMPARE_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.asm().cmp(A, B);
            s.registers(REG_RN, registerA(), REG_RM, registerB());
            s.b(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, "cmp; b." + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    @Override
    public Stencil compareImmediateBranch(Uop cmp, long value, boolean toExit) {
        return cache.get(StencilCache.Form.COMPARE_IMMEDIATE_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.cmpLow12(A, HoleRef.operand());
            s.registers(REG_RN, registerA());
            s.b(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, "cmp #imm; b." + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    @Override
    public Stencil testBranch(boolean ifZero, boolean toExit) {
        return cache.get(StencilCache.Form.TEST_BRANCH, (ifZero ? 1 : 0), (toExit ? 1 : 0), () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            HoleRef to = toExit ? HoleRef.exit() : HoleRef.target();
            if (ifZero) {
                s.cbz(A, to);
            } else {
                s.cbnz(A, to);
            }
            s.registers(REG_RD, registerA());
            return next(s, ifZero ? "cbz" : "cbnz");
        });
    }

    @Override
    public Stencil jump(boolean toExit) {
        return cache.get(StencilCache.Form.JUMP, (toExit ? 1 : 0), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            return s.b(toExit ? HoleRef.exit() : HoleRef.target()).build(toExit ? "b exit" : "b");
        });
    }

    /** {@code subs x24, x24, #1; b.ne target; b yield}: two instructions on the path that loops. */
    @Override
    public Stencil backEdge() {
        return cache.get(StencilCache.Form.BACK_EDGE, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            s.asm().subs(FUEL_REG, FUEL_REG, 1);
            s.b(Condition.NE, HoleRef.target());
            return s.b(HoleRef.yield()).build("back-edge");
        });
    }

    @Override
    public Stencil conditionalBackEdge(boolean ifZero) {
        return cache.get(StencilCache.Form.CONDITIONAL_BACK_EDGE, (ifZero ? 1 : 0), 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            Label stay = s.asm().newLabel();
            if (ifZero) {
                s.asm().cbnz(A, stay);
            } else {
                s.asm().cbz(A, stay);
            }
            s.registers(REG_RD, registerA());
            s.asm().subs(FUEL_REG, FUEL_REG, 1);
            s.b(Condition.NE, HoleRef.target());
            s.b(HoleRef.yield());
            s.asm().bind(stay);
            return next(s, (ifZero ? "cbz" : "cbnz") + " back-edge");
        });
    }

    /** Exits unless A names an array of the table; leaves the element address in x0 and the count in x1. */
    private static void arrayEntry(A64StencilBuilder s) {
        s.asm().cmp(A, ARRAY_COUNT_REG);
        s.registers(REG_RN, registerA());
        s.b(Condition.HS, HoleRef.exit());
        s.asm().add(X0, ARRAYS_REG, A, Shift.LSL, 4);
        s.registers(REG_RM, registerA());
    }

    @Override
    public Stencil arrayLoad() {
        return cache.get(StencilCache.Form.ARRAY_LOAD, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            arrayEntry(s);
            s.asm().ldp(X0, X1, Address.of(X0)).cmp(B, X1);
            s.registers(REG_RN, registerB());
            s.b(Condition.HS, HoleRef.exit());
            s.asm().ldr(D, Address.index(X0, B, Shift.LSL, 3));
            s.registers(REG_RD, registerD(), REG_RM, registerB());
            return next(s, "ALOAD");
        });
    }

    @Override
    public Stencil arrayStore() {
        return cache.get(StencilCache.Form.ARRAY_STORE, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            arrayEntry(s);
            s.asm().ldp(X0, X1, Address.of(X0)).cmp(B, X1);
            s.registers(REG_RN, registerB());
            s.b(Condition.HS, HoleRef.exit());
            s.asm().str(D, Address.index(X0, B, Shift.LSL, 3));
            s.registers(REG_RD, registerD(), REG_RM, registerB());
            return next(s, "ASTORE");
        });
    }

    @Override
    public Stencil arrayLength() {
        return cache.get(StencilCache.Form.ARRAY_LENGTH, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            arrayEntry(s);
            s.asm().ldr(D, Address.of(X0, 8));
            s.registers(REG_RD, registerD());
            return next(s, "ALEN");
        });
    }

    @Override
    public Stencil arrayEntry() {
        return cache.get(StencilCache.Form.ARRAY_ENTRY, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            Label done = s.asm().newLabel();
            s.asm().mov(B, 0);
            s.registers(REG_RD, registerB());
            s.asm().cmp(A, ARRAY_COUNT_REG);
            s.registers(REG_RN, registerA());
            s.asm().b(Condition.HS, done).add(X0, ARRAYS_REG, A, Shift.LSL, 4);
            s.registers(REG_RM, registerA());
            s.asm().ldp(D, B, Address.of(X0));
            s.registers(REG_RD, registerD(), REG_RA, registerB());
            s.asm().bind(done);
            return next(s, "array entry");
        });
    }

    /** Exits unless index B is below length C of a hoisted array. */
    private static void hoistedIndexCheck(A64StencilBuilder s) {
        s.asm().cmp(B, X0);
        s.registers(REG_RN, registerB(), REG_RM, HoleRef.registerC());
        s.b(Condition.HS, HoleRef.exit());
    }

    @Override
    public Stencil arrayLoadHoisted() {
        return cache.get(StencilCache.Form.ARRAY_LOAD_HOISTED, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            hoistedIndexCheck(s);
            s.asm().ldr(D, Address.index(A, B, Shift.LSL, 3));
            s.registers(REG_RD, registerD(), REG_RN, registerA(), REG_RM, registerB());
            return next(s, "ALOAD (hoisted)");
        });
    }

    @Override
    public Stencil arrayStoreHoisted() {
        return cache.get(StencilCache.Form.ARRAY_STORE_HOISTED, 0, 0, () -> {
            A64StencilBuilder s = new A64StencilBuilder();
            hoistedIndexCheck(s);
            s.asm().str(D, Address.index(A, B, Shift.LSL, 3));
            s.registers(REG_RD, registerD(), REG_RN, registerA(), REG_RM, registerB());
            return next(s, "ASTORE (hoisted)");
        });
    }

    private static Condition condition(Uop op) {
        return A64UopStencils.comparison(op);
    }
}
