package dev.stitch.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a fuzzing run found, one entry per kind of failure (its signature: the stage, the exception
 * class and where it was thrown, or the broken property). A run goes on after a failure, so that
 * one known bug does not hide the others, and fails at its end with every kind it met, each with
 * the seed of the first case that showed it and that case's input, minimised: characters, then
 * tokens and lines, are removed while the same signature persists.
 *
 * <p>The oracle that decides what is a failure is the caller's: a {@link Probe} maps an input to
 * the signature of what went wrong with it, or {@code null}.
 */
public final class Findings {
    /** Runs an input through the code under test; returns what went wrong, or null. */
    public interface Probe extends Function<String, Failure> {}

    /** A failure: its signature (the kind), a description of this instance, and the throwable if any. */
    public record Failure(String signature, String detail, Throwable cause) {}

    private record Entry(Failure failure, long caseSeed, String input, String minimised, int[] times) {}

    /** The most probes spent minimising one input, so that a slow failure cannot stall the run. */
    private static final int MINIMISE_BUDGET = 1500;
    /** The most kinds of failure kept in detail. */
    private static final int KEPT = 30;

    private final FuzzRun run;
    private final Map<String, Entry> bySignature = new LinkedHashMap<>();
    private int total;

    public Findings(FuzzRun run) {
        this.run = run;
    }

    /** Records that case {@code caseSeed}, with {@code input}, failed as {@code failure}; minimises new kinds with {@code probe}. */
    public void add(long caseSeed, String input, Failure failure, Probe probe) {
        total++;
        Entry entry = bySignature.get(failure.signature());
        if (entry != null) {
            entry.times()[0]++;
            return;
        }
        if (bySignature.size() >= KEPT) {
            return;
        }
        String minimised = probe == null ? input : minimise(input, failure.signature(), probe);
        bySignature.put(failure.signature(), new Entry(failure, caseSeed, input, minimised, new int[] {1}));
    }

    public int total() {
        return total;
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** The signatures met, with how often, for the run's summary line. */
    public String signatures() {
        List<String> parts = new ArrayList<>();
        bySignature.forEach((signature, entry) -> parts.add(entry.times()[0] + "x " + signature));
        return parts.toString();
    }

    /** Fails with every kind of failure met, if any. */
    public void assertNone(String summary) {
        if (total == 0) {
            return;
        }
        StringBuilder report = new StringBuilder(summary).append("\n").append(total).append(" failing cases of ")
                .append(bySignature.size()).append(" kinds:");
        AssertionError error = new AssertionError();
        for (Entry e : bySignature.values()) {
            report.append("\n--- ").append(e.failure().signature()).append(" (").append(e.times()[0])
                    .append(" cases; first: ").append(run.replay(e.caseSeed())).append(")\n")
                    .append(e.failure().detail()).append("\nminimised input (Java string): ")
                    .append(Text.quote(e.minimised())).append("\noriginal input: ").append(Text.quote(e.input()));
            if (e.failure().cause() != null) {
                error.addSuppressed(e.failure().cause());
            }
        }
        AssertionError failure = new AssertionError(report.toString());
        for (Throwable t : error.getSuppressed()) {
            failure.addSuppressed(t);
        }
        throw failure;
    }

    /** Removes lines, then tokens, then single characters of {@code input} while the probe still fails with {@code signature}. */
    static String minimise(String input, String signature, Probe probe) {
        int[] budget = {MINIMISE_BUDGET};
        String best = input;
        best = shrink(best, signature, probe, budget, Granularity.LINES);
        best = shrink(best, signature, probe, budget, Granularity.TOKENS);
        best = shrink(best, signature, probe, budget, Granularity.CHARS);
        return best;
    }

    private enum Granularity { LINES, TOKENS, CHARS }

    private static List<int[]> pieces(String s, Granularity granularity) {
        List<int[]> pieces = new ArrayList<>();
        switch (granularity) {
            case LINES -> {
                int start = 0;
                for (int i = 0; i <= s.length(); i++) {
                    if (i == s.length() || s.charAt(i) == '\n') {
                        pieces.add(new int[] {start, Math.min(s.length(), i + 1)});
                        start = i + 1;
                    }
                }
            }
            case TOKENS -> pieces.addAll(Mutator.tokens(s));
            case CHARS -> {
                for (int i = 0; i < s.length(); i++) {
                    pieces.add(new int[] {i, i + 1});
                }
            }
        }
        return pieces;
    }

    /** Delta debugging lite: removes chunks of pieces, halving the chunk size down to single pieces. */
    private static String shrink(String input, String signature, Probe probe, int[] budget, Granularity granularity) {
        String best = input;
        int chunk = Math.max(1, pieces(best, granularity).size() / 2);
        while (chunk >= 1 && budget[0] > 0) {
            boolean removed = false;
            List<int[]> pieces = pieces(best, granularity);
            for (int i = pieces.size() - chunk; i >= 0 && budget[0] > 0; i -= chunk) {
                int from = pieces.get(i)[0];
                int to = pieces.get(Math.min(pieces.size(), i + chunk) - 1)[1];
                String candidate = best.substring(0, from) + best.substring(to);
                budget[0]--;
                Failure f = probe.apply(candidate);
                if (f != null && f.signature().equals(signature)) {
                    best = candidate;
                    removed = true;
                    pieces = pieces(best, granularity);
                    i = Math.min(i, pieces.size());
                }
            }
            if (!removed) {
                chunk /= 2;
            }
        }
        return best;
    }
}
