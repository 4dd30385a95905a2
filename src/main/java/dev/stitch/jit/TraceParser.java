package dev.stitch.jit;

import dev.stitch.stencil.FrameLayout;
import dev.stitch.stencil.Uop;
import dev.stitch.text.ErrorText;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@link Trace} from the text of a trace file ({@code .uops}).
 *
 * <h2>Format</h2>
 * <ul>
 *   <li>One uop per line: {@code NAME [arguments]}. Uop names are those of {@link Uop} and are
 *       case-insensitive ({@code const}, {@code CONST}). Tokens are separated by spaces and tabs.
 *       {@code #} starts a comment that runs to the end of the line; blank lines are allowed.</li>
 *   <li>A label is {@code name:} at the start of a line, alone or followed by a uop (or by more
 *       labels) on the same line. It stands for the index of the next uop of the file. Label
 *       names match {@code [A-Za-z_][A-Za-z0-9_]*} and are case-sensitive; defining one twice is
 *       an error.</li>
 *   <li>Numbers are decimal ({@code 42}, {@code -7}, {@code +7}) or hexadecimal ({@code 0x2a},
 *       {@code -0x2a}); {@code _} may separate digits ({@code 1_000_000}, {@code 0xffff_ffff}),
 *       but not start or end them.</li>
 *   <li>Arguments, by {@link Uop.Arg}:
 *     <ul>
 *       <li>{@code NONE}: none.</li>
 *       <li>{@code CONSTANT} ({@code CONST}): a 64-bit integer. Decimal constants lie in
 *           {@link Long#MIN_VALUE}..{@link Long#MAX_VALUE}. A hex constant is a bit pattern of up
 *           to 64 bits, so {@code 0xffffffffffffffff} is -1 and {@code 0x8000000000000000} is
 *           {@link Long#MIN_VALUE}; {@code -0x…} negates a magnitude of at most
 *           {@code 0x8000000000000000}.</li>
 *       <li>{@code LOCAL} ({@code LOAD}, {@code STORE}): a slot, 0..{@link FrameLayout#MAX_LOCAL}.</li>
 *       <li>{@code EXIT_VALUE} ({@code EXIT}, {@code DIV}, {@code REM}, the guards, the array
 *           uops): an exit value, 0..{@link Uop#MAX_EXIT_VALUE}.</li>
 *       <li>{@code TARGET} (the jumps): a label name, or {@code @N} for uop number {@code N}
 *           (counting from 0, {@code ENTER} being {@code @0}). A jump lands on {@code @1} or
 *           later.</li>
 *       <li>{@code CALL}: {@code CALL symbol [n]}: a symbol of the {@link SymbolTable} given to
 *           the parser (case-sensitive) and, optionally, the argument count, which must equal the
 *           symbol's arity (the default).</li>
 *     </ul></li>
 *   <li>The whole trace is then checked as {@link Trace.Builder#build()} does: it starts with
 *       {@code ENTER}, the stack never underflows and has one depth where paths meet, control
 *       does not fall off the end. A file without uops is an error.</li>
 * </ul>
 * This is what {@link TraceUop#text()} writes, so a trace printed one uop per line reads back
 * as the same uops.
 *
 * <p>Example:
 * <pre>{@code
 * # sum 0..n-1; n in local 0, the sum in local 1
 * ENTER
 * top:  LOAD 0
 *       JUMP_IF_FALSE done
 *       LOAD 0
 *       CONST -1
 *       ADD
 *       DUP
 *       STORE 0
 *       LOAD 1
 *       ADD
 *       STORE 1
 *       JUMP top
 * done: EXIT 0
 * }</pre>
 *
 * <h2>Errors</h2>
 * Every error is a {@link TraceException} whose message reads like a compiler's:
 * {@code file:line:column: error: what was wrong}, then the source line, then a caret under the
 * column, as {@link ErrorText#located} writes them (control characters escaped, tabs of the line
 * repeated in the caret line, so the caret lines up). Lines and
 * columns count from 1; a column counts characters. Errors that {@link Trace} finds in the whole
 * trace (stack depths, {@code ENTER} placement, falling off the end) point at the name of the uop
 * they are about and keep {@link Trace}'s message; {@link TraceException#uopIndex()} is the index
 * of the uop an error is about, or -1.
 */
public final class TraceParser {
    /** The usual extension of trace files. */
    public static final String EXTENSION = ".uops";

    private static final Pattern LABEL = Trace.LABEL;
    private static final Map<String, Uop> UOPS = new LinkedHashMap<>();
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** What other instruction sets call some uops, for the suggestions of unknown uop errors. */
    private static final Map<String, Uop> ALIASES = Map.ofEntries(
            Map.entry("PUSH", Uop.CONST), Map.entry("LDC", Uop.CONST), Map.entry("POP", Uop.DROP),
            Map.entry("RET", Uop.EXIT), Map.entry("RETURN", Uop.EXIT), Map.entry("HALT", Uop.EXIT),
            Map.entry("JMP", Uop.JUMP), Map.entry("GOTO", Uop.JUMP), Map.entry("B", Uop.JUMP),
            Map.entry("JNZ", Uop.JUMP_IF_TRUE), Map.entry("JZ", Uop.JUMP_IF_FALSE),
            Map.entry("MOD", Uop.REM), Map.entry("SAR", Uop.SHR), Map.entry("LSR", Uop.USHR),
            Map.entry("SHRU", Uop.USHR), Map.entry("LSL", Uop.SHL), Map.entry("INV", Uop.NOT));

    static {
        for (Uop uop : Uop.values()) {
            UOPS.put(uop.name(), uop);
        }
    }

    /** A token of a line and its 1-based column. */
    private record Token(String text, int column) {
        int end() {
            return column + text.length();
        }
    }

    /** Where a label was defined, and the index of the uop it stands for. */
    private record LabelDef(String name, int line, int column, int index) {}

    /** A uop read from a line, its target not yet resolved. */
    private record Pending(Uop uop, long arg, Symbol symbol, Token target, int line, Token name) {}

    private final String file;
    private final List<String> lines;
    private final SymbolTable symbols;
    private final Map<String, LabelDef> labels = new LinkedHashMap<>();
    private final List<Pending> pending = new ArrayList<>();

    private TraceParser(String file, List<String> lines, SymbolTable symbols) {
        this.file = file;
        this.lines = lines;
        this.symbols = symbols;
    }

    /**
     * Parses {@code source}, named {@code fileName} in error messages. The trace is named after
     * the file: its last path component without the extension ({@code dir/loop.uops} gives
     * {@code loop}).
     *
     * @param source the text of the trace file
     * @param fileName the file name for messages and the trace name
     * @param symbols the functions {@code CALL} may name
     * @return the checked trace
     * @throws TraceException with file, line, column, the line and a caret, if the text is not a
     *     valid trace
     */
    public static Trace parse(String source, String fileName, SymbolTable symbols) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(symbols, "symbols");
        if (source.startsWith("\uFEFF")) {
            source = source.substring(1);
        }
        List<String> lines = List.of(source.split("\r\n|\r|\n", -1));
        return new TraceParser(fileName, lines, symbols).parse(traceName(fileName));
    }

    /**
     * Reads {@code file} as UTF-8 and parses it; messages name the file as {@code file.toString()}
     * and the trace is named after the file without its extension.
     *
     * @param file the trace file
     * @param symbols the functions {@code CALL} may name
     * @return the checked trace
     * @throws IOException if the file cannot be read or is not valid UTF-8
     * @throws TraceException if the text is not a valid trace
     */
    public static Trace parse(Path file, SymbolTable symbols) throws IOException {
        Objects.requireNonNull(file, "file");
        String source = Files.readString(file, StandardCharsets.UTF_8);
        return parse(source, file.toString(), symbols);
    }

    /** The trace name for a file name: the last path component without its extension. */
    static String traceName(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        String name = dot > 0 ? base.substring(0, dot) : base;
        return name.isEmpty() ? "trace" : name;
    }

    private Trace parse(String name) {
        for (int i = 0; i < lines.size(); i++) {
            line(i + 1, lines.get(i));
        }
        if (pending.isEmpty()) {
            throw error(1, 1, "the trace has no uops; it needs at least ENTER and EXIT", -1, null);
        }
        Trace.Builder builder = Trace.builder(name, symbols);
        List<LabelDef> definitions = new ArrayList<>(labels.values()); // in file order, so by index
        int nextLabel = 0;
        for (int i = 0; i < pending.size(); i++) {
            // the trace keeps the names for listings; a label after the last uop names nothing to keep
            while (nextLabel < definitions.size() && definitions.get(nextLabel).index() == i) {
                builder.label(definitions.get(nextLabel++).name());
            }
            Pending p = pending.get(i);
            int target = p.target() == null ? -1 : resolve(i, p.target());
            builder.add(new TraceUop(p.uop(), p.arg(), p.symbol(), target));
        }
        try {
            return builder.build();
        } catch (TraceException e) {
            int index = e.uopIndex();
            if (index < 0 || index >= pending.size()) {
                throw error(1, 1, e.getMessage(), index, e);
            }
            Pending p = pending.get(index);
            throw error(p.line(), p.name().column(), e.getMessage(), index, e);
        }
    }

    private void line(int number, String line) {
        int hash = line.indexOf('#');
        List<Token> tokens = tokens(hash >= 0 ? line.substring(0, hash) : line);
        int at = 0;
        while (at < tokens.size() && tokens.get(at).text().endsWith(":")) {
            Token token = tokens.get(at++);
            String label = token.text().substring(0, token.text().length() - 1);
            if (!LABEL.matcher(label).matches()) {
                throw error(number, token.column(), "bad label name '" + label
                        + "'; a label is letters, digits and _, starting with a letter or _", -1, null);
            }
            LabelDef first = labels.get(label);
            if (first != null) {
                throw error(number, token.column(), "duplicate label '" + label + "'; first defined at "
                        + file + ":" + first.line() + ":" + first.column(), -1, null);
            }
            labels.put(label, new LabelDef(label, number, token.column(), pending.size()));
        }
        if (at < tokens.size()) {
            uop(number, tokens.get(at), tokens.subList(at + 1, tokens.size()));
        }
    }

    private static List<Token> tokens(String code) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            while (i < code.length() && isBlank(code.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < code.length() && !isBlank(code.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(new Token(code.substring(start, i), start + 1));
            }
        }
        return tokens;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private void uop(int line, Token name, List<Token> args) {
        int index = pending.size();
        Uop uop = UOPS.get(name.text().toUpperCase(Locale.ROOT));
        if (uop == null) {
            throw error(line, name.column(), unknownUop(name.text()), index, null);
        }
        Pending p = switch (uop.arg()) {
            case NONE -> {
                if (!args.isEmpty()) {
                    throw error(line, args.get(0).column(), uop + " takes no argument; unexpected '"
                            + ErrorText.excerpt(args.get(0).text()) + "'", index, null);
                }
                yield new Pending(uop, 0, null, null, line, name);
            }
            case CONSTANT -> {
                Token t = single(line, name, uop, args, "a constant (a 64-bit integer, decimal or 0x hex)");
                yield new Pending(uop, constant(line, t, index), null, null, line, name);
            }
            case LOCAL -> {
                Token t = single(line, name, uop, args, "a local slot (0.." + FrameLayout.MAX_LOCAL + ")");
                yield new Pending(uop, bounded(line, t, index, "local slot", FrameLayout.MAX_LOCAL), null, null,
                        line, name);
            }
            case EXIT_VALUE -> {
                Token t = single(line, name, uop, args, "an exit value (0.." + Uop.MAX_EXIT_VALUE + ")");
                yield new Pending(uop, bounded(line, t, index, "exit value", Uop.MAX_EXIT_VALUE), null, null,
                        line, name);
            }
            case TARGET -> {
                Token t = single(line, name, uop, args, "a jump target (a label or @N)");
                yield new Pending(uop, 0, null, t, line, name);
            }
            case CALL -> call(line, name, args, index);
        };
        pending.add(p);
    }

    /** The one argument of {@code uop}, or an error naming {@code what} it needs. */
    private Token single(int line, Token name, Uop uop, List<Token> args, String what) {
        if (args.isEmpty()) {
            throw error(line, name.end(), uop + " needs " + what, pending.size(), null);
        }
        if (args.size() > 1) {
            throw error(line, args.get(1).column(), uop + " takes one argument, " + what + "; unexpected '"
                    + ErrorText.excerpt(args.get(1).text()) + "'", pending.size(), null);
        }
        return args.get(0);
    }

    private Pending call(int line, Token name, List<Token> args, int index) {
        if (args.isEmpty()) {
            throw error(line, name.end(), "CALL needs a symbol: CALL name [argument count]", index, null);
        }
        if (args.size() > 2) {
            throw error(line, args.get(2).column(), "CALL takes a symbol and an optional argument count; unexpected '"
                    + ErrorText.excerpt(args.get(2).text()) + "'", index, null);
        }
        Token symbolToken = args.get(0);
        Symbol symbol;
        try {
            symbol = symbols.get(symbolToken.text());
        } catch (IllegalArgumentException e) {
            throw error(line, symbolToken.column(), e.getMessage(), index, e);
        }
        if (args.size() == 2) {
            Token count = args.get(1);
            BigInteger n = integer(line, count, index, "argument count");
            if (!n.equals(BigInteger.valueOf(symbol.arity()))) {
                throw error(line, count.column(), symbol.name() + " takes " + symbol.arity()
                        + " argument(s), the call passes " + n, index, null);
            }
        }
        return new Pending(Uop.CALL, symbol.arity(), symbol, null, line, name);
    }

    /** The uop index a jump target stands for, checked to be a uop a jump may land on. */
    private int resolve(int index, Token token) {
        Pending p = pending.get(index);
        String text = token.text();
        long target;
        String what;
        if (text.startsWith("@")) {
            BigInteger n = integer(p.line(), new Token(text.substring(1), token.column() + 1), index, "uop index");
            if (n.signum() < 0 || n.bitLength() > 31) {
                throw error(p.line(), token.column(), "jump target " + ErrorText.excerpt(text) + " is out of range; "
                        + allowedTargets(), index, null);
            }
            target = n.intValue();
            what = "jump target " + ErrorText.excerpt(text);
        } else if (LABEL.matcher(text).matches()) {
            LabelDef label = labels.get(text);
            if (label == null) {
                throw error(p.line(), token.column(), "unknown label '" + ErrorText.excerpt(text) + "'; "
                        + (labels.isEmpty() ? "no labels are defined" : "labels: " + labelNames()), index, null);
            }
            target = label.index();
            what = "label '" + ErrorText.excerpt(text) + "' (line " + label.line() + ") stands for @" + target + ", which";
        } else {
            throw error(p.line(), token.column(), "malformed jump target '" + ErrorText.excerpt(text) + "'; expected a label or @N",
                    index, null);
        }
        if (target < 1 || target >= pending.size()) {
            String reason = target == 0 ? " is the first uop, where no jump may land; " : " is not a uop of the trace; ";
            throw error(p.line(), token.column(), what + reason + allowedTargets(), index, null);
        }
        return (int) target;
    }

    /** The first few label names, so that a trace of thousands of labels still gets a short message. */
    private String labelNames() {
        int shown = 12;
        String names = labels.keySet().stream().limit(shown).map(ErrorText::excerpt).collect(Collectors.joining(", "));
        return labels.size() <= shown ? names : names + ", ... (" + labels.size() + " labels)";
    }

    private String allowedTargets() {
        return pending.size() > 1 ? "a jump lands on @1..@" + (pending.size() - 1)
                : "the trace has no uop after @0 to jump to";
    }

    private long constant(int line, Token token, int index) {
        BigInteger value = integer(line, token, index, "constant");
        String text = token.text();
        boolean hex = isHex(text);
        boolean inRange;
        if (hex && !text.startsWith("-")) {
            inRange = value.signum() >= 0 && value.compareTo(TWO_64) < 0;
        } else {
            inRange = value.bitLength() <= 63; // exactly the longs, Long.MIN_VALUE included
        }
        if (!inRange) {
            throw error(line, token.column(), "constant " + ErrorText.excerpt(text) + " is out of range; a constant is a 64-bit integer: "
                    + Long.MIN_VALUE + ".." + Long.MAX_VALUE + ", or a hex bit pattern 0x0..0xffffffffffffffff"
                    + " (-0x... down to -0x8000000000000000)", index, null);
        }
        return value.longValue();
    }

    private long bounded(int line, Token token, int index, String what, int max) {
        BigInteger value = integer(line, token, index, what);
        if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(line, token.column(), what + " " + ErrorText.excerpt(token.text()) + " is out of range; allowed 0.." + max,
                    index, null);
        }
        return value.longValue();
    }

    private static boolean isHex(String text) {
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        return digits.startsWith("0x") || digits.startsWith("0X");
    }

    /** {@code token} as an integer of any size, or an error calling it a malformed {@code what}. */
    private BigInteger integer(int line, Token token, int index, String what) {
        String text = token.text();
        int at = 0;
        boolean negative = false;
        if (text.startsWith("-") || text.startsWith("+")) {
            negative = text.charAt(0) == '-';
            at = 1;
        }
        int radix = 10;
        if (isHex(text)) {
            radix = 16;
            at += 2;
        }
        String digits = text.substring(at);
        boolean ok = !digits.isEmpty() && digits.charAt(0) != '_' && digits.charAt(digits.length() - 1) != '_';
        for (int i = 0; ok && i < digits.length(); i++) {
            char c = digits.charAt(i);
            ok = c == '_' || Character.digit(c, radix) >= 0 && c < 128;
        }
        if (!ok) {
            throw error(line, token.column(), "malformed " + what + " '" + ErrorText.excerpt(text) + "'; expected a "
                    + (what.equals("constant") ? "" : "non-negative ")
                    + "decimal or 0x-prefixed hex number (digits may be separated by _)", index, null);
        }
        String plain = digits.replace("_", "");
        int zeros = 0;
        while (zeros < plain.length() - 1 && plain.charAt(zeros) == '0') {
            zeros++;
        }
        // More digits than any 64-bit value has: stand in 2^65, which every range check refuses,
        // rather than build a BigInteger of a million digits.
        BigInteger value = plain.length() - zeros > (radix == 16 ? 17 : 21) ? TWO_64.shiftLeft(1)
                : new BigInteger(plain.substring(zeros), radix);
        return negative ? value.negate() : value;
    }

    private static String unknownUop(String token) {
        String upper = token.toUpperCase(Locale.ROOT);
        if (token.contains(":")) {
            return "expected a uop or a label, got '" + ErrorText.excerpt(token)
                    + "' (a label is 'name:' followed by a space)";
        }
        String squeezed = upper.replace("_", "");
        int limit = upper.length() <= 3 ? 1 : 2;
        Uop alias = ALIASES.get(upper);
        List<String> close = UOPS.keySet().stream()
                .filter(name -> alias != null && alias.name().equals(name)
                        || name.replace("_", "").equals(squeezed)
                        || distance(name, upper) <= limit
                        || upper.length() >= 3 && name.startsWith(upper)
                        || name.length() >= 3 && upper.startsWith(name))
                .sorted(Comparator.comparingInt(name -> alias != null && alias.name().equals(name) ? -1
                        : distance(name, upper)))
                .collect(Collectors.toList());
        if (!close.isEmpty()) {
            String names = close.size() == 1 ? close.get(0)
                    : String.join(", ", close.subList(0, close.size() - 1)) + " or " + close.get(close.size() - 1);
            return "unknown uop '" + ErrorText.excerpt(token) + "'; did you mean " + names + "?";
        }
        return "unknown uop '" + ErrorText.excerpt(token) + "'; the uops (see dev.stitch.stencil.Uop) are "
                + String.join(", ", UOPS.keySet());
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private TraceException error(int line, int column, String message, int uopIndex, Throwable cause) {
        String source = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
        TraceException e = new TraceException(ErrorText.located(file, line, column, source, message), uopIndex);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
