package dev.stitch.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Mutates valid inputs (assembly lines, trace files, programs) the way a hostile-input campaign
 * does: flipped bits, odd characters (control characters, Unicode that changes length when its
 * case changes, lone surrogates, non-ASCII digits and spaces), deleted, duplicated, swapped and
 * replaced tokens, lines spliced in from other inputs, numbers at and beyond every integer edge,
 * deep nesting, long identifiers, repeated segments and truncation. Everything is drawn from the
 * {@link SplittableRandom} given, so a case seed reproduces its input exactly.
 *
 * <p>Results stay below {@code maxLength} characters: inputs large enough to make a parser
 * slow are a different test from inputs that make it fail.
 */
public final class Mutator {
    /** Characters parsers tend to mishandle, one string each (the emoji is a surrogate pair). */
    static final String[] ODD_CHARS = {
        "\u0000", "\u0001", "\u0007", "\b", "\t", "\u000b", "\f", "\r", "\r\n", "\n", "\u001b", "\u007f",
        "\u0085", "\u009b", "\u00a0", "\u00e9", "\u00b2", "\u0130", "\u0131", "\u017f", "\u212a", "\u2028",
        "\u2029", "\u202e", "\u200b", "\u3000", "\ufeff", "\ud800", "\udfff", "\ud83d\ude00", "\u0663", "\uff11",
        "\uff3b", "\u00bd", "\"", "'", "\\", "`", "%", "@", "$", "#", "//", "/*", ";", ":", ",", "!", "=",
        "{", "}", "[", "]", "(", ")", "<", ">", "-", "+", "*", "&", "|", "^", "~", "?", ".", "_",
    };

    /** Numbers at the edges of every integer width, malformed numbers and other syntaxes. */
    static final String[] ODD_NUMBERS = {
        "0", "-0", "+0", "1", "-1", "2", "3", "7", "8", "15", "16", "31", "32", "63", "64", "65", "127", "128",
        "-128", "-129", "255", "256", "4095", "4096", "-4096", "32767", "32768", "-32769", "65535", "65536",
        "-65536", "1048575", "1048576", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295",
        "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "0x", "0x0", "0xffffffff",
        "0x100000000", "0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff", "0x10000000000000000",
        "-0x8000000000000000", "-0x8000000000000001", "0b1010", "0o17", "017", "08", "1_000", "1__0", "_1", "1_",
        "0x_1", "0x1_", "1e3", "1.5", ".5", "--1", "+-1", "-+1", "#-0", "0X7F", "0xG", "000000000000000000001",
        "\u0663\u0663", "\uff11\uff12",
    };

    private final SplittableRandom random;
    private final List<String> corpus;
    private final List<String> pool;
    private final int maxLength;

    /**
     * @param random    where every choice comes from
     * @param corpus    valid inputs to splice lines from
     * @param pool      tokens to insert and replace with: {@link #pool} of the corpus
     * @param maxLength the longest result
     */
    public Mutator(SplittableRandom random, List<String> corpus, List<String> pool, int maxLength) {
        this.random = random;
        this.corpus = corpus;
        this.pool = pool;
        this.maxLength = maxLength;
    }

    /**
     * The distinct tokens of {@code corpus} followed by {@code extra} (tokens of the language
     * worth inserting: mnemonics, registers, keywords), in a fixed order. Computed once per
     * corpus: it costs more than a case.
     */
    public static List<String> pool(List<String> corpus, List<String> extra) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String entry : corpus) {
            for (int[] t : tokens(entry)) {
                tokens.add(entry.substring(t[0], t[1]));
            }
        }
        tokens.addAll(extra);
        return List.copyOf(tokens);
    }

    public SplittableRandom random() {
        return random;
    }

    /** A random entry of the corpus. */
    public String pick() {
        return corpus.get(random.nextInt(corpus.size()));
    }

    /** {@code input} after one to {@code maxRounds} mutations. */
    public String mutate(String input, int maxRounds) {
        String s = input;
        int rounds = 1 + random.nextInt(maxRounds);
        for (int i = 0; i < rounds; i++) {
            String next = mutateOnce(s);
            if (next.length() <= maxLength) {
                s = next;
            }
        }
        return s;
    }

    /**
     * {@code input} after one to {@code maxRounds} mutations of its structure only: numbers,
     * tokens replaced by tokens of the language, tokens swapped, lines duplicated, deleted or
     * moved. More of these inputs stay valid, and so reach the stages after the parser.
     */
    public String mutateStructure(String input, int maxRounds) {
        return mutateStructure(input, maxRounds, pool);
    }

    /** {@link #mutateStructure(String, int)} with replacement tokens from {@code tokens}. */
    public String mutateStructure(String input, int maxRounds, List<String> tokens) {
        String s = input;
        int rounds = 1 + random.nextInt(maxRounds);
        for (int i = 0; i < rounds && !s.isEmpty(); i++) {
            String next = switch (random.nextInt(5)) {
                case 0 -> number(s);
                case 1, 2 -> replaceToken(s, tokens.get(random.nextInt(tokens.size())));
                case 3 -> swapTokens(s);
                default -> lines(s);
            };
            if (next.length() <= maxLength) {
                s = next;
            }
        }
        return s;
    }

    /** One mutation, chosen at random. */
    public String mutateOnce(String s) {
        if (s.isEmpty()) {
            return pick();
        }
        return switch (random.nextInt(20)) {
            case 0, 1 -> flipBit(s);
            case 2, 3 -> insertAt(s, ODD_CHARS[random.nextInt(ODD_CHARS.length)]);
            case 4 -> deleteSpan(s);
            case 5 -> deleteToken(s);
            case 6 -> duplicateToken(s);
            case 7 -> swapTokens(s);
            case 8, 9 -> replaceToken(s, pool.get(random.nextInt(pool.size())));
            case 10 -> splice(s);
            case 11, 12 -> number(s);
            case 13 -> nest(s);
            case 14 -> longIdentifier(s);
            case 15 -> s.substring(0, random.nextInt(s.length()));
            case 16 -> repeatSegment(s);
            case 17 -> lines(s);
            case 18 -> flipCase(s);
            default -> insertAt(s, pool.get(random.nextInt(pool.size())) + (random.nextBoolean() ? " " : ""));
        };
    }

    /** Spans {@code [start, end)} of the tokens of {@code s}: words (letters, digits, {@code _ . $}) and single other characters; no spaces. */
    static List<int[]> tokens(String s) {
        List<int[]> spans = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (word(c)) {
                int start = i;
                while (i < s.length() && word(s.charAt(i))) {
                    i++;
                }
                spans.add(new int[] {start, i});
            } else {
                spans.add(new int[] {i, i + 1});
                i++;
            }
        }
        return spans;
    }

    private static boolean word(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }

    private int[] randomToken(String s) {
        List<int[]> spans = tokens(s);
        return spans.isEmpty() ? null : spans.get(random.nextInt(spans.size()));
    }

    private String insertAt(String s, String text) {
        int at = random.nextInt(s.length() + 1);
        return s.substring(0, at) + text + s.substring(at);
    }

    private String flipBit(String s) {
        int at = random.nextInt(s.length());
        // mostly within ASCII, sometimes anywhere in the BMP (surrogates included)
        int bit = random.nextInt(8) == 0 ? random.nextInt(16) : random.nextInt(7);
        return s.substring(0, at) + (char) (s.charAt(at) ^ (1 << bit)) + s.substring(at + 1);
    }

    private String deleteSpan(String s) {
        int at = random.nextInt(s.length());
        int end = Math.min(s.length(), at + 1 + random.nextInt(8));
        return s.substring(0, at) + s.substring(end);
    }

    private String deleteToken(String s) {
        int[] t = randomToken(s);
        return t == null ? s : s.substring(0, t[0]) + s.substring(t[1]);
    }

    private String duplicateToken(String s) {
        int[] t = randomToken(s);
        if (t == null) {
            return s;
        }
        String token = s.substring(t[0], t[1]);
        int times = random.nextInt(10) == 0 ? 2 + random.nextInt(200) : 1 + random.nextInt(3);
        String separator = random.nextBoolean() ? "" : random.nextBoolean() ? " " : ", ";
        StringBuilder copies = new StringBuilder();
        for (int i = 0; i < times; i++) {
            copies.append(separator).append(token);
        }
        return s.substring(0, t[1]) + copies + s.substring(t[1]);
    }

    private String swapTokens(String s) {
        List<int[]> spans = tokens(s);
        if (spans.size() < 2) {
            return s;
        }
        int i = random.nextInt(spans.size());
        int j = random.nextInt(spans.size());
        if (i == j) {
            return s;
        }
        int[] a = spans.get(Math.min(i, j));
        int[] b = spans.get(Math.max(i, j));
        return s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0]) + s.substring(a[0], a[1])
                + s.substring(b[1]);
    }

    private String replaceToken(String s, String replacement) {
        int[] t = randomToken(s);
        return t == null ? s : s.substring(0, t[0]) + replacement + s.substring(t[1]);
    }

    /** Lines of another input in place of some of this one's, or a cut-and-join of the two. */
    private String splice(String s) {
        String other = pick();
        if (random.nextBoolean()) {
            int cut = random.nextInt(s.length() + 1);
            int from = random.nextInt(other.length() + 1);
            return s.substring(0, cut) + other.substring(from);
        }
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        String[] others = other.split("\n", -1);
        int n = 1 + random.nextInt(Math.min(4, others.length));
        int from = random.nextInt(others.length - n + 1);
        int at = random.nextInt(lines.size() + 1);
        for (int i = 0; i < n; i++) {
            lines.add(at + i, others[from + i]);
        }
        return String.join("\n", lines);
    }

    /** A number token replaced by an odd number, or an odd number inserted. */
    private String number(String s) {
        String odd = switch (random.nextInt(6)) {
            case 0 -> "9".repeat(1 + random.nextInt(random.nextBoolean() ? 40 : 2000));
            case 1 -> "0x" + "f".repeat(1 + random.nextInt(random.nextBoolean() ? 40 : 2000));
            case 2 -> "1" + "0".repeat(random.nextInt(60));
            default -> ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)];
        };
        List<int[]> numbers = new ArrayList<>();
        for (int[] t : tokens(s)) {
            if (Character.isDigit(s.charAt(t[0]))) {
                numbers.add(t);
            }
        }
        if (numbers.isEmpty() || random.nextInt(4) == 0) {
            return insertAt(s, odd);
        }
        int[] t = numbers.get(random.nextInt(numbers.size()));
        return s.substring(0, t[0]) + odd + s.substring(t[1]);
    }

    /** Opening brackets, possibly many, possibly closed again further on. */
    private String nest(String s) {
        String[][] pairs = {{"[", "]"}, {"(", ")"}, {"{", "}"}, {"-", ""}, {"!", ""}, {"~", ""}};
        String[] pair = pairs[random.nextInt(pairs.length)];
        int depth = random.nextInt(4) == 0 ? 1 + random.nextInt(3000) : 1 + random.nextInt(20);
        int at = random.nextInt(s.length() + 1);
        int end = at + random.nextInt(s.length() - at + 1);
        boolean close = random.nextBoolean();
        return s.substring(0, at) + pair[0].repeat(depth) + s.substring(at, end)
                + (close ? pair[1].repeat(depth) : "") + s.substring(end);
    }

    private String longIdentifier(String s) {
        int length = random.nextBoolean() ? 1 + random.nextInt(300) : 1 + random.nextInt(5000);
        StringBuilder id = new StringBuilder(length);
        id.append((char) ('a' + random.nextInt(26)));
        while (id.length() < length) {
            id.append("abcxyz_0189".charAt(random.nextInt(11)));
        }
        return random.nextBoolean() ? replaceToken(s, id.toString()) : insertAt(s, id.toString());
    }

    private String repeatSegment(String s) {
        int at = random.nextInt(s.length());
        int end = Math.min(s.length(), at + 1 + random.nextInt(12));
        int times = 2 + random.nextInt(random.nextBoolean() ? 8 : 400);
        String segment = s.substring(at, end);
        if ((long) segment.length() * times + s.length() > maxLength) {
            return s;
        }
        return s.substring(0, end) + segment.repeat(times - 1) + s.substring(end);
    }

    /** A line duplicated, deleted or moved. */
    private String lines(String s) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int i = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.add(i, lines.get(i));
            case 1 -> lines.remove(i);
            default -> {
                String line = lines.remove(i);
                lines.add(random.nextInt(lines.size() + 1), line);
            }
        }
        return String.join("\n", lines);
    }

    private String flipCase(String s) {
        int[] t = randomToken(s);
        if (t == null) {
            return s;
        }
        String token = s.substring(t[0], t[1]);
        String flipped = random.nextBoolean() ? token.toUpperCase(java.util.Locale.ROOT) : token.toLowerCase(java.util.Locale.ROOT);
        return s.substring(0, t[0]) + flipped + s.substring(t[1]);
    }
}
