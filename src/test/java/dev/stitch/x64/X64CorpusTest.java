package dev.stitch.x64;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.stitch.x64.X64Corpus.prefix;
import static dev.stitch.x64.X64Corpus.text;

/**
 * Generated corpora of every {@link X64Assembler} instruction form, each line checked against
 * llvm-mc in one batch per corpus by {@link X64Corpus#check()}, through the text assembler and
 * through the API: all 16 registers at every width, every addressing mode (each register as base
 * and index, the rsp/r12 and rbp/r13 special cases, displacements at the 8/32-bit edges, every
 * scale, RIP-relative, absolute, forced 32-bit displacements), every condition, and immediates at
 * the imm8/imm16/imm32 edges.
 */
class X64CorpusTest {
    private static final int[] WIDTHS = {8, 16, 32, 64};

    static Register r(int number, int bits) {
        return Registers.of(number, bits);
    }

    /** Displacements at the edges of the no-disp / disp8 / disp32 choices. */
    private static final int[] DISPS = {0, 1, -1, 127, -128, 128, -129, 0x7fffffff, Integer.MIN_VALUE, 0x1234};

    /** Every addressing-mode class, without a size. */
    static List<Mem> addressingModes() {
        List<Mem> modes = new ArrayList<>();
        for (int b = 0; b < 16; b++) {
            for (int disp : DISPS) {
                modes.add(Mem.of(r(b, 64), disp));
            }
            modes.add(Mem.of(r(b, 64), 0).withDisp32());
            modes.add(Mem.of(r(b, 64), -3).withDisp32());
        }
        int[] scales = {1, 2, 4, 8};
        int k = 0;
        for (int b = 0; b < 16; b++) {
            for (int i = 0; i < 16; i++) {
                if (i == 4) {
                    continue;
                }
                k++;
                modes.add(Mem.of(r(b, 64), r(i, 64), scales[k % 4], DISPS[k % DISPS.length]));
            }
        }
        for (int scale : scales) {
            modes.add(Mem.of(Registers.RBP, Registers.R13, scale, 0));
            modes.add(Mem.of(Registers.R13, Registers.RBP, scale, 0));
            modes.add(Mem.of(Registers.RSP, Registers.R12, scale, 0));
            modes.add(Mem.of(Registers.R12, Registers.RBP, scale, 0));
            modes.add(Mem.of(Registers.RAX, Registers.RCX, scale, 0).withDisp32());
        }
        for (int i = 0; i < 16; i++) {
            if (i == 4) {
                continue;
            }
            for (int scale : scales) {
                modes.add(new Mem(null, r(i, 64), scale, DISPS[(i + scale) % DISPS.length], 0, false, null, false));
            }
        }
        for (int disp : DISPS) {
            modes.add(Mem.rip(disp));
            modes.add(Mem.absolute(disp));
        }
        modes.add(Mem.rip(0).withDisp32());
        modes.add(Mem.absolute(0).withDisp32());
        return modes;
    }

    /** A small sample of the modes, for instructions that are checked with every register instead. */
    static List<Mem> someModes() {
        return List.of(Mem.of(Registers.RAX, 0), Mem.of(Registers.RSP, 8), Mem.of(Registers.RBP, 0),
                Mem.of(Registers.R12, -128), Mem.of(Registers.R13, 128), Mem.of(Registers.R15, Registers.R9, 8, 16),
                Mem.of(Registers.RBX, Registers.RCX, 4, -0x1000), Mem.rip(0x40), Mem.absolute(0x1000),
                Mem.of(Registers.RDI, 0).withDisp32(), Mem.of(Registers.R11, Registers.RBP, 2, 0x7fffffff));
    }

    /**
     * Immediates at the edges of imm8 and of each operand width, valid for {@code bits}: -128..255
     * for 8, -32768..65535 for 16, -2^31..2^32-1 for 32 (LLVM 14 silently truncates wider values;
     * Stitch rejects them, see {@link X64ErrorsTest}).
     */
    static List<Long> immediates(int bits) {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 127L, -128L, 128L, 255L));
        if (bits >= 16) {
            values.addAll(List.of(-129L, 256L, 1000L, 32767L, -32768L, 65535L));
        }
        if (bits >= 32) {
            values.addAll(List.of(-32769L, 65536L, -65536L, 0x7fffffffL, (long) Integer.MIN_VALUE, 0x12345678L));
        }
        if (bits == 32) {
            values.addAll(List.of(0xffffffffL, 0x80000000L, 0xffffff80L, 0xffffff7fL));
        }
        if (bits == 16) {
            values.addAll(List.of(0xff80L, 0xff7fL));
        }
        return values;
    }

    private static String sized(int bits, Mem m) {
        return text(m.withSize(bits / 8));
    }

    @Test
    void movRegisterRegisterAtEveryWidth() {
        X64Corpus c = new X64Corpus();
        for (int bits : WIDTHS) {
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    Register dst = r(d, bits), src = r(s, bits);
                    c.add("mov " + dst + ", " + src, a -> a.mov(dst, src));
                }
            }
        }
        c.check();
    }

    @Test
    void movWithEveryAddressingMode() {
        X64Corpus c = new X64Corpus();
        Register[] regs = {Registers.RAX, Registers.R9, Registers.ESP, Registers.R13W, Registers.SIL, Registers.R12B};
        for (Mem m : addressingModes()) {
            for (Register reg : regs) {
                c.add(prefix(m) + "mov " + reg + ", " + text(m), a -> a.mov(reg, m));
                c.add(prefix(m) + "mov " + text(m) + ", " + reg, a -> a.mov(m, reg));
            }
            Mem q = m.qword();
            c.add(prefix(m) + "mov " + text(q) + ", " + "-5", a -> a.mov(q, -5));
            c.add(prefix(m) + "lea r10, " + text(m), a -> a.lea(Registers.R10, m));
        }
        for (int bits : WIDTHS) {
            for (Mem m : someModes()) {
                Mem sized = m.withSize(bits / 8);
                c.add(prefix(m) + "mov " + text(sized) + ", 7", a -> a.mov(sized, 7));
                c.add(prefix(m) + "mov " + r(3, bits) + ", " + text(sized), a -> a.mov(r(3, bits), sized));
            }
        }
        c.check();
    }

    /** Every base (and none) with every index (and none), every scale, displacements at the disp8 edges. */
    @Test
    void everyBaseIndexScaleAndDisplacement() {
        X64Corpus c = new X64Corpus();
        int[] disps = {0, 127, -128, 128, -129};
        for (int b = -1; b < 16; b++) {
            for (int i = -1; i < 16; i++) {
                if (i == 4) {
                    continue;
                }
                for (int scale : i < 0 ? new int[] {1} : new int[] {1, 2, 4, 8}) {
                    for (int disp : disps) {
                        for (boolean force : new boolean[] {false, true}) {
                            if (force && disp != 0) {
                                continue;
                            }
                            Mem m = new Mem(b < 0 ? null : r(b, 64), i < 0 ? null : r(i, 64), scale, disp, 0, false,
                                    null, force);
                            Register reg = r((b + i + 17 + scale) & 15, 64);
                            c.add(prefix(m) + "mov " + reg + ", " + text(m), a -> a.mov(reg, m));
                        }
                    }
                }
            }
        }
        c.check();
    }

    @Test
    void movImmediates() {
        X64Corpus c = new X64Corpus();
        for (int bits : WIDTHS) {
            List<Long> values = new ArrayList<>(immediates(bits));
            if (bits == 64) {
                values.addAll(List.of(0x80000000L, 0xffffffffL, 0x100000000L, -0x80000001L, Long.MAX_VALUE,
                        Long.MIN_VALUE, 0x123456789abcdefL));
            }
            for (int n = 0; n < 16; n++) {
                Register dst = r(n, bits);
                for (long v : values) {
                    c.add("mov " + dst + ", " + v, a -> a.mov(dst, v));
                }
            }
            for (Mem m : someModes()) {
                Mem sized = m.withSize(bits / 8);
                for (long v : immediates(bits == 64 ? 32 : bits)) {
                    if (bits == 64 && v > Integer.MAX_VALUE) {
                        continue;
                    }
                    c.add(prefix(m) + "mov " + text(sized) + ", " + v, a -> a.mov(sized, (int) v));
                }
            }
        }
        for (int n = 0; n < 16; n++) {
            Register dst = r(n, 64);
            for (long v : new long[] {0, -1, 5, Long.MIN_VALUE, 0x8000000000000000L >>> 1}) {
                c.add("movabs " + dst + ", " + v, a -> a.movabs(dst, v));
            }
        }
        c.check();
    }

    @Test
    void movzxMovsxMovsxdLea() {
        X64Corpus c = new X64Corpus();
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                for (int[] pair : new int[][] {{16, 8}, {32, 8}, {64, 8}, {32, 16}, {64, 16}}) {
                    Register dst = r(d, pair[0]), src = r(s, pair[1]);
                    c.add("movzx " + dst + ", " + src, a -> a.movzx(dst, src));
                    c.add("movsx " + dst + ", " + src, a -> a.movsx(dst, src));
                }
                Register d64 = r(d, 64), s32 = r(s, 32);
                c.add("movsxd " + d64 + ", " + s32, a -> a.movsxd(d64, s32));
            }
        }
        for (Mem m : addressingModes()) {
            Mem b = m.byteSize(), w = m.word(), dw = m.dword();
            c.add(prefix(m) + "movzx eax, " + text(b), a -> a.movzx(Registers.EAX, b));
            c.add(prefix(m) + "movzx r11, " + text(w), a -> a.movzx(Registers.R11, w));
            c.add(prefix(m) + "movsx r9d, " + text(b), a -> a.movsx(Registers.R9D, b));
            c.add(prefix(m) + "movsx rsi, " + text(w), a -> a.movsx(Registers.RSI, w));
            c.add(prefix(m) + "movsxd r8, " + text(dw), a -> a.movsxd(Registers.R8, dw));
            c.add(prefix(m) + "lea ecx, " + text(m), a -> a.lea(Registers.ECX, m));
        }
        for (Mem m : someModes()) {
            for (int bits : new int[] {16, 32, 64}) {
                Mem b = m.byteSize();
                c.add(prefix(m) + "movzx " + r(14, bits) + ", " + text(b), a -> a.movzx(r(14, bits), b));
                c.add(prefix(m) + "lea " + r(5, bits) + ", " + text(m), a -> a.lea(r(5, bits), m));
            }
        }
        c.check();
    }

    private interface AluRR { void emit(X64Assembler a, Register x, Register y); }
    private interface AluRM { void emit(X64Assembler a, Register x, Mem y); }
    private interface AluMR { void emit(X64Assembler a, Mem x, Register y); }
    private interface AluRI { void emit(X64Assembler a, Register x, int i); }
    private interface AluMI { void emit(X64Assembler a, Mem x, int i); }

    private record Alu(String name, AluRR rr, AluRM rm, AluMR mr, AluRI ri, AluMI mi) {}

    static final List<Alu> ALU = List.of(
            new Alu("add", X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add),
            new Alu("or", X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or),
            new Alu("adc", X64Assembler::adc, X64Assembler::adc, X64Assembler::adc, X64Assembler::adc, X64Assembler::adc),
            new Alu("sbb", X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb),
            new Alu("and", X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and),
            new Alu("sub", X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub),
            new Alu("xor", X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor),
            new Alu("cmp", X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp));

    @Test
    void aluRegisterForms() {
        X64Corpus c = new X64Corpus();
        for (Alu op : ALU) {
            for (int bits : WIDTHS) {
                for (int d = 0; d < 16; d++) {
                    for (int s = 0; s < 16; s += (d % 3) + 1) {
                        Register x = r(d, bits), y = r(s, bits);
                        c.add(op.name() + " " + x + ", " + y, a -> op.rr().emit(a, x, y));
                    }
                }
            }
        }
        c.check();
    }

    @Test
    void aluImmediates() {
        X64Corpus c = new X64Corpus();
        for (Alu op : ALU) {
            for (int bits : WIDTHS) {
                for (int n : new int[] {0, 1, 3, 4, 5, 7, 8, 12, 15}) {
                    Register x = r(n, bits);
                    for (long v : immediates(bits == 64 ? 32 : bits)) {
                        if (bits == 64 && v > Integer.MAX_VALUE) {
                            continue;
                        }
                        c.add(op.name() + " " + x + ", " + v, a -> op.ri().emit(a, x, (int) v));
                    }
                }
                for (Mem m : someModes()) {
                    Mem sized = m.withSize(bits / 8);
                    for (long v : new long[] {1, -1, 127, -128, 128, bits == 8 ? 255 : 1000, bits == 8 ? -100 : -129}) {
                        c.add(prefix(m) + op.name() + " " + text(sized) + ", " + v, a -> op.mi().emit(a, sized, (int) v));
                    }
                }
            }
        }
        c.check();
    }

    @Test
    void aluMemoryForms() {
        X64Corpus c = new X64Corpus();
        for (Alu op : ALU) {
            for (Mem m : addressingModes()) {
                if (m.disp() % 3 != 0 && m.base() != null && m.index() != null) {
                    continue; // keep the batch moderate: a third of the base+index modes
                }
                c.add(prefix(m) + op.name() + " r14, " + text(m), a -> op.rm().emit(a, Registers.R14, m));
                c.add(prefix(m) + op.name() + " " + text(m) + ", edx", a -> op.mr().emit(a, m, Registers.EDX));
            }
            for (int bits : WIDTHS) {
                for (int n = 0; n < 16; n++) {
                    Register x = r(n, bits);
                    Mem m = someModes().get(n % someModes().size());
                    c.add(prefix(m) + op.name() + " " + x + ", " + text(m), a -> op.rm().emit(a, x, m));
                    c.add(prefix(m) + op.name() + " " + sized(bits, m) + ", " + x, a -> op.mr().emit(a, m.withSize(bits / 8), x));
                }
            }
        }
        c.check();
    }

    @Test
    void test() {
        X64Corpus c = new X64Corpus();
        for (int bits : WIDTHS) {
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    Register x = r(d, bits), y = r(s, bits);
                    c.add("test " + x + ", " + y, a -> a.test(x, y));
                }
                Register x = r(d, bits);
                for (long v : immediates(bits == 64 ? 32 : bits)) {
                    if (bits == 64 && v > Integer.MAX_VALUE) {
                        continue;
                    }
                    c.add("test " + x + ", " + v, a -> a.test(x, (int) v));
                }
            }
            for (Mem m : someModes()) {
                Mem sized = m.withSize(bits / 8);
                Register y = r(9, bits);
                c.add(prefix(m) + "test " + text(sized) + ", " + y, a -> a.test(sized, y));
                c.add(prefix(m) + "test " + text(m) + ", " + y, a -> a.test(m, y));
                for (long v : new long[] {1, -1, 127, 128, bits == 8 ? 255 : -129}) {
                    c.add(prefix(m) + "test " + text(sized) + ", " + v, a -> a.test(sized, (int) v));
                }
            }
        }
        c.check();
    }

    @Test
    void multiplyDivideAndUnary() {
        X64Corpus c = new X64Corpus();
        for (int bits : new int[] {16, 32, 64}) {
            for (int d = 0; d < 16; d++) {
                for (int s = 0; s < 16; s++) {
                    Register x = r(d, bits), y = r(s, bits);
                    c.add("imul " + x + ", " + y, a -> a.imul(x, y));
                    if ((d + s) % 4 == 0) {
                        for (long v : immediates(bits == 64 ? 32 : bits)) {
                            if (bits == 64 && v > Integer.MAX_VALUE) {
                                continue;
                            }
                            c.add("imul " + x + ", " + y + ", " + v, a -> a.imul(x, y, (int) v));
                        }
                    }
                }
            }
            for (Mem m : someModes()) {
                Register x = r(10, bits);
                Mem sized = m.withSize(bits / 8);
                c.add(prefix(m) + "imul " + x + ", " + text(sized), a -> a.imul(x, sized));
                c.add(prefix(m) + "imul " + x + ", " + text(m) + ", 5", a -> a.imul(x, m, 5));
                c.add(prefix(m) + "imul " + x + ", " + text(m) + ", 300", a -> a.imul(x, m, 300));
                c.add(prefix(m) + "imul " + x + ", " + text(m) + ", -128", a -> a.imul(x, m, -128));
            }
        }
        c.add("cqo", X64Assembler::cqo).add("cdq", X64Assembler::cdq).add("cdqe", X64Assembler::cdqe);
        record Unary(String name, java.util.function.BiConsumer<X64Assembler, Register> reg,
                     java.util.function.BiConsumer<X64Assembler, Mem> mem) {}
        List<Unary> unaries = List.of(new Unary("idiv", X64Assembler::idiv, X64Assembler::idiv),
                new Unary("div", X64Assembler::div, X64Assembler::div),
                new Unary("mul", X64Assembler::mul, X64Assembler::mul),
                new Unary("inc", X64Assembler::inc, X64Assembler::inc),
                new Unary("dec", X64Assembler::dec, X64Assembler::dec),
                new Unary("neg", X64Assembler::neg, X64Assembler::neg),
                new Unary("not", X64Assembler::not, X64Assembler::not));
        for (Unary u : unaries) {
            for (int bits : WIDTHS) {
                for (int n = 0; n < 16; n++) {
                    Register x = r(n, bits);
                    c.add(u.name() + " " + x, a -> u.reg().accept(a, x));
                }
                for (Mem m : someModes()) {
                    Mem sized = m.withSize(bits / 8);
                    c.add(prefix(m) + u.name() + " " + text(sized), a -> u.mem().accept(a, sized));
                }
            }
        }
        c.check();
    }

    private interface ShiftRI { void emit(X64Assembler a, Register x, int count); }
    private interface ShiftRR { void emit(X64Assembler a, Register x, Register cl); }
    private interface ShiftMI { void emit(X64Assembler a, Mem x, int count); }
    private interface ShiftMR { void emit(X64Assembler a, Mem x, Register cl); }

    private record Shift(String name, ShiftRI ri, ShiftRR rr, ShiftMI mi, ShiftMR mr) {}

    @Test
    void shifts() {
        X64Corpus c = new X64Corpus();
        List<Shift> shifts = List.of(
                new Shift("shl", X64Assembler::shl, X64Assembler::shl, X64Assembler::shl, X64Assembler::shl),
                new Shift("shr", X64Assembler::shr, X64Assembler::shr, X64Assembler::shr, X64Assembler::shr),
                new Shift("sar", X64Assembler::sar, X64Assembler::sar, X64Assembler::sar, X64Assembler::sar));
        for (Shift sh : shifts) {
            for (int bits : WIDTHS) {
                for (int n = 0; n < 16; n++) {
                    Register x = r(n, bits);
                    for (int count : new int[] {0, 1, 2, 7, 31, 63, 127, 255}) {
                        c.add(sh.name() + " " + x + ", " + count, a -> sh.ri().emit(a, x, count));
                    }
                    c.add(sh.name() + " " + x + ", cl", a -> sh.rr().emit(a, x, Registers.CL));
                }
                for (Mem m : someModes()) {
                    Mem sized = m.withSize(bits / 8);
                    for (int count : new int[] {1, 3}) {
                        if (count == 1 && m.forceDisp32()) {
                            continue; // llvm-mc 14 drops {disp32} when it rewrites a shift by 1 to D1
                        }
                        c.add(prefix(m) + sh.name() + " " + text(sized) + ", " + count, a -> sh.mi().emit(a, sized, count));
                    }
                    c.add(prefix(m) + sh.name() + " " + text(sized) + ", cl", a -> sh.mr().emit(a, sized, Registers.CL));
                }
            }
        }
        c.check();
    }

    @Test
    void conditions() {
        X64Corpus c = new X64Corpus();
        for (Condition cc : Condition.values()) {
            for (int n = 0; n < 16; n++) {
                Register b = r(n, 8);
                c.add("set" + cc.suffix() + " " + b, a -> a.setcc(cc, b));
                for (int bits : new int[] {16, 32, 64}) {
                    Register x = r(n, bits), y = r(15 - n, bits);
                    c.add("cmov" + cc.suffix() + " " + x + ", " + y, a -> a.cmovcc(cc, x, y));
                }
            }
            for (Mem m : someModes()) {
                Mem b = m.byteSize();
                c.add(prefix(m) + "set" + cc.suffix() + " " + text(b), a -> a.setcc(cc, b));
                c.add(prefix(m) + "cmov" + cc.suffix() + " rdx, " + text(m), a -> a.cmovcc(cc, Registers.RDX, m));
                c.add(prefix(m) + "cmov" + cc.suffix() + " r12d, " + text(m), a -> a.cmovcc(cc, Registers.R12D, m));
            }
        }
        c.check();
    }

    @Test
    void stackAndControl() {
        X64Corpus c = new X64Corpus();
        for (int n = 0; n < 16; n++) {
            Register x = r(n, 64);
            c.add("push " + x, a -> a.push(x));
            c.add("pop " + x, a -> a.pop(x));
            c.add("jmp " + x, a -> a.jmp(x));
            c.add("call " + x, a -> a.call(x));
        }
        for (long v : immediates(32)) {
            if (v <= Integer.MAX_VALUE) {
                c.add("push " + v, a -> a.push((int) v));
            }
        }
        for (Mem m : addressingModes()) {
            if (m.base() == null && m.index() == null && !m.rip()) {
                continue; // llvm-mc reads "jmp qword ptr [disp]" as a direct jump to the address disp
            }
            Mem q = m.qword();
            c.add(prefix(m) + "jmp " + text(q), a -> a.jmp(q));
            c.add(prefix(m) + "call " + text(q), a -> a.call(q));
        }
        c.add("ret", X64Assembler::ret).add("nop", X64Assembler::nop).add("ud2", X64Assembler::ud2)
                .add("int3", X64Assembler::int3);
        c.check();
    }
}
