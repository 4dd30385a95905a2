package dev.stitch.a64;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles AArch64 assembly text in LLVM/GNU syntax through the {@link A64Assembler}: one
 * statement per line or several separated by {@code ;}, {@code //} comments, labels
 * {@code name:}, and the directives {@code .word}/{@code .inst}, {@code .quad}/{@code .xword},
 * {@code .align}/{@code .p2align} (powers of two, as on AArch64), {@code .ltorg}/{@code .pool} and
 * {@code .text}.
 * Errors are {@link A64SyntaxException}s with file:line:column, the line and what was expected.
 */
public final class A64TextAssembler {
    /** What a statement of the source produced: {@code length} bytes at {@code offset}. */
    public record Line(long offset, long length, int lineNumber, String source) {}

    /** The assembled bytes and, per statement, where its bytes are. */
    public record Result(byte[] bytes, List<Line> lines) {}

    private record Statement(ParsedInstruction.SourcePosition position, String text, long offset) {}

    private final String file;
    private final A64Assembler asm;
    private final Map<String, Label> labels = new HashMap<>();
    private final Map<String, ParsedInstruction.SourcePosition> firstUse = new HashMap<>();
    private final List<Statement> statements = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private ParsedInstruction.SourcePosition current;

    private A64TextAssembler(String file, A64Assembler asm) {
        this.file = file;
        this.asm = asm;
    }

    /** Assembles {@code source} (named {@code file} in messages) for code placed at a page boundary. */
    public static Result assemble(String source, String file) {
        return assemble(source, file, new A64Assembler());
    }

    /** Assembles {@code source} into {@code asm}, then finishes it. */
    public static Result assemble(String source, String file, A64Assembler asm) {
        A64TextAssembler parser = new A64TextAssembler(file, asm);
        String[] sourceLines = source.split("\r?\n", -1);
        try {
            for (int i = 0; i < sourceLines.length; i++) {
                parser.line(i + 1, sourceLines[i]);
            }
            return parser.finish();
        } catch (A64SyntaxException e) {
            throw e.withForeignSyntaxHint();
        }
    }

    private void line(int number, String line) {
        int comment = line.indexOf("//");
        String code = comment >= 0 ? line.substring(0, comment) : line;
        int start = 0;
        for (int i = 0; i <= code.length(); i++) {
            if (i == code.length() || code.charAt(i) == ';') {
                statement(number, line, code.substring(start, i), start);
                start = i + 1;
            }
        }
    }

    private void statement(int number, String line, String text, int offsetInLine) {
        if (text.isBlank()) {
            return;
        }
        // A literal pool due now goes before this statement and its labels, so that the statement's
        // bytes start with its own instruction (listings rely on it).
        try {
            asm.literalPool().beforeEmit(16);
        } catch (A64EncodingException e) {
            throw new A64SyntaxException(file, number, offsetInLine + 1, line, e.getMessage(), e);
        }
        int at = 0;
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            int colon = labelEnd(text, at);
            if (colon < 0) {
                break;
            }
            current = new ParsedInstruction.SourcePosition(file, number, offsetInLine + at + 1, line);
            defineLabel(text.substring(at, colon));
            at = colon + 1;
        }
        if (at >= text.length()) {
            return;
        }
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String mnemonic = text.substring(at, end).toLowerCase(Locale.ROOT);
        current = new ParsedInstruction.SourcePosition(file, number, offsetInLine + at + 1, line);
        long before = asm.position();
        List<Operand> operands;
        try {
            operands = OperandParser.parse(text.substring(end), offsetInLine + end + 1);
        } catch (OperandParser.BadOperand e) {
            throw new A64SyntaxException(file, number, e.column, line, e.getMessage(), null);
        }
        ParsedInstruction instruction = new ParsedInstruction(mnemonic, operands, current, this::useLabel);
        try {
            if (mnemonic.startsWith(".")) {
                directive(instruction);
            } else {
                InstructionSyntax syntax = SyntaxTable.instance().get(mnemonic);
                if (syntax == null) {
                    throw instruction.error("unknown instruction '" + mnemonic + "'");
                }
                syntax.assemble(instruction, asm);
            }
        } catch (A64EncodingException e) {
            throw instruction.error(e.getMessage());
        }
        statements.add(new Statement(current, text.strip(), before));
        lines.add(new Line(before, asm.position() - before, number, text.strip()));
    }

    /** The index of the ':' ending a label at {@code at}, or -1. */
    private static int labelEnd(String text, int at) {
        int i = at;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || "_.$".indexOf(text.charAt(i)) >= 0)) {
            i++;
        }
        return i > at && i < text.length() && text.charAt(i) == ':' ? i : -1;
    }

    private void defineLabel(String name) {
        Label label = labels.computeIfAbsent(name, asm::newLabel);
        if (label.isBound()) {
            throw new A64SyntaxException(current.file(), current.line(), current.column(), current.sourceLine(),
                    "label '" + name + "' is already defined", null);
        }
        asm.bind(label);
    }

    private Label useLabel(String name) {
        firstUse.putIfAbsent(name, current);
        return labels.computeIfAbsent(name, asm::newLabel);
    }

    private void directive(ParsedInstruction d) {
        switch (d.mnemonic()) {
            case ".text" -> d.expectCount(0);
            case ".word", ".inst" -> {
                for (int i = 0; i < d.count(); i++) {
                    long value = d.imm(i);
                    if (value < Integer.MIN_VALUE || value > 0xffff_ffffL) {
                        throw d.error(i, d.mnemonic() + ": value " + value + " does not fit in 32 bits");
                    }
                    asm.emit((int) value);
                }
            }
            case ".quad", ".xword" -> {
                for (int i = 0; i < d.count(); i++) {
                    asm.emit64(d.imm(i));
                }
            }
            case ".align", ".p2align" -> {
                d.expectCount(1);
                long power = d.imm(0);
                if (power < 0 || power > 16) {
                    throw d.error(0, d.mnemonic() + ": alignment power " + power + " is out of range; allowed 0..16");
                }
                if (power >= 2) {
                    asm.align(1 << power);
                }
            }
            case ".ltorg", ".pool" -> {
                d.expectCount(0);
                asm.pool();
            }
            default -> throw d.error("unknown directive '" + d.mnemonic()
                    + "'; known: .text .word .inst .quad .xword .align .p2align .ltorg .pool");
        }
    }

    private Result finish() {
        for (Map.Entry<String, Label> entry : labels.entrySet()) {
            if (!entry.getValue().isBound()) {
                ParsedInstruction.SourcePosition use = firstUse.get(entry.getKey());
                throw new A64SyntaxException(use.file(), use.line(), use.column(), use.sourceLine(),
                        "label '" + entry.getKey() + "' is used but never defined", null);
            }
        }
        try {
            asm.finish();
        } catch (A64EncodingException e) {
            if (statements.isEmpty()) {
                // The fault lies in code the caller emitted through the API before the text.
                throw new A64SyntaxException(file, 1, 1, "", e.getMessage(), e);
            }
            Statement at = statements.get(0);
            for (Statement s : statements) {
                if (s.offset() <= e.offset()) {
                    at = s;
                }
            }
            ParsedInstruction.SourcePosition p = at.position();
            throw new A64SyntaxException(p.file(), p.line(), p.column(), p.sourceLine(), e.getMessage(), e);
        }
        return new Result(asm.buffer().toByteArray(), List.copyOf(lines));
    }
}
