package dev.stitch.fuzz;

import java.util.Arrays;

/**
 * The promise the fuzzers check: bad input gives one of the documented exceptions of the API,
 * with a message a person can read (not empty, no raw control characters: a message is printed
 * to a terminal, where those would move the cursor or hide text). Anything else that comes out
 * (a {@link StackOverflowError}, a {@link NullPointerException}, an index out of bounds, a class
 * cast, an undocumented exception type) is a bug of the code under test.
 */
public final class Oracle {
    private Oracle() {}

    /** What is wrong with {@code t}'s message, or null: it must be non-blank, and its only control characters line breaks and tabs. */
    public static String messageProblem(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return "empty message";
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return String.format("raw control character U+%04X in the message", (int) c);
            }
        }
        return null;
    }

    /**
     * The failure that {@code t}, thrown by {@code stage}, stands for: null if it is an instance of
     * one of {@code allowed} with a readable message.
     */
    @SafeVarargs
    public static Findings.Failure check(String stage, Throwable t, Class<? extends Throwable>... allowed) {
        boolean documented = Arrays.stream(allowed).anyMatch(c -> c.isInstance(t));
        if (!documented) {
            return new Findings.Failure(stage + ": " + t.getClass().getName() + " at " + origin(t),
                    stage + " threw " + t.getClass().getName() + " (allowed: " + Arrays.stream(allowed)
                            .map(Class::getSimpleName).toList() + "): " + Text.quote(String.valueOf(t.getMessage())), t);
        }
        String problem = messageProblem(t);
        if (problem != null) {
            return new Findings.Failure(stage + ": " + t.getClass().getSimpleName() + " with " + problem
                    .replaceAll("U\\+[0-9A-F]{4}", "U+XXXX"), stage + " threw " + t.getClass().getSimpleName() + " with "
                    + problem + ": " + Text.quote(t.getMessage()), t);
        }
        return null;
    }

    /** The first frame of Stitch's code in {@code t}'s stack (a JDK method called with bad arguments is its caller's fault). */
    public static String origin(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.stitch.") && !e.getClassName().startsWith("dev.stitch.fuzz.")) {
                return e.getClassName().substring("dev.stitch.".length()) + "." + e.getMethodName();
            }
        }
        StackTraceElement[] trace = t.getStackTrace();
        return trace.length > 0 ? trace[0].toString() : "(no stack trace)";
    }
}
