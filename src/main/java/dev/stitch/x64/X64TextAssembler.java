package dev.stitch.x64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Assembles x86-64 assembly text in the Intel syntax {@code llvm-mc} reads after
 * {@code .intel_syntax noprefix}, through the {@link X64Assembler}: one statement per line or
 * several separated by {@code ;}, {@code #} and {@code //} comments, labels {@code name:}, operand
 * sizes as {@code qword ptr}, memory operands as {@code [rbx + rcx*8 + 16]} or
 * {@code [rip + label]}, condition aliases ({@code jz}, {@code setnae}, {@code cmovnle}...), the
 * pseudo-prefix {@code {disp32}} (a 32-bit displacement whatever its value; on a jump, rel32
 * whatever the distance), and the directives {@code .intel_syntax noprefix} and {@code .text}
 * (accepted, nothing to do), {@code .byte}, {@code .short}/{@code .word}/{@code .value} (2 bytes),
 * {@code .long}/{@code .int}, {@code .quad}, {@code .p2align} and {@code .balign} (padding with
 * the NOPs LLVM uses).
 *
 * <p>Unlike the one-pass {@link X64Assembler} API, which makes a jump to a label not yet bound
 * rel32, this assembler relaxes jumps as LLVM does: every {@code jmp}/{@code jcc} to a label starts
 * short (rel8) and is made long (rel32) only when its target is out of reach ({@link JumpRelaxation},
 * in time linear in the program), so a whole program gives the same bytes as
 * {@code llvm-mc -filetype=obj}.
 *
 * <p>Immediates must fit their operand (-128..255 for a byte, -32768..65535 for a word,
 * -2^31..2^32-1 for a dword, a sign-extended 32-bit value for a qword): where llvm-mc 14 silently
 * truncates, say, {@code mov al, -129}, Stitch reports an error.
 *
 * <p>Errors are {@link X64SyntaxException}s with file:line:column, the line and a caret.
 */
public final class X64TextAssembler {
    /**
     * What a statement of the source produced: {@code length} bytes at {@code offset}. A line of
     * labels alone is a statement of length 0, so listings can show where labels are.
     */
    public record Line(long offset, long length, int lineNumber, String source) {}

    /** The assembled bytes and, per statement, where its bytes are. */
    public record Result(byte[] bytes, List<Line> lines) {}

    /** A parsed statement: its labels, then an instruction or directive (mnemonic null for labels alone). */
    private record Statement(int line, int column, String sourceLine, String text, List<String> labels,
                             String mnemonic, List<X64Operand> operands, boolean disp32) {}

    /** A short jump emitted in a pass: whether it reached its label is checked after the pass. */
    private record ShortJump(int statement, long end, String label, int longSize) {}

    private final String file;
    private final List<Statement> statements = new ArrayList<>();
    private final Set<String> defined = new HashSet<>();
    private final Map<String, Statement> firstUse = new LinkedHashMap<>();
    private final Map<String, Integer> firstUseColumn = new HashMap<>();

    // State of the current layout pass.
    private X64Assembler asm;
    private Map<String, Label> labels;
    private Set<Integer> longJumps;
    private List<ShortJump> shortJumps;
    /** The statements of the pass that pad to an alignment, and to how many bytes. */
    private Map<Integer, Integer> alignments;
    private int currentIndex;

    private X64TextAssembler(String file) {
        this.file = file;
    }

    /**
     * Assembles {@code source}, named {@code fileName} in messages.
     *
     * @throws X64SyntaxException for anything that cannot be assembled
     */
    public static Result assemble(String source, String fileName) {
        X64TextAssembler parser = new X64TextAssembler(fileName);
        String[] sourceLines = source.split("\r?\n", -1);
        try {
            for (int i = 0; i < sourceLines.length; i++) {
                parser.line(i + 1, sourceLines[i]);
            }
            return parser.layout();
        } catch (X64SyntaxException e) {
            throw e.withForeignSyntaxHint();
        }
    }

    // ---------------------------------------------------------------- parsing

    private void line(int number, String line) {
        int end = line.length();
        int hash = line.indexOf('#');
        if (hash >= 0) {
            end = hash;
        }
        int slashes = line.indexOf("//");
        if (slashes >= 0 && slashes < end) {
            end = slashes;
        }
        String code = line.substring(0, end);
        int start = 0;
        for (int i = 0; i <= code.length(); i++) {
            if (i == code.length() || code.charAt(i) == ';') {
                statement(number, line, code.substring(start, i), start);
                start = i + 1;
            }
        }
    }

    private X64SyntaxException error(int line, int column, String sourceLine, String message) {
        return new X64SyntaxException(file, line, column, sourceLine, message, null);
    }

    private void statement(int number, String line, String text, int offsetInLine) {
        if (text.isBlank()) {
            return;
        }
        List<String> labelNames = new ArrayList<>();
        int at = 0;
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            int colon = labelEnd(text, at);
            if (colon < 0) {
                break;
            }
            String name = text.substring(at, colon);
            if (Registers.byName(name) != null) {
                throw error(number, offsetInLine + at + 1, line, "'" + name + "' is a register and cannot be a label");
            }
            if (!defined.add(name)) {
                throw error(number, offsetInLine + at + 1, line, "label '" + name + "' is already defined");
            }
            labelNames.add(name);
            at = colon + 1;
        }
        boolean disp32 = false;
        if (text.startsWith("{", at)) {
            int close = text.indexOf('}', at);
            String prefix = close < 0 ? text.substring(at) : text.substring(at, close + 1);
            if (!prefix.equalsIgnoreCase("{disp32}")) {
                throw error(number, offsetInLine + at + 1, line, "unknown pseudo-prefix '" + prefix + "'; allowed: {disp32}");
            }
            disp32 = true;
            at = close + 1;
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
        if (at >= text.length()) {
            if (disp32) {
                throw error(number, offsetInLine + at + 1, line, "{disp32} must be followed by an instruction");
            }
            statements.add(new Statement(number, offsetInLine + at + 1, line, text.strip(), labelNames, null,
                    List.of(), false));
            return;
        }
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String mnemonic = text.substring(at, end).toLowerCase(Locale.ROOT);
        List<X64Operand> operands;
        try {
            operands = X64OperandParser.parse(text.substring(end), offsetInLine + end + 1);
        } catch (X64OperandParser.BadOperand e) {
            throw error(number, e.column, line, e.getMessage());
        }
        Statement s = new Statement(number, offsetInLine + at + 1, line, text.strip(), labelNames, mnemonic,
                operands, disp32);
        for (X64Operand op : mnemonic.startsWith(".") ? List.<X64Operand>of() : operands) {
            String used = op instanceof X64Operand.Symbol sym ? sym.name()
                    : op instanceof X64Operand.Memory m ? m.label() : null;
            if (used != null && !firstUse.containsKey(used)) {
                firstUse.put(used, s);
                firstUseColumn.put(used, op.column());
            }
        }
        statements.add(s);
    }

    /** The index of the ':' ending a label at {@code at}, or -1. */
    private static int labelEnd(String text, int at) {
        int i = at;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.$".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return i > at && i < text.length() && text.charAt(i) == ':' ? i : -1;
    }

    // ---------------------------------------------------------------- layout passes

    private Result layout() {
        for (Map.Entry<String, Statement> use : firstUse.entrySet()) {
            if (!defined.contains(use.getKey())) {
                Statement s = use.getValue();
                throw error(s.line(), firstUseColumn.get(use.getKey()), s.sourceLine(),
                        "label '" + use.getKey() + "' is used but never defined");
            }
        }
        longJumps = new HashSet<>();
        List<Line> allShort = pass();
        longJumps = JumpRelaxation.longJumps(model(allShort));
        while (true) {
            // The model's answer, checked by the real layout; were they ever to differ, the jumps
            // found out of reach are made long and the layout redone.
            List<Line> lines = pass();
            boolean grew = false;
            for (ShortJump j : shortJumps) {
                long rel = labels.get(j.label()).offset() - j.end();
                if (rel < -128 || rel > 127) {
                    longJumps.add(j.statement());
                    grew = true;
                }
            }
            if (!grew) {
                return new Result(asm.finish(), List.copyOf(lines));
            }
        }
    }

    /** The layout of a pass with every relaxable jump short, as sizes for {@link JumpRelaxation}. */
    private List<JumpRelaxation.Item> model(List<Line> lines) {
        Map<String, Integer> labelStatement = new HashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            for (String name : statements.get(i).labels()) {
                labelStatement.put(name, i);
            }
        }
        Map<Integer, ShortJump> jumps = new HashMap<>();
        for (ShortJump j : shortJumps) {
            jumps.put(j.statement(), j);
        }
        List<JumpRelaxation.Item> items = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ShortJump jump = jumps.get(i);
            Integer align = alignments.get(i);
            items.add(jump != null ? JumpRelaxation.Item.jump(labelStatement.get(jump.label()), jump.longSize())
                    : align != null ? JumpRelaxation.Item.alignment(align)
                    : JumpRelaxation.Item.fixed(lines.get(i).length()));
        }
        return items;
    }

    private List<Line> pass() {
        asm = new X64Assembler(false);
        labels = new HashMap<>();
        shortJumps = new ArrayList<>();
        alignments = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (currentIndex = 0; currentIndex < statements.size(); currentIndex++) {
            Statement s = statements.get(currentIndex);
            for (String name : s.labels()) {
                asm.bind(label(name));
            }
            if (s.mnemonic() == null) {
                lines.add(new Line(asm.position(), 0, s.line(), s.text()));
                continue;
            }
            long before = asm.position();
            try {
                if (s.mnemonic().startsWith(".")) {
                    directive(s);
                } else {
                    instruction(s);
                }
            } catch (X64EncodingException e) {
                throw error(s.line(), s.column(), s.sourceLine(), e.getMessage());
            }
            lines.add(new Line(before, asm.position() - before, s.line(), s.text()));
        }
        return lines;
    }

    private Label label(String name) {
        return labels.computeIfAbsent(name, n -> asm.newLabel(n));
    }

    // ---------------------------------------------------------------- directives

    private void directive(Statement s) {
        switch (s.mnemonic()) {
            case ".intel_syntax" -> {
                if (s.operands().size() > 1 || (s.operands().size() == 1
                        && !(s.operands().get(0) instanceof X64Operand.Symbol sym && sym.name().equalsIgnoreCase("noprefix")))) {
                    throw operandError(s, s.operands().get(0), ".intel_syntax takes only 'noprefix'");
                }
            }
            case ".text" -> expectCount(s, 0);
            case ".byte" -> data(s, 1, -128, 255);
            case ".short", ".word", ".value" -> data(s, 2, -32768, 65535);
            case ".long", ".int" -> data(s, 4, Integer.MIN_VALUE, 0xffff_ffffL);
            case ".quad" -> data(s, 8, Long.MIN_VALUE, Long.MAX_VALUE);
            case ".p2align" -> {
                expectCount(s, 1);
                long power = immediate(s, 0);
                if (power < 0 || power > 16) {
                    throw operandError(s, s.operands().get(0), ".p2align: power " + power
                            + " is out of range; allowed 0..16");
                }
                alignments.put(currentIndex, 1 << power);
                asm.align(1 << power);
            }
            case ".balign" -> {
                expectCount(s, 1);
                long bytes = immediate(s, 0);
                if (bytes < 1 || bytes > 65536 || Long.bitCount(bytes) != 1) {
                    throw operandError(s, s.operands().get(0), ".balign: " + bytes
                            + " is not a power of two in 1..65536");
                }
                alignments.put(currentIndex, (int) bytes);
                asm.align((int) bytes);
            }
            case ".att_syntax" -> throw error(s.line(), s.column(), s.sourceLine(),
                    "only Intel syntax is supported (.intel_syntax noprefix)");
            default -> throw error(s.line(), s.column(), s.sourceLine(), "unknown directive '" + s.mnemonic()
                    + "'; known: .intel_syntax .text .byte .short .word .value .long .int .quad .p2align .balign");
        }
    }

    private void data(Statement s, int bytes, long min, long max) {
        if (s.operands().isEmpty()) {
            throw error(s.line(), s.column(), s.sourceLine(), s.mnemonic() + " needs at least one value");
        }
        for (int i = 0; i < s.operands().size(); i++) {
            long v = immediate(s, i);
            if (v < min || v > max) {
                throw operandError(s, s.operands().get(i), s.mnemonic() + ": value " + v + " does not fit in "
                        + bytes * 8 + " bits; allowed " + min + ".." + max);
            }
            switch (bytes) {
                case 1 -> asm.emit8((int) v);
                case 2 -> {
                    asm.emit8((int) v & 0xff);
                    asm.emit8((int) (v >> 8) & 0xff);
                }
                case 4 -> asm.emit32((int) v);
                default -> asm.emit64(v);
            }
        }
    }

    // ---------------------------------------------------------------- operand helpers

    private X64SyntaxException operandError(Statement s, X64Operand op, String message) {
        return error(s.line(), op.column(), s.sourceLine(), message);
    }

    private void expectCount(Statement s, int count) {
        if (s.operands().size() != count) {
            throw error(s.line(), s.column(), s.sourceLine(), s.mnemonic() + " takes " + count + " operand"
                    + (count == 1 ? "" : "s") + ", got " + s.operands().size());
        }
    }

    private long immediate(Statement s, int i) {
        if (s.operands().get(i) instanceof X64Operand.Imm imm) {
            return imm.value();
        }
        throw operandError(s, s.operands().get(i), s.mnemonic() + ": operand " + (i + 1) + " must be a number");
    }

    /** The immediate for an operand of {@code bits}, checked as LLVM does, as the int the API takes. */
    private int immediate(Statement s, int i, int bits) {
        long v = immediate(s, i);
        long min = bits == 8 ? -128 : bits == 16 ? -32768 : Integer.MIN_VALUE;
        long max = bits == 8 ? 255 : bits == 16 ? 65535 : bits == 32 ? 0xffff_ffffL : Integer.MAX_VALUE;
        if (v < min || v > max) {
            throw operandError(s, s.operands().get(i), s.mnemonic() + ": immediate " + v + " does not fit a "
                    + bits + "-bit operand; allowed " + min + ".." + max);
        }
        return (int) v;
    }

    private Mem mem(Statement s, X64Operand.Memory m) {
        try {
            Label l = m.label() == null ? null : label(m.label());
            return new Mem(m.base(), m.index(), m.scale(), (int) m.disp(), m.size(), m.rip(), l, s.disp32());
        } catch (X64EncodingException e) {
            throw operandError(s, m, e.getMessage());
        }
    }

    /** A shape of the operand list: R register, M memory, I immediate, S symbol; e.g. "RM". */
    private static String shape(List<X64Operand> ops) {
        StringBuilder sb = new StringBuilder();
        for (X64Operand op : ops) {
            sb.append(switch (op) {
                case X64Operand.Reg r -> 'R';
                case X64Operand.Memory m -> 'M';
                case X64Operand.Imm i -> 'I';
                case X64Operand.Symbol y -> 'S';
            });
        }
        return sb.toString();
    }

    private Register reg(Statement s, int i) {
        return ((X64Operand.Reg) s.operands().get(i)).register();
    }

    private Mem mem(Statement s, int i) {
        return mem(s, (X64Operand.Memory) s.operands().get(i));
    }

    private X64SyntaxException badOperands(Statement s, String allowed) {
        String shape = shape(s.operands());
        StringBuilder got = new StringBuilder();
        for (char c : shape.toCharArray()) {
            got.append(got.isEmpty() ? "" : ", ").append(switch (c) {
                case 'R' -> "register";
                case 'M' -> "memory";
                case 'I' -> "immediate";
                default -> "label";
            });
        }
        return error(s.line(), s.column(), s.sourceLine(), "invalid operands for " + s.mnemonic() + " ("
                + (got.isEmpty() ? "none" : got) + "); allowed: " + allowed);
    }

    // ---------------------------------------------------------------- instructions

    private static final Map<String, Condition> CONDITIONS = new HashMap<>();

    static {
        String[][] aliases = {{"o"}, {"no"}, {"b", "c", "nae"}, {"ae", "nb", "nc"}, {"e", "z"}, {"ne", "nz"},
                {"be", "na"}, {"a", "nbe"}, {"s"}, {"ns"}, {"p", "pe"}, {"np", "po"}, {"l", "nge"}, {"ge", "nl"},
                {"le", "ng"}, {"g", "nle"}};
        for (int code = 0; code < 16; code++) {
            for (String suffix : aliases[code]) {
                CONDITIONS.put(suffix, Condition.ofCode(code));
            }
        }
    }

    private interface RegReg { X64Assembler emit(X64Assembler a, Register x, Register y); }
    private interface RegMem { X64Assembler emit(X64Assembler a, Register x, Mem y); }
    private interface MemReg { X64Assembler emit(X64Assembler a, Mem x, Register y); }
    private interface RegImm { X64Assembler emit(X64Assembler a, Register x, int imm); }
    private interface MemImm { X64Assembler emit(X64Assembler a, Mem x, int imm); }

    /** The five forms of a two-operand ALU instruction, as {@link X64Assembler} methods. */
    private record Alu(RegReg rr, RegMem rm, MemReg mr, RegImm ri, MemImm mi) {}

    private static final Map<String, Alu> ALU = Map.of(
            "add", new Alu(X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add, X64Assembler::add),
            "or", new Alu(X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or, X64Assembler::or),
            "adc", new Alu(X64Assembler::adc, X64Assembler::adc, X64Assembler::adc, X64Assembler::adc, X64Assembler::adc),
            "sbb", new Alu(X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb, X64Assembler::sbb),
            "and", new Alu(X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and, X64Assembler::and),
            "sub", new Alu(X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub, X64Assembler::sub),
            "xor", new Alu(X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor, X64Assembler::xor),
            "cmp", new Alu(X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp, X64Assembler::cmp),
            // test commutes: "test reg, [mem]" is the same instruction as "test [mem], reg".
            "test", new Alu(X64Assembler::test, (a, x, y) -> a.test(y, x), X64Assembler::test, X64Assembler::test,
                    X64Assembler::test));

    /** The width of the sized operand {@code i}: a register's bits or a memory operand's size (0 unknown). */
    private int bitsOf(Statement s, int i) {
        return switch (s.operands().get(i)) {
            case X64Operand.Reg r -> r.register().bits();
            case X64Operand.Memory m -> m.size() * 8;
            default -> 0;
        };
    }

    private void instruction(Statement s) {
        String mn = s.mnemonic();
        String shape = shape(s.operands());
        Alu alu = ALU.get(mn);
        if (alu != null) {
            switch (shape) {
                case "RR" -> alu.rr().emit(asm, reg(s, 0), reg(s, 1));
                case "RM" -> alu.rm().emit(asm, reg(s, 0), mem(s, 1));
                case "MR" -> alu.mr().emit(asm, mem(s, 0), reg(s, 1));
                case "RI" -> alu.ri().emit(asm, reg(s, 0), immediate(s, 1, bitsOf(s, 0)));
                case "MI" -> {
                    requireSize(s, 0);
                    alu.mi().emit(asm, mem(s, 0), immediate(s, 1, bitsOf(s, 0)));
                }
                default -> throw badOperands(s, "reg, reg | reg, mem | mem, reg | reg, imm | mem, imm");
            }
            return;
        }
        switch (mn) {
            case "mov" -> {
                switch (shape) {
                    case "RR" -> asm.mov(reg(s, 0), reg(s, 1));
                    case "RM" -> asm.mov(reg(s, 0), mem(s, 1));
                    case "MR" -> asm.mov(mem(s, 0), reg(s, 1));
                    case "RI" -> {
                        Register r = reg(s, 0);
                        long v = immediate(s, 1);
                        if (r.bits() < 64) {
                            v = immediate(s, 1, r.bits());
                        }
                        asm.mov(r, v);
                    }
                    case "MI" -> {
                        requireSize(s, 0);
                        asm.mov(mem(s, 0), immediate(s, 1, bitsOf(s, 0)));
                    }
                    default -> throw badOperands(s, "reg, reg | reg, mem | mem, reg | reg, imm | mem, imm");
                }
            }
            case "movabs" -> {
                if (!shape.equals("RI")) {
                    throw badOperands(s, "reg64, imm64");
                }
                asm.movabs(reg(s, 0), immediate(s, 1));
            }
            case "movzx" -> {
                switch (shape) {
                    case "RR" -> asm.movzx(reg(s, 0), reg(s, 1));
                    case "RM" -> asm.movzx(reg(s, 0), mem(s, 1));
                    default -> throw badOperands(s, "reg, reg8/16 | reg, byte/word ptr [mem]");
                }
            }
            case "movsx" -> {
                switch (shape) {
                    case "RR" -> asm.movsx(reg(s, 0), reg(s, 1));
                    case "RM" -> asm.movsx(reg(s, 0), mem(s, 1));
                    default -> throw badOperands(s, "reg, reg8/16 | reg, byte/word ptr [mem]");
                }
            }
            case "movsxd" -> {
                switch (shape) {
                    case "RR" -> asm.movsxd(reg(s, 0), reg(s, 1));
                    case "RM" -> asm.movsxd(reg(s, 0), mem(s, 1));
                    default -> throw badOperands(s, "reg64, reg32 | reg64, dword ptr [mem]");
                }
            }
            case "lea" -> {
                if (!shape.equals("RM")) {
                    throw badOperands(s, "reg, [mem]");
                }
                asm.lea(reg(s, 0), mem(s, 1));
            }
            case "imul" -> {
                switch (shape) {
                    case "RR" -> asm.imul(reg(s, 0), reg(s, 1));
                    case "RM" -> asm.imul(reg(s, 0), mem(s, 1));
                    case "RRI" -> asm.imul(reg(s, 0), reg(s, 1), immediate(s, 2, bitsOf(s, 0)));
                    case "RMI" -> asm.imul(reg(s, 0), mem(s, 1), immediate(s, 2, bitsOf(s, 0)));
                    default -> throw badOperands(s, "reg, reg | reg, mem | reg, reg, imm | reg, mem, imm");
                }
            }
            case "idiv", "div", "mul", "neg", "not", "inc", "dec" -> {
                switch (shape) {
                    case "R" -> unary(mn, reg(s, 0));
                    case "M" -> {
                        requireSize(s, 0);
                        unary(mn, mem(s, 0));
                    }
                    default -> throw badOperands(s, "reg | size ptr [mem]");
                }
            }
            case "shl", "sal", "shr", "sar" -> shift(s, shape);
            case "push" -> {
                switch (shape) {
                    case "R" -> asm.push(reg(s, 0));
                    case "I" -> asm.push(immediate(s, 0, 64));
                    default -> throw badOperands(s, "reg64 | imm32");
                }
            }
            case "pop" -> {
                if (!shape.equals("R")) {
                    throw badOperands(s, "reg64");
                }
                asm.pop(reg(s, 0));
            }
            case "jmp" -> {
                switch (shape) {
                    case "S" -> relaxable(s, null);
                    case "R" -> asm.jmp(reg(s, 0));
                    case "M" -> asm.jmp(mem(s, 0));
                    default -> throw badOperands(s, "label | reg64 | qword ptr [mem]");
                }
            }
            case "call" -> {
                switch (shape) {
                    case "S" -> asm.call(label(((X64Operand.Symbol) s.operands().get(0)).name()));
                    case "R" -> asm.call(reg(s, 0));
                    case "M" -> asm.call(mem(s, 0));
                    default -> throw badOperands(s, "label | reg64 | qword ptr [mem]");
                }
            }
            case "ret", "nop", "ud2", "int3", "cqo", "cdq", "cdqe" -> {
                if (!shape.isEmpty()) {
                    throw badOperands(s, "no operands");
                }
                switch (mn) {
                    case "ret" -> asm.ret();
                    case "nop" -> asm.nop();
                    case "ud2" -> asm.ud2();
                    case "int3" -> asm.int3();
                    case "cqo" -> asm.cqo();
                    case "cdqe" -> asm.cdqe();
                    default -> asm.cdq();
                }
            }
            default -> conditional(s, shape);
        }
    }

    private void conditional(Statement s, String shape) {
        String mn = s.mnemonic();
        if (mn.startsWith("j") && CONDITIONS.containsKey(mn.substring(1))) {
            if (!shape.equals("S")) {
                throw badOperands(s, "label");
            }
            relaxable(s, CONDITIONS.get(mn.substring(1)));
        } else if (mn.startsWith("set") && CONDITIONS.containsKey(mn.substring(3))) {
            Condition cc = CONDITIONS.get(mn.substring(3));
            switch (shape) {
                case "R" -> asm.setcc(cc, reg(s, 0));
                case "M" -> asm.setcc(cc, mem(s, 0));
                default -> throw badOperands(s, "reg8 | byte ptr [mem]");
            }
        } else if (mn.startsWith("cmov") && CONDITIONS.containsKey(mn.substring(4))) {
            Condition cc = CONDITIONS.get(mn.substring(4));
            switch (shape) {
                case "RR" -> asm.cmovcc(cc, reg(s, 0), reg(s, 1));
                case "RM" -> asm.cmovcc(cc, reg(s, 0), mem(s, 1));
                default -> throw badOperands(s, "reg, reg | reg, [mem]");
            }
        } else {
            throw error(s.line(), s.column(), s.sourceLine(), "unknown instruction '" + mn + "'");
        }
    }

    /**
     * A jmp or jcc to a label: short unless an earlier pass found it out of reach, or the statement
     * has the {@code {disp32}} pseudo-prefix (always rel32, as in LLVM).
     */
    private void relaxable(Statement s, Condition cc) {
        String name = ((X64Operand.Symbol) s.operands().get(0)).name();
        Label target = label(name);
        if (s.disp32() || longJumps.contains(currentIndex)) {
            if (cc == null) {
                asm.jmpNear(target);
            } else {
                asm.jccNear(cc, target);
            }
        } else {
            if (cc == null) {
                asm.jmpShort(target);
            } else {
                asm.jccShort(cc, target);
            }
            shortJumps.add(new ShortJump(currentIndex, asm.position(), name, cc == null ? 5 : 6));
        }
    }

    private void requireSize(Statement s, int i) {
        if (s.operands().get(i) instanceof X64Operand.Memory m && m.size() == 0) {
            throw operandError(s, m, s.mnemonic() + ": memory operand needs a size: byte, word, dword or qword ptr");
        }
    }

    private void unary(String mn, Register r) {
        switch (mn) {
            case "idiv" -> asm.idiv(r);
            case "div" -> asm.div(r);
            case "mul" -> asm.mul(r);
            case "inc" -> asm.inc(r);
            case "dec" -> asm.dec(r);
            case "neg" -> asm.neg(r);
            default -> asm.not(r);
        }
    }

    private void unary(String mn, Mem m) {
        switch (mn) {
            case "idiv" -> asm.idiv(m);
            case "div" -> asm.div(m);
            case "mul" -> asm.mul(m);
            case "inc" -> asm.inc(m);
            case "dec" -> asm.dec(m);
            case "neg" -> asm.neg(m);
            default -> asm.not(m);
        }
    }

    private void shift(Statement s, String shape) {
        String mn = s.mnemonic().equals("sal") ? "shl" : s.mnemonic();
        switch (shape) {
            case "R", "RI" -> {
                int count = shape.equals("R") ? 1 : shiftCount(s);
                switch (mn) {
                    case "shl" -> asm.shl(reg(s, 0), count);
                    case "shr" -> asm.shr(reg(s, 0), count);
                    default -> asm.sar(reg(s, 0), count);
                }
            }
            case "RR" -> {
                switch (mn) {
                    case "shl" -> asm.shl(reg(s, 0), reg(s, 1));
                    case "shr" -> asm.shr(reg(s, 0), reg(s, 1));
                    default -> asm.sar(reg(s, 0), reg(s, 1));
                }
            }
            case "M", "MI" -> {
                requireSize(s, 0);
                int count = shape.equals("M") ? 1 : shiftCount(s);
                switch (mn) {
                    case "shl" -> asm.shl(mem(s, 0), count);
                    case "shr" -> asm.shr(mem(s, 0), count);
                    default -> asm.sar(mem(s, 0), count);
                }
            }
            case "MR" -> {
                requireSize(s, 0);
                switch (mn) {
                    case "shl" -> asm.shl(mem(s, 0), reg(s, 1));
                    case "shr" -> asm.shr(mem(s, 0), reg(s, 1));
                    default -> asm.sar(mem(s, 0), reg(s, 1));
                }
            }
            default -> throw badOperands(s, "reg[, imm8 | cl] | size ptr [mem][, imm8 | cl]");
        }
    }

    private int shiftCount(Statement s) {
        long v = immediate(s, 1);
        if (v < 0 || v > 255) {
            throw operandError(s, s.operands().get(1), s.mnemonic() + ": shift count " + v
                    + " is out of range; allowed 0..255");
        }
        return (int) v;
    }
}
