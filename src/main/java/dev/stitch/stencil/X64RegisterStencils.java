package dev.stitch.stencil;

import dev.stitch.x64.Condition;
import dev.stitch.x64.Label;
import dev.stitch.x64.Mem;
import dev.stitch.x64.Register;

import java.util.Collection;
import java.util.List;

import static dev.stitch.stencil.FrameLayout.X64_HEADER_REG;
import static dev.stitch.stencil.FrameLayout.X64_LOCALS_REG;
import static dev.stitch.stencil.FrameLayout.X64_STACK_REG;
import static dev.stitch.stencil.HoleRef.continuation;
import static dev.stitch.stencil.X64StencilBuilder.A;
import static dev.stitch.stencil.X64StencilBuilder.B;
import static dev.stitch.stencil.X64StencilBuilder.D;
import static dev.stitch.stencil.X64StencilBuilder.IMM32_PLACEHOLDER;
import static dev.stitch.x64.Registers.CL;
import static dev.stitch.x64.Registers.EDX;
import static dev.stitch.x64.Registers.RAX;
import static dev.stitch.x64.Registers.RCX;
import static dev.stitch.x64.Registers.RDX;

/**
 * The register shape's stencils for x86-64. Operand registers are holes in ModRM, SIB and
 * {@code +r} opcode fields with their REX bits; the placeholders are r8 (D), r9 (A) and r10 (B),
 * so every such instruction has a REX prefix. rax is a free temporary inside a piece (and rdx in
 * a division); rcx carries a variable shift count. The array table is read through the header
 * (r13), which leaves r14 and r15 to pinned locals.
 */
final class X64RegisterStencils implements RegisterStencils {
    static final X64RegisterStencils INSTANCE = new X64RegisterStencils();

    private static final Register LOCALS = X64_LOCALS_REG;
    private static final Register STACK = X64_STACK_REG;
    private static final Register HEADER = X64_HEADER_REG;
    private static final int RAX_NUMBER = 0;
    private static final int RDX_NUMBER = 2;

    /** rsi, rdi, r8, r9, r10 for slots; r14, r15 for locals; r11, rcx, rdx as scratch. */
    private static final RegisterFile REGISTERS = new RegisterFile(List.of(6, 7, 8, 9, 10), List.of(14, 15),
            List.of(11, 1, 2), List.of("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10",
            "r11", "r12", "r13", "r14", "r15"));

    private final StencilCache cache = new StencilCache();

    private X64RegisterStencils() {}

    @Override
    public Collection<Stencil> assembled() {
        return cache.all();
    }

    @Override
    public RegisterFile registers() {
        return REGISTERS;
    }

    private static Stencil next(X64StencilBuilder s, String name) {
        return s.jmp(continuation()).build(name);
    }

    @Override
    public Stencil move() {
        return cache.get(StencilCache.Form.MOVE, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.registers(() -> s.asm().mov(D, A));
            return next(s, "mov");
        });
    }

    /** {@code mov r32, imm32} for 0..2^32-1, a sign-extended {@code mov r64, imm32} for negatives, else {@code movabs}. */
    @Override
    public Stencil constant(long value) {
        int variant = value >>> 32 == 0 ? 0 : value == (int) value ? 1 : 2;
        return cache.get(StencilCache.Form.CONSTANT, variant, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            switch (variant) {
                case 0 -> s.immediate32(X64HoleKind.ABS32U, HoleRef.operand(), true,
                        () -> s.asm().mov(D.withBits(32), (long) IMM32_PLACEHOLDER));
                case 1 -> s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, -IMM32_PLACEHOLDER,
                        () -> s.asm().mov(D, (long) -IMM32_PLACEHOLDER));
                default -> s.registers(() -> s.movabs(D, HoleRef.operand()));
            }
            return next(s, "constant (" + (variant == 0 ? "imm32" : variant == 1 ? "simm32" : "movabs") + ")");
        });
    }

    @Override
    public Stencil loadLocal() {
        return cache.get(StencilCache.Form.LOAD_LOCAL, 0, 0, () -> slot(true, LOCALS, "load local"));
    }

    @Override
    public Stencil storeLocal() {
        return cache.get(StencilCache.Form.STORE_LOCAL, 0, 0, () -> slot(false, LOCALS, "store local"));
    }

    @Override
    public Stencil loadStack() {
        return cache.get(StencilCache.Form.LOAD_STACK, 0, 0, () -> slot(true, STACK, "load stack slot"));
    }

    @Override
    public Stencil storeStack() {
        return cache.get(StencilCache.Form.STORE_STACK, 0, 0, () -> slot(false, STACK, "store stack slot"));
    }

    private static Stencil slot(boolean load, Register base, String name) {
        X64StencilBuilder s = new X64StencilBuilder();
        if (load) {
            s.registers(() -> s.load(D, base, HoleRef.slot()));
        } else {
            s.registers(() -> s.store(base, HoleRef.slot(), A));
        }
        return next(s, name);
    }

    @Override
    public Stencil advanceStack() {
        return cache.get(StencilCache.Form.ADVANCE_STACK, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.immediate32(X64HoleKind.ABS32S, HoleRef.slot(), false, () -> s.asm().add(STACK, IMM32_PLACEHOLDER));
            return next(s, "stack pointer up");
        });
    }

    @Override
    public Stencil retreatStack() {
        return cache.get(StencilCache.Form.RETREAT_STACK, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.immediate32(X64HoleKind.ABS32S, HoleRef.slot(), false, () -> s.asm().sub(STACK, IMM32_PLACEHOLDER));
            return next(s, "stack pointer down");
        });
    }

    /**
     * Two-operand instructions: {@code op D, B} when D is A, {@code op D, A} when D is B and the
     * operation commutes, {@code mov D, A; op D, B} when it is neither, and through rax when D is B.
     */
    @Override
    public Stencil binary(Uop op, int d, int a, int b) {
        if (op.isComparison()) {
            return cache.get(StencilCache.Form.BINARY, op.ordinal(), 0, () -> {
                X64StencilBuilder s = new X64StencilBuilder();
                s.registers(() -> s.asm().cmp(A, B));
                setFlag(s, op);
                return next(s, op.name());
            });
        }
        boolean commutative = op == Uop.ADD || op == Uop.MUL || op == Uop.AND || op == Uop.OR || op == Uop.XOR;
        if (d == b && d != a && commutative) {
            // op D, A: D already holds the other operand
            return cache.get(StencilCache.Form.BINARY_SWAPPED, op.ordinal(), 0, () -> {
                X64StencilBuilder s = new X64StencilBuilder();
                operate(s, op, D, A);
                return next(s, op.name());
            });
        }
        int form = d == a ? 0 : d != b ? 1 : 2;
        return cache.get(StencilCache.Form.BINARY_FORM, op.ordinal(), form, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            Register target = form == 2 ? RAX : D;
            if (form != 0) {
                if (form == 2) {
                    s.registers(() -> s.asm().mov(RAX, A));
                } else {
                    s.registers(() -> s.asm().mov(D, A));
                }
            }
            switch (op) {
                case SHL, SHR, USHR -> {
                    s.registers(() -> s.asm().mov(RCX, B));
                    operate(s, op, target, CL);
                }
                default -> operate(s, op, target, B);
            }
            if (form == 2) {
                s.registers(() -> s.asm().mov(D, RAX));
            }
            return next(s, op.name());
        });
    }

    private static void operate(X64StencilBuilder s, Uop op, Register target, Register source) {
        Runnable emit = () -> X64UopStencils.arithmetic(s.asm(), op, target, source);
        if (target == RAX && source == CL) {
            emit.run(); // rax, cl: no placeholder
        } else {
            s.registers(emit);
        }
    }

    /** {@code setcc D8; movzx D32, D8}: the REX prefix makes the byte register sil, dil or r8b..r15b, never ah. */
    private static void setFlag(X64StencilBuilder s, Uop op) {
        s.registers(() -> s.asm().setcc(condition(op), D.withBits(8)));
        s.registers(() -> s.asm().movzx(D.withBits(32), D.withBits(8)));
    }

    @Override
    public boolean hasImmediate(Uop op, long value) {
        return switch (op) {
            case ADD, SUB, MUL, AND, OR, XOR, LT, LE, GT, GE, EQ, NE -> value == (int) value;
            case SHL, SHR, USHR -> true;
            default -> false;
        };
    }

    @Override
    public Stencil binaryImmediate(Uop op, long value, int d, int a) {
        boolean shift = op == Uop.SHL || op == Uop.SHR || op == Uop.USHR;
        int amount = (int) value & 63;
        boolean inPlace = d == a;
        return cache.get(StencilCache.Form.BINARY_IMMEDIATE, op.ordinal(), (shift ? amount + 1 : 0) << 1 | (inPlace ? 1 : 0),
                () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            if (op.isComparison()) {
                s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, () -> s.asm().cmp(A, IMM32_PLACEHOLDER));
                setFlag(s, op);
                return next(s, op.name() + " imm");
            }
            if (op == Uop.MUL) {
                s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, () -> s.asm().imul(D, A, IMM32_PLACEHOLDER));
                return next(s, "MUL imm");
            }
            if (!inPlace) {
                s.registers(() -> s.asm().mov(D, A));
            }
            switch (op) {
                case SHL -> s.registers(() -> s.asm().shl(D, amount));
                case SHR -> s.registers(() -> s.asm().sar(D, amount));
                case USHR -> s.registers(() -> s.asm().shr(D, amount));
                default -> s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, () -> {
                    switch (op) {
                        case ADD -> s.asm().add(D, IMM32_PLACEHOLDER);
                        case SUB -> s.asm().sub(D, IMM32_PLACEHOLDER);
                        case AND -> s.asm().and(D, IMM32_PLACEHOLDER);
                        case OR -> s.asm().or(D, IMM32_PLACEHOLDER);
                        case XOR -> s.asm().xor(D, IMM32_PLACEHOLDER);
                        default -> throw new IllegalArgumentException(op + " has no immediate form on x86-64");
                    }
                });
            }
            return next(s, op.name() + (shift ? " " + amount : " imm"));
        });
    }

    @Override
    public boolean hasMemoryOperand(Uop op) {
        return switch (op) {
            case ADD, SUB, MUL, AND, OR, XOR, LT, LE, GT, GE, EQ, NE -> true;
            default -> false;
        };
    }

    /** {@code op D, qword ptr [rbx + slot]}, after {@code mov D, A} unless D is A; comparisons {@code cmp A, [..]; setcc}. */
    @Override
    public Stencil binaryLocal(Uop op, int d, int a) {
        boolean inPlace = d == a;
        return cache.get(StencilCache.Form.BINARY_LOCAL, op.ordinal(), (inPlace ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            if (op.isComparison()) {
                s.registers(() -> s.cmpLocal(A));
                setFlag(s, op);
                return next(s, op.name() + " local");
            }
            if (!inPlace) {
                s.registers(() -> s.asm().mov(D, A));
            }
            s.registers(() -> s.field(X64HoleKind.ABS32S, HoleRef.slot(), -1, () -> {
                Mem local = Mem.of(LOCALS).withDisp32();
                switch (op) {
                    case ADD -> s.asm().add(D, local);
                    case SUB -> s.asm().sub(D, local);
                    case MUL -> s.asm().imul(D, local);
                    case AND -> s.asm().and(D, local);
                    case OR -> s.asm().or(D, local);
                    case XOR -> s.asm().xor(D, local);
                    default -> throw new IllegalArgumentException(op + " has no memory operand form");
                }
            }));
            return next(s, op.name() + " local");
        });
    }

    @Override
    public Stencil compareLocalBranch(Uop cmp, boolean toExit) {
        return cache.get(StencilCache.Form.COMPARE_LOCAL_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.registers(() -> s.cmpLocal(A));
            s.jcc(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, "cmp local; j" + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    @Override
    public boolean hasMultiplyAdd() {
        return false;
    }

    @Override
    public Stencil multiplyAdd(boolean subtract) {
        throw new UnsupportedOperationException("x86-64 has no general-register multiply-add");
    }

    @Override
    public Stencil unary(Uop op, int d, int a) {
        boolean inPlace = d == a;
        return cache.get(StencilCache.Form.UNARY, op.ordinal(), (inPlace ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            if (!inPlace) {
                s.registers(() -> s.asm().mov(D, A));
            }
            switch (op) {
                case NEG -> s.registers(() -> s.asm().neg(D));
                case NOT -> s.registers(() -> s.asm().not(D));
                default -> throw new IllegalArgumentException(op + " is not a unary uop");
            }
            return next(s, op.name());
        });
    }

    /** {@code idiv} faults on {@code Long.MIN_VALUE / -1}: a divisor of -1 takes its own path, as in the stack shape. */
    @Override
    public Stencil divide(Uop op, int d, int a, int b) {
        checkNotRaxRdx(a, b);
        return cache.get(StencilCache.Form.DIVIDE, op.ordinal(), 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            Label minusOne = s.asm().newLabel("minus_one");
            Label store = s.asm().newLabel("store");
            s.registers(() -> s.asm().test(B, B));
            s.jcc(Condition.E, HoleRef.exit());
            s.registers(() -> s.asm().mov(RAX, A));
            s.registers(() -> s.asm().cmp(B, -1));
            s.asm().jccShort(Condition.E, minusOne).cqo();
            s.registers(() -> s.asm().idiv(B));
            s.asm().jmpShort(store).bind(minusOne);
            if (op == Uop.DIV) {
                s.asm().neg(RAX);
            } else {
                s.asm().xor(EDX, EDX);
            }
            s.asm().bind(store);
            s.registers(() -> s.asm().mov(D, op == Uop.DIV ? RAX : RDX));
            return next(s, op.name());
        });
    }

    private static void checkNotRaxRdx(int... registers) {
        for (int r : registers) {
            if (r == RAX_NUMBER || r == RDX_NUMBER) {
                throw new IllegalArgumentException("x86-64 division operands may not be in rax or rdx, got register " + r);
            }
        }
    }

    @Override
    public Stencil divideByConstant(Uop op, long c, int d, int a) {
        checkNotRaxRdx(a);
        return cache.division(op, c, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            if (DivisionMagic.isPowerOfTwo(c)) {
                int k = Long.numberOfTrailingZeros(Math.abs(c));
                // rax = a + (a < 0 ? 2^k - 1 : 0): the bias that makes the shift truncate toward zero.
                s.registers(() -> s.asm().mov(RAX, A));
                s.asm().sar(RAX, 63).shr(RAX, 64 - k);
                s.registers(() -> s.asm().add(RAX, A));
                if (op == Uop.DIV) {
                    s.asm().sar(RAX, k);
                    if (c < 0) {
                        s.asm().neg(RAX);
                    }
                    s.registers(() -> s.asm().mov(D, RAX));
                } else {
                    s.asm().mov(RDX, -(1L << k)).and(RAX, RDX);
                    s.registers(() -> s.asm().mov(RDX, A));
                    s.asm().sub(RDX, RAX);
                    s.registers(() -> s.asm().mov(D, RDX));
                }
            } else {
                DivisionMagic magic = DivisionMagic.of(c);
                s.asm().mov(RAX, magic.multiplier());
                s.registers(() -> s.asm().imul(A));
                if (c > 0 && magic.multiplier() < 0) {
                    s.registers(() -> s.asm().add(RDX, A));
                } else if (c < 0 && magic.multiplier() > 0) {
                    s.registers(() -> s.asm().sub(RDX, A));
                }
                s.asm().sar(RDX, magic.shift()).mov(RAX, RDX).shr(RAX, 63).add(RDX, RAX);
                if (op == Uop.DIV) {
                    s.registers(() -> s.asm().mov(D, RDX));
                } else {
                    // D = A - q * c; A is read before D is written, so D may be A
                    if (c == (int) c) {
                        s.asm().imul(RDX, RDX, (int) c);
                    } else {
                        s.asm().mov(RAX, c).imul(RDX, RAX);
                    }
                    s.registers(() -> s.asm().mov(RAX, A));
                    s.asm().sub(RAX, RDX);
                    s.registers(() -> s.asm().mov(D, RAX));
                }
            }
            return next(s, op.name() + " by " + c);
        });
    }

    @Override
    public Stencil compareBranch(Uop cmp, boolean toExit) {
        return cache.get(StencilCache.Form.COMPARE_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.registers(() -> s.asm().cmp(A, B));
            s.jcc(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, "cmp; j" + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    @Override
    public Stencil compareImmediateBranch(Uop cmp, long value, boolean toExit) {
        if (value == 0) {
            // test A, A sets the flags as cmp A, 0 does for every condition here, in 3 bytes instead of 7
            return cache.get(StencilCache.Form.COMPARE_ZERO_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
                X64StencilBuilder s = new X64StencilBuilder();
                s.registers(() -> s.asm().test(A, A));
                s.jcc(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
                return next(s, "test; j" + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
            });
        }
        return cache.get(StencilCache.Form.COMPARE_IMMEDIATE_BRANCH, cmp.ordinal(), (toExit ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, () -> s.asm().cmp(A, IMM32_PLACEHOLDER));
            s.jcc(condition(cmp), toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, "cmp imm; j" + condition(cmp).name().toLowerCase(java.util.Locale.ROOT));
        });
    }

    @Override
    public Stencil testBranch(boolean ifZero, boolean toExit) {
        return cache.get(StencilCache.Form.TEST_BRANCH, (ifZero ? 1 : 0), (toExit ? 1 : 0), () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.registers(() -> s.asm().test(A, A));
            s.jcc(ifZero ? Condition.E : Condition.NE, toExit ? HoleRef.exit() : HoleRef.target());
            return next(s, ifZero ? "test; je" : "test; jne");
        });
    }

    @Override
    public Stencil jump(boolean toExit) {
        return cache.get(StencilCache.Form.JUMP, (toExit ? 1 : 0), 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            return s.jmp(toExit ? HoleRef.exit() : HoleRef.target()).build(toExit ? "jmp exit" : "jmp");
        });
    }

    /** {@code dec qword ptr [r13 + 48]; jne target; jmp yield}: the fuel stays in the header. */
    @Override
    public Stencil backEdge() {
        return cache.get(StencilCache.Form.BACK_EDGE, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            s.asm().dec(Mem.of(HEADER, FrameLayout.FUEL).qword());
            s.jcc(Condition.NE, HoleRef.target());
            return s.jmp(HoleRef.yield()).build("back-edge");
        });
    }

    @Override
    public Stencil conditionalBackEdge(boolean ifZero) {
        return cache.get(StencilCache.Form.CONDITIONAL_BACK_EDGE, (ifZero ? 1 : 0), 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            Label stay = s.asm().newLabel("stay");
            s.registers(() -> s.asm().test(A, A));
            s.asm().jccShort(ifZero ? Condition.NE : Condition.E, stay);
            s.asm().dec(Mem.of(HEADER, FrameLayout.FUEL).qword());
            s.jcc(Condition.NE, HoleRef.target());
            s.jmp(HoleRef.yield());
            s.asm().bind(stay);
            return next(s, (ifZero ? "je" : "jne") + " back-edge");
        });
    }

    /** Exits unless A names an array of the table; leaves the address of its entry in rax. */
    private static void arrayEntry(X64StencilBuilder s) {
        s.registers(() -> s.asm().cmp(A, Mem.of(HEADER, FrameLayout.ARRAY_COUNT)));
        s.jcc(Condition.AE, HoleRef.exit());
        s.registers(() -> s.asm().mov(RAX, A));
        s.asm().shl(RAX, 4).add(RAX, Mem.of(HEADER, FrameLayout.ARRAYS));
    }

    private static void indexCheck(X64StencilBuilder s) {
        s.registers(() -> s.asm().cmp(B, Mem.of(RAX, 8)));
        s.jcc(Condition.AE, HoleRef.exit());
        s.asm().mov(RAX, Mem.of(RAX));
    }

    @Override
    public Stencil arrayLoad() {
        return cache.get(StencilCache.Form.ARRAY_LOAD, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            arrayEntry(s);
            indexCheck(s);
            s.registers(() -> s.asm().mov(D, Mem.of(RAX, B, 8, 0)));
            return next(s, "ALOAD");
        });
    }

    @Override
    public Stencil arrayStore() {
        return cache.get(StencilCache.Form.ARRAY_STORE, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            arrayEntry(s);
            indexCheck(s);
            s.registers(() -> s.asm().mov(Mem.of(RAX, B, 8, 0), D));
            return next(s, "ASTORE");
        });
    }

    @Override
    public Stencil arrayLength() {
        return cache.get(StencilCache.Form.ARRAY_LENGTH, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            arrayEntry(s);
            s.registers(() -> s.asm().mov(D, Mem.of(RAX, 8)));
            return next(s, "ALEN");
        });
    }

    @Override
    public Stencil arrayEntry() {
        return cache.get(StencilCache.Form.ARRAY_ENTRY, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            Label done = s.asm().newLabel("done");
            s.immediate32(X64HoleKind.ABS32S, HoleRef.operand(), true, -IMM32_PLACEHOLDER,
                    () -> s.asm().mov(B, (long) -IMM32_PLACEHOLDER)); // patched to 0
            s.registers(() -> s.asm().cmp(A, Mem.of(HEADER, FrameLayout.ARRAY_COUNT)));
            s.asm().jccShort(Condition.AE, done);
            s.registers(() -> s.asm().mov(RAX, A));
            s.asm().shl(RAX, 4).add(RAX, Mem.of(HEADER, FrameLayout.ARRAYS));
            s.registers(() -> s.asm().mov(D, Mem.of(RAX)));
            s.registers(() -> s.asm().mov(B, Mem.of(RAX, 8)));
            s.asm().bind(done);
            return next(s, "array entry");
        });
    }

    /** Exits unless index B is below length C of a hoisted array. */
    private static void hoistedIndexCheck(X64StencilBuilder s) {
        s.registers(() -> s.asm().cmp(B, X64StencilBuilder.C));
        s.jcc(Condition.AE, HoleRef.exit());
    }

    @Override
    public Stencil arrayLoadHoisted() {
        return cache.get(StencilCache.Form.ARRAY_LOAD_HOISTED, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            hoistedIndexCheck(s);
            s.registers(() -> s.asm().mov(D, Mem.of(A, B, 8, 0)));
            return next(s, "ALOAD (hoisted)");
        });
    }

    @Override
    public Stencil arrayStoreHoisted() {
        return cache.get(StencilCache.Form.ARRAY_STORE_HOISTED, 0, 0, () -> {
            X64StencilBuilder s = new X64StencilBuilder();
            hoistedIndexCheck(s);
            s.registers(() -> s.asm().mov(Mem.of(A, B, 8, 0), D));
            return next(s, "ASTORE (hoisted)");
        });
    }

    private static Condition condition(Uop op) {
        return X64UopStencils.comparison(op);
    }
}
