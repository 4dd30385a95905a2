package dev.stitch.a64;

import dev.stitch.a64.ControlInstructions.BarrierOption;
import dev.stitch.a64.ControlInstructions.BtiTarget;
import dev.stitch.a64.ControlInstructions.DataCacheOperation;
import dev.stitch.a64.ControlInstructions.Hint;
import dev.stitch.a64.ControlInstructions.InstructionCacheOperation;
import dev.stitch.a64.ControlInstructions.PstateField;
import dev.stitch.a64.ControlInstructions.SystemRegister;

import java.util.Locale;

/**
 * The text syntax of the branch, exception generation and system group, as {@code llvm-mc}
 * accepts it: branches to a label or to {@code #offset}; {@code b.cond} with every condition
 * name including {@code cs}/{@code cc}, also written without the dot ({@code beq}); {@code ret}
 * with or without a register; {@code hint #n} and the named hints ({@code yield},
 * {@code paciasp}...); {@code bti} with {@code c}, {@code j}, {@code jc} or nothing; barriers with
 * an option name or {@code #n}; {@code dc}/{@code ic}; {@code mrs}/{@code msr} with a named or
 * generic ({@code s3_3_c4_c2_0}) system register, {@code msr daifset|daifclr|spsel, #imm}; the exception generating instructions.
 */
final class ControlSyntax {
    private ControlSyntax() {}

    private static final String[] CONDITION_NAMES = {
        "eq", "ne", "hs", "cs", "lo", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    static void register(SyntaxTable table) {
        table.add("b", (p, asm) -> {
            p.expectCount(1);
            if (p.isImm(0)) {
                asm.b(p.imm(0));
            } else {
                asm.b(target(p, 0));
            }
        });
        table.add("bl", (p, asm) -> {
            p.expectCount(1);
            if (p.isImm(0)) {
                asm.bl(p.imm(0));
            } else {
                asm.bl(target(p, 0));
            }
        });
        for (String name : CONDITION_NAMES) {
            Condition cond = Condition.fromName(name);
            InstructionSyntax syntax = (p, asm) -> {
                p.expectCount(1);
                if (p.isImm(0)) {
                    asm.b(cond, p.imm(0));
                } else {
                    asm.b(cond, target(p, 0));
                }
            };
            table.add("b." + name, syntax);
            table.add("b" + name, syntax);
        }
        table.add("cbz", (p, asm) -> compareAndBranch(p, asm, false));
        table.add("cbnz", (p, asm) -> compareAndBranch(p, asm, true));
        table.add("tbz", (p, asm) -> testAndBranch(p, asm, false));
        table.add("tbnz", (p, asm) -> testAndBranch(p, asm, true));
        table.add("br", (p, asm) -> {
            p.expectCount(1);
            asm.br(p.gp(0));
        });
        table.add("blr", (p, asm) -> {
            p.expectCount(1);
            asm.blr(p.gp(0));
        });
        table.add("ret", (p, asm) -> {
            p.expectCount(0, 1);
            if (p.count() == 0) {
                asm.ret();
            } else {
                asm.ret(p.gp(0));
            }
        });

        table.add("hint", (p, asm) -> {
            p.expectCount(1);
            asm.hint(p.intImm(0));
        });
        for (Hint hint : Hint.values()) {
            table.add(hint.text(), (p, asm) -> {
                p.expectCount(0);
                asm.hint(hint);
            });
        }
        table.add("bti", (p, asm) -> {
            p.expectCount(0, 1);
            if (p.count() == 0) {
                asm.bti();
                return;
            }
            String name = p.isIdent(0) ? p.ident(0).toLowerCase(Locale.ROOT) : "";
            for (BtiTarget target : BtiTarget.values()) {
                if (target != BtiTarget.NONE && target.text().equals(name)) {
                    asm.bti(target);
                    return;
                }
            }
            throw p.expected(0, "a bti target: c, j or jc");
        });

        table.add("dmb", (p, asm) -> {
            p.expectCount(1);
            if (p.isImm(0)) {
                asm.dmb(p.intImm(0));
            } else {
                asm.dmb(barrierOption(p, 0));
            }
        });
        table.add("dsb", (p, asm) -> {
            p.expectCount(1);
            if (p.isImm(0)) {
                asm.dsb(p.intImm(0));
            } else {
                asm.dsb(barrierOption(p, 0));
            }
        });
        table.add("isb", (p, asm) -> {
            p.expectCount(0, 1);
            if (p.count() == 0) {
                asm.isb();
            } else if (p.isImm(0)) {
                asm.isb(p.intImm(0));
            } else if (p.isIdent(0) && p.ident(0).equalsIgnoreCase("sy")) {
                asm.isb();
            } else {
                throw p.expected(0, "'sy' or an option #0..#15");
            }
        });
        table.add("clrex", (p, asm) -> {
            p.expectCount(0, 1);
            if (p.count() == 0) {
                asm.clrex();
            } else {
                asm.clrex(p.intImm(0));
            }
        });
        table.add("ssbb", (p, asm) -> {
            p.expectCount(0);
            asm.ssbb();
        });
        table.add("pssbb", (p, asm) -> {
            p.expectCount(0);
            asm.pssbb();
        });

        table.add("dc", (p, asm) -> {
            p.expectCount(2);
            DataCacheOperation op = null;
            String name = p.isIdent(0) ? p.ident(0).toLowerCase(Locale.ROOT) : "";
            for (DataCacheOperation candidate : DataCacheOperation.values()) {
                if (candidate.text().equals(name)) {
                    op = candidate;
                }
            }
            if (op == null) {
                throw p.expected(0, "a dc operation: zva, ivac, cvac, cvau or civac");
            }
            asm.dc(op, p.gp(1));
        });
        table.add("ic", (p, asm) -> {
            p.expectCount(1, 2);
            InstructionCacheOperation op = null;
            String name = p.isIdent(0) ? p.ident(0).toLowerCase(Locale.ROOT) : "";
            for (InstructionCacheOperation candidate : InstructionCacheOperation.values()) {
                if (candidate.text().equals(name)) {
                    op = candidate;
                }
            }
            if (op == null) {
                throw p.expected(0, "an ic operation: ivau, iallu or ialluis");
            }
            if (p.count() == 2) {
                asm.ic(op, p.gp(1));
            } else {
                asm.ic(op);
            }
        });

        table.add("mrs", (p, asm) -> {
            p.expectCount(2);
            GpRegister xt = p.gp(0);
            asm.mrs(xt, systemRegister(p, 1));
        });
        table.add("msr", (p, asm) -> {
            p.expectCount(2);
            if (p.isImm(1) && p.isIdent(0)) {
                for (PstateField field : PstateField.values()) {
                    if (field.text().equalsIgnoreCase(p.ident(0))) {
                        asm.msr(field, p.intImm(1));
                        return;
                    }
                }
                throw p.expected(0, "a PSTATE field for an immediate: daifset, daifclr or spsel");
            }
            SystemRegister register = systemRegister(p, 0);
            asm.msr(register, p.gp(1));
        });

        table.add("svc", (p, asm) -> {
            p.expectCount(1);
            asm.svc(p.intImm(0));
        });
        table.add("hvc", (p, asm) -> {
            p.expectCount(1);
            asm.hvc(p.intImm(0));
        });
        table.add("brk", (p, asm) -> {
            p.expectCount(1);
            asm.brk(p.intImm(0));
        });
        table.add("hlt", (p, asm) -> {
            p.expectCount(1);
            asm.hlt(p.intImm(0));
        });
        table.add("dcps1", (p, asm) -> {
            p.expectCount(0, 1);
            asm.dcps1(p.count() == 0 ? 0 : p.intImm(0));
        });
        table.add("dcps2", (p, asm) -> {
            p.expectCount(0, 1);
            asm.dcps2(p.count() == 0 ? 0 : p.intImm(0));
        });
        table.add("udf", (p, asm) -> {
            p.expectCount(1);
            asm.udf(p.intImm(0));
        });
    }

    /** A label operand: a name (not a register, not a number). */
    private static Label target(ParsedInstruction p, int index) {
        if (!p.isIdent(index)) {
            throw p.expected(index, "a label or an offset such as #8");
        }
        return p.label(index);
    }

    private static void compareAndBranch(ParsedInstruction p, A64Assembler asm, boolean nonZero) {
        p.expectCount(2);
        GpRegister rt = p.gp(0);
        if (p.isImm(1)) {
            if (nonZero) {
                asm.cbnz(rt, p.imm(1));
            } else {
                asm.cbz(rt, p.imm(1));
            }
        } else {
            Label target = target(p, 1);
            if (nonZero) {
                asm.cbnz(rt, target);
            } else {
                asm.cbz(rt, target);
            }
        }
    }

    private static void testAndBranch(ParsedInstruction p, A64Assembler asm, boolean nonZero) {
        p.expectCount(3);
        GpRegister rt = p.gp(0);
        int bit = p.intImm(1);
        if (p.isImm(2)) {
            if (nonZero) {
                asm.tbnz(rt, bit, p.imm(2));
            } else {
                asm.tbz(rt, bit, p.imm(2));
            }
        } else {
            Label target = target(p, 2);
            if (nonZero) {
                asm.tbnz(rt, bit, target);
            } else {
                asm.tbz(rt, bit, target);
            }
        }
    }

    private static BarrierOption barrierOption(ParsedInstruction p, int index) {
        if (p.isIdent(index)) {
            String name = p.ident(index).toLowerCase(Locale.ROOT);
            for (BarrierOption option : BarrierOption.values()) {
                if (option.text().equals(name)) {
                    return option;
                }
            }
        }
        throw p.expected(index, "a barrier option (sy, st, ld, ish, ishst, ishld, nsh, nshst, nshld, osh, oshst,"
                + " oshld) or #0..#15");
    }

    private static SystemRegister systemRegister(ParsedInstruction p, int index) {
        SystemRegister register = null;
        if (p.isIdent(index)) {
            try {
                register = SystemRegister.named(p.ident(index));
            } catch (A64EncodingException e) {
                throw p.error(index, p.mnemonic() + ": " + e.getMessage());
            }
        }
        if (register == null) {
            StringBuilder names = new StringBuilder();
            for (SystemRegister r : SystemRegister.NAMED) {
                names.append(r.name().toLowerCase(Locale.ROOT)).append(", ");
            }
            throw p.expected(index, "a system register (" + names + "or s<op0>_<op1>_c<n>_c<m>_<op2>)");
        }
        return register;
    }
}
