package dev.stitch.a64;

import dev.stitch.a64.MemoryInstructions.AtomicOp;
import dev.stitch.a64.MemoryInstructions.AtomicWidth;
import dev.stitch.a64.MemoryInstructions.Ordering;

/**
 * The text syntax of the loads and stores, as LLVM accepts it: single registers with
 * {@code [xn{, #imm}]}, {@code [xn, #imm]!}, {@code [xn], #imm}, {@code [xn, xm{, lsl #n}]},
 * {@code [xn, wm, uxtw|sxtw {#n}]}, {@code [xn, xm, sxtx {#n}]}, PC-relative {@code ldr xt, label}
 * and {@code ldr xt, #offset}, literal-pool constants {@code ldr xt, =value} (a {@code movz} when
 * the value is one 16-bit chunk, as LLVM does), pairs, exclusive and ordered accesses, and every
 * LSE atomic with its ordering and size suffixes and its {@code st<op>} alias.
 */
final class MemorySyntax {
    private MemorySyntax() {}

    @FunctionalInterface
    private interface GpForm {
        void apply(A64Assembler asm, GpRegister rt, Address address);
    }

    @FunctionalInterface
    private interface FpForm {
        void apply(A64Assembler asm, FpRegister rt, Address address);
    }

    @FunctionalInterface
    private interface GpBaseForm {
        void apply(A64Assembler asm, GpRegister rt, GpRegister rn);
    }

    @FunctionalInterface
    private interface GpStatusForm {
        void apply(A64Assembler asm, GpRegister ws, GpRegister rt, GpRegister rn);
    }

    static void register(SyntaxTable table) {
        table.add("ldr", MemorySyntax::ldr);
        single(table, "str", A64Assembler::str, A64Assembler::str, false);
        single(table, "ldrb", A64Assembler::ldrb, null, false);
        single(table, "strb", A64Assembler::strb, null, false);
        single(table, "ldrh", A64Assembler::ldrh, null, false);
        single(table, "strh", A64Assembler::strh, null, false);
        single(table, "ldrsb", A64Assembler::ldrsb, null, false);
        single(table, "ldrsh", A64Assembler::ldrsh, null, false);
        table.add("ldrsw", MemorySyntax::ldrsw);

        single(table, "ldur", A64Assembler::ldur, A64Assembler::ldur, true);
        single(table, "stur", A64Assembler::stur, A64Assembler::stur, true);
        single(table, "ldurb", A64Assembler::ldurb, null, true);
        single(table, "sturb", A64Assembler::sturb, null, true);
        single(table, "ldurh", A64Assembler::ldurh, null, true);
        single(table, "sturh", A64Assembler::sturh, null, true);
        single(table, "ldursb", A64Assembler::ldursb, null, true);
        single(table, "ldursh", A64Assembler::ldursh, null, true);
        single(table, "ldursw", A64Assembler::ldursw, null, true);

        table.add("ldp", (p, asm) -> pair(p, asm, true, false));
        table.add("stp", (p, asm) -> pair(p, asm, false, false));
        table.add("ldnp", (p, asm) -> pair(p, asm, true, true));
        table.add("stnp", (p, asm) -> pair(p, asm, false, true));
        table.add("ldpsw", (p, asm) -> {
            p.expectCount(3, 4);
            asm.ldpsw(p.gp(0), p.gp(1), address(p, 2));
        });

        baseOnly(table, "ldxr", A64Assembler::ldxr);
        baseOnly(table, "ldxrb", A64Assembler::ldxrb);
        baseOnly(table, "ldxrh", A64Assembler::ldxrh);
        baseOnly(table, "ldaxr", A64Assembler::ldaxr);
        baseOnly(table, "ldaxrb", A64Assembler::ldaxrb);
        baseOnly(table, "ldaxrh", A64Assembler::ldaxrh);
        baseOnly(table, "ldar", A64Assembler::ldar);
        baseOnly(table, "ldarb", A64Assembler::ldarb);
        baseOnly(table, "ldarh", A64Assembler::ldarh);
        baseOnly(table, "stlr", A64Assembler::stlr);
        baseOnly(table, "stlrb", A64Assembler::stlrb);
        baseOnly(table, "stlrh", A64Assembler::stlrh);
        withStatus(table, "stxr", A64Assembler::stxr);
        withStatus(table, "stxrb", A64Assembler::stxrb);
        withStatus(table, "stxrh", A64Assembler::stxrh);
        withStatus(table, "stlxr", A64Assembler::stlxr);
        withStatus(table, "stlxrb", A64Assembler::stlxrb);
        withStatus(table, "stlxrh", A64Assembler::stlxrh);
        table.add("ldxp", (p, asm) -> {
            p.expectCount(3);
            asm.ldxp(p.gp(0), p.gp(1), exclusiveBase(p, 2));
        });
        table.add("ldaxp", (p, asm) -> {
            p.expectCount(3);
            asm.ldaxp(p.gp(0), p.gp(1), exclusiveBase(p, 2));
        });
        table.add("stxp", (p, asm) -> {
            p.expectCount(4);
            asm.stxp(p.gp(0), p.gp(1), p.gp(2), exclusiveBase(p, 3));
        });
        table.add("stlxp", (p, asm) -> {
            p.expectCount(4);
            asm.stlxp(p.gp(0), p.gp(1), p.gp(2), exclusiveBase(p, 3));
        });

        for (Ordering ordering : Ordering.values()) {
            table.add("casp" + ordering.suffix(), (p, asm) -> {
                p.expectCount(5);
                asm.compareAndSwapPair(ordering, p.gp(0), p.gp(1), p.gp(2), p.gp(3), atomicBase(p, 4));
            });
            for (AtomicWidth width : AtomicWidth.values()) {
                table.add("cas" + ordering.suffix() + width.suffix(), (p, asm) -> {
                    p.expectCount(3);
                    asm.compareAndSwap(ordering, width, p.gp(0), p.gp(1), atomicBase(p, 2));
                });
                for (AtomicOp op : AtomicOp.values()) {
                    table.add(op.mnemonic(ordering, width), (p, asm) -> {
                        p.expectCount(3);
                        asm.atomic(op, ordering, width, p.gp(0), p.gp(1), atomicBase(p, 2));
                    });
                    boolean hasStore = op != AtomicOp.SWP
                            && (ordering == Ordering.RELAXED || ordering == Ordering.RELEASE);
                    if (hasStore) {
                        String name = "st" + op.name().toLowerCase(java.util.Locale.ROOT) + ordering.suffix()
                                + width.suffix();
                        table.add(name, (p, asm) -> {
                            p.expectCount(2);
                            asm.atomicStore(op, ordering, width, p.gp(0), atomicBase(p, 1));
                        });
                    }
                }
            }
        }
    }

    private static void single(SyntaxTable table, String mnemonic, GpForm gp, FpForm fp, boolean unscaled) {
        table.add(mnemonic, (p, asm) -> {
            if (unscaled) {
                p.expectCount(2);
            } else {
                p.expectCount(2, 3);
            }
            Address address = address(p, 1);
            if (fp != null && p.isFp(0)) {
                fp.apply(asm, p.fp(0), address);
            } else if (fp != null && !p.isGp(0)) {
                throw p.expected(0, "a general-purpose or FP/SIMD register");
            } else {
                gp.apply(asm, p.gp(0), address);
            }
        });
    }

    private static void ldr(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        if (p.count() == 2 && !p.isMem(1)) {
            Operand target = p.operand(1);
            if (p.isFp(0)) {
                FpRegister rt = p.fp(0);
                switch (target) {
                    case Operand.Ident i -> asm.ldr(rt, p.label(1));
                    case Operand.Imm i -> asm.ldrPcRelative(rt, i.value());
                    default -> throw p.expected(1, "a memory operand, a label or #offset");
                }
                return;
            }
            GpRegister rt = p.gp(0);
            switch (target) {
                case Operand.Ident i -> asm.ldr(rt, p.label(1));
                case Operand.Imm i -> asm.ldrPcRelative(rt, i.value());
                case Operand.PoolConstant c -> poolLoad(p, asm, rt, c.value());
                default -> throw p.expected(1, "a memory operand, a label, #offset or =constant");
            }
            return;
        }
        Address address = address(p, 1);
        if (p.isFp(0)) {
            asm.ldr(p.fp(0), address);
        } else {
            asm.ldr(p.gp(0), address);
        }
    }

    private static void ldrsw(ParsedInstruction p, A64Assembler asm) {
        p.expectCount(2, 3);
        GpRegister rt = p.gp(0);
        if (p.count() == 2 && p.isIdent(1)) {
            asm.ldrsw(rt, p.label(1));
        } else if (p.count() == 2 && p.isImm(1)) {
            asm.ldrswPcRelative(rt, p.imm(1));
        } else {
            asm.ldrsw(rt, address(p, 1));
        }
    }

    /**
     * {@code ldr xt|wt, =value}: like LLVM, a {@code movz} when the value is a single 16-bit chunk
     * at a shift the register allows (0, 16, 32, 48 for x; 0, 16 for w), else a literal-pool load.
     */
    private static void poolLoad(ParsedInstruction p, A64Assembler asm, GpRegister rt, long value) {
        int code = Check.noSp("ldr", "destination register", rt);
        if (!rt.is64() && (value < Integer.MIN_VALUE || value > 0xffff_ffffL)) {
            throw p.error(1, "ldr: constant " + value + " is too large for 32-bit register " + rt.name()
                    + "; allowed -2147483648..4294967295");
        }
        int chunks = rt.is64() ? 4 : 2;
        for (int hw = 0; hw < chunks; hw++) {
            if ((value & ~(0xffffL << (16 * hw))) == 0) {
                asm.emit(MemoryEncoders.moveWideZero(rt.sf(), hw, (int) (value >>> (16 * hw)), code));
                return;
            }
        }
        asm.ldrLiteral(rt, value);
    }

    private static void pair(ParsedInstruction p, A64Assembler asm, boolean load, boolean noAllocate) {
        p.expectCount(3, 4);
        Address address = address(p, 2);
        if (p.isFp(0)) {
            FpRegister rt1 = p.fp(0);
            FpRegister rt2 = p.fp(1);
            if (noAllocate) {
                if (load) {
                    asm.ldnp(rt1, rt2, address);
                } else {
                    asm.stnp(rt1, rt2, address);
                }
            } else if (load) {
                asm.ldp(rt1, rt2, address);
            } else {
                asm.stp(rt1, rt2, address);
            }
            return;
        }
        GpRegister rt1 = p.gp(0);
        GpRegister rt2 = p.gp(1);
        if (noAllocate) {
            if (load) {
                asm.ldnp(rt1, rt2, address);
            } else {
                asm.stnp(rt1, rt2, address);
            }
        } else if (load) {
            asm.ldp(rt1, rt2, address);
        } else {
            asm.stp(rt1, rt2, address);
        }
    }

    private static void baseOnly(SyntaxTable table, String mnemonic, GpBaseForm form) {
        table.add(mnemonic, (p, asm) -> {
            p.expectCount(2);
            form.apply(asm, p.gp(0), exclusiveBase(p, 1));
        });
    }

    private static void withStatus(SyntaxTable table, String mnemonic, GpStatusForm form) {
        table.add(mnemonic, (p, asm) -> {
            p.expectCount(3);
            form.apply(asm, p.gp(0), p.gp(1), exclusiveBase(p, 2));
        });
    }

    /** {@code [xn]} or {@code [xn, #0]}, as LLVM accepts for exclusive and ordered accesses. */
    private static GpRegister exclusiveBase(ParsedInstruction p, int index) {
        Operand.Mem m = p.mem(index);
        boolean zeroOffset = m.offset() == null || (m.offset() instanceof Operand.Imm i && i.value() == 0);
        if (!zeroOffset || m.modifier() != null || m.writeBack()) {
            throw p.expected(index, "a base register such as [x0] or [x0, #0]");
        }
        return m.base();
    }

    /** {@code [xn]} only, as LLVM accepts for the LSE atomics. */
    private static GpRegister atomicBase(ParsedInstruction p, int index) {
        Operand.Mem m = p.mem(index);
        if (m.offset() != null || m.writeBack()) {
            throw p.expected(index, "a base register such as [x0]");
        }
        return m.base();
    }

    /**
     * The address at operand {@code index}: {@code [xn...]} with an optional post-index immediate
     * as the next operand.
     */
    private static Address address(ParsedInstruction p, int index) {
        Operand.Mem m = p.mem(index);
        if (p.count() == index + 2) {
            if (m.offset() != null || m.writeBack()) {
                throw p.error(index, p.mnemonic() + ": a post-index offset follows a plain base such as [x0]; found '"
                        + m.text() + "'");
            }
            return Address.postIndex(m.base(), p.imm(index + 1));
        }
        if (p.count() != index + 1) {
            throw p.error(index + 1, p.mnemonic() + ": unexpected operand '" + p.operand(index + 1).text() + "'");
        }
        Operand offset = m.offset();
        if (m.writeBack()) {
            if (!(offset instanceof Operand.Imm imm) || m.modifier() != null) {
                throw p.error(index, p.mnemonic() + ": pre-index needs an immediate offset such as [x0, #16]!; found '"
                        + m.text() + "'");
            }
            return Address.preIndex(m.base(), imm.value());
        }
        return switch (offset) {
            case null -> Address.of(m.base());
            case Operand.Imm imm -> {
                if (m.modifier() != null) {
                    throw p.error(index, p.mnemonic() + ": an immediate offset takes no shift or extend; found '"
                            + m.modifier().text() + "'");
                }
                yield Address.of(m.base(), imm.value());
            }
            case Operand.Reg reg when reg.register() instanceof GpRegister gp -> switch (m.modifier()) {
                case null -> Address.index(m.base(), gp);
                case Operand.ShiftOp s -> Address.index(m.base(), gp, s.shift(), s.amount());
                case Operand.ExtendOp e -> e.amount() == null ? Address.index(m.base(), gp, e.extend())
                        : Address.index(m.base(), gp, e.extend(), e.amount());
                default -> throw p.expected(index, "lsl or an extend after the index register");
            };
            default -> throw p.expected(index, "an immediate or a general-purpose index register in the address");
        };
    }
}
