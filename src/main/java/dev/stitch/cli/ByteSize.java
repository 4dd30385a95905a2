package dev.stitch.cli;

/**
 * Sizes in bytes as options write them: a decimal number of bytes, or a number followed by one
 * of {@code k M G T} (either case) for KiB, MiB, GiB, TiB — {@code 1048576}, {@code 64k},
 * {@code 512M}, {@code 2G}. Nothing else is accepted: no signs, spaces, fractions or {@code KB}.
 */
final class ByteSize {
    /** The accepted forms, for messages. */
    static final String FORMS = "a number of bytes, or a number followed by k, M, G or T (KiB, MiB, GiB, TiB), "
            + "such as 1048576, 64k, 512M or 2G";

    private ByteSize() {}

    /**
     * The bytes {@code text} stands for, which must be in {@code min..max}.
     *
     * @param option the option, as messages name it ({@code run: --max-memory})
     * @throws UsageException naming the option, the text, the forms and the range, if {@code text}
     *     is not a size in one of the forms or not in the range
     */
    static long parse(String option, String text, long min, long max) {
        String range = "from " + format(min) + " (" + min + " bytes) to " + format(max) + " (" + max + " bytes)";
        if (!text.matches("[0-9]+[kKmMgGtT]?")) {
            throw new UsageException(option + " takes a size, " + FORMS + ", " + range + "; got '" + text + "'");
        }
        char last = text.charAt(text.length() - 1);
        int shift = switch (Character.toLowerCase(last)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        String digits = shift == 0 ? text : text.substring(0, text.length() - 1);
        long bytes;
        try {
            long number = Long.parseLong(digits);
            bytes = number > Long.MAX_VALUE >> shift ? Long.MAX_VALUE : number << shift;
        } catch (NumberFormatException e) {
            bytes = Long.MAX_VALUE; // more digits than a long holds: beyond any range
        }
        if (bytes < min || bytes > max) {
            throw new UsageException(option + " must be " + range + "; got '" + text + "'");
        }
        return bytes;
    }

    /** {@code bytes} in the largest unit that writes it exactly: 1024 is "1k", 1536 is "1536". */
    static String format(long bytes) {
        String[] units = {"T", "G", "M", "k"};
        for (int i = 0; i < units.length; i++) {
            int shift = 40 - 10 * i;
            if (bytes != 0 && bytes % (1L << shift) == 0) {
                return (bytes >> shift) + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
