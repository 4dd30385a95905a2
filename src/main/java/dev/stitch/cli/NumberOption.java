package dev.stitch.cli;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The integer values of every option, read one way: decimal or {@code 0x} hexadecimal, either
 * with a sign, checked against the range the option allows as written, never wrapped. A 64-bit
 * value may be written as the signed number or as its unsigned bit pattern, in decimal as in hex:
 * {@code -1}, {@code 18446744073709551615} and {@code 0xffffffffffffffff} are the same 64 bits,
 * and {@code -9223372036854775808} is as good as {@code 0x8000000000000000}.
 */
final class NumberOption {
    private static final Pattern SYNTAX = Pattern.compile("[+-]?(?:0[xX][0-9a-fA-F]+|[0-9]+)");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger UNSIGNED_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** What an option takes, for messages: a noun and the range in words. */
    private record Range(String what, BigInteger min, BigInteger max, String written) {
        boolean holds(BigInteger value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }

    private static final Range ADDRESS = new Range("an address", BigInteger.ZERO, UNSIGNED_MAX,
            "0..0xffffffffffffffff (decimal or 0x hex)");
    private static final Range BITS_64 = new Range("a 64-bit integer", LONG_MIN, UNSIGNED_MAX,
            "-9223372036854775808..9223372036854775807, or a bit pattern up to 0xffffffffffffffff"
                    + " (18446744073709551615), in decimal or 0x hex");
    private static final Range POSITIVE_INT = new Range("a positive integer", BigInteger.ONE,
            BigInteger.valueOf(Integer.MAX_VALUE), "1.." + Integer.MAX_VALUE + " (decimal or 0x hex)");

    private NumberOption() {}

    /** An address, 0..2^64-1. */
    static long address(String command, String option, String text) {
        return parse(command, option, text, ADDRESS).longValue();
    }

    /** 64 bits, written as a signed or an unsigned number. */
    static long bits64(String command, String option, String text) {
        return parse(command, option, text, BITS_64).longValue();
    }

    /** 1..{@link Integer#MAX_VALUE}. */
    static int positiveInt(String command, String option, String text) {
        return parse(command, option, text, POSITIVE_INT).intValue();
    }

    /**
     * {@code text} as a number in {@code range}.
     *
     * @param option how messages name the value: the option, or the option and which of its values
     */
    private static BigInteger parse(String command, String option, String text, Range range) {
        String trimmed = text.strip();
        if (!SYNTAX.matcher(trimmed).matches()) {
            throw new UsageException(command + ": " + option + " takes " + range.what() + ", " + range.written()
                    + "; got '" + text + "'");
        }
        boolean negative = trimmed.startsWith("-");
        String unsigned = negative || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        boolean hex = unsigned.length() > 2 && (unsigned.charAt(1) == 'x' || unsigned.charAt(1) == 'X');
        BigInteger magnitude = hex ? new BigInteger(unsigned.substring(2), 16) : new BigInteger(unsigned);
        BigInteger value = negative ? magnitude.negate() : magnitude;
        if (!range.holds(value)) {
            throw new UsageException(command + ": " + option + " " + text + " is out of range; allowed "
                    + range.written());
        }
        return value;
    }
}
