package dev.stitch.tiny;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.stitch.tiny.TinyRunner.value;
import static org.assertj.core.api.Assertions.assertThat;

/** 64-bit arithmetic as Java's: wrapping, truncating division, masked shifts, 1/0 comparisons. */
class ArithmeticTest {
    private static final String MAX = "9223372036854775807";
    private static final String MIN = "-9223372036854775808";

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = "::", value = {
        // wrapping at the ends of the range
        MAX + " + 1 :: " + MIN,
        MIN + " - 1 :: " + MAX,
        MAX + " * 2 :: -2",
        MIN + " * -1 :: " + MIN,
        "-(" + MIN + ") :: " + MIN,
        MIN + " / -1 :: " + MIN,
        MIN + " % -1 :: 0",
        "abs(" + MIN + ") :: " + MIN,
        "~" + MAX + " :: " + MIN,
        "4611686018427387904 * 4 :: 0",
        // truncating division and remainder, sign of the dividend
        "7 / 2 :: 3",
        "-7 / 2 :: -3",
        "7 / -2 :: -3",
        "-7 / -2 :: 3",
        "7 % 3 :: 1",
        "-7 % 3 :: -1",
        "7 % -3 :: 1",
        "-7 % -3 :: -1",
        // shifts: count masked with 63, >> keeps the sign, >>> fills with zeros
        "1 << 63 :: " + MIN,
        "1 << 64 :: 1",
        "1 << 65 :: 2",
        "1 << -1 :: " + MIN,
        "-16 >> 2 :: -4",
        "-16 >>> 60 :: 15",
        "-1 >>> 64 :: -1",
        "-1 >>> 63 :: 1",
        MIN + " >> 63 :: -1",
        "5 >> 130 :: 1",
        // bitwise
        "12 & 10 :: 8",
        "12 | 10 :: 14",
        "12 ^ 10 :: 6",
        "~0 :: -1",
        "0xff & -1 :: 255",
        // comparisons yield 1 or 0, signed
        "3 < 4 :: 1",
        "4 < 3 :: 0",
        "3 <= 3 :: 1",
        "3 > 3 :: 0",
        "3 >= 3 :: 1",
        "3 == 3 :: 1",
        "3 != 3 :: 0",
        MIN + " < " + MAX + " :: 1",
        "-1 < 0 :: 1",
        "0xffffffffffffffff < 0 :: 1",
        // logical operators yield 1 or 0, any non-zero is true
        "5 && 7 :: 1",
        "5 && 0 :: 0",
        "0 || -3 :: 1",
        "0 || 0 :: 0",
        "!5 :: 0",
        "!0 :: 1",
        "!!-9 :: 1",
        // built-ins
        "abs(-5) :: 5",
        "abs(5) :: 5",
        "min(-3, 2) :: -3",
        "max(-3, 2) :: 2",
        "min(" + MIN + ", " + MAX + ") :: " + MIN,
        // precedence evaluated
        "1 + 2 * 3 :: 7",
        "(1 + 2) * 3 :: 9",
        "1 << 2 + 1 :: 8",
        "1 | 2 ^ 3 & 4 :: 3",
        "5 - 3 - 1 :: 1",
        "100 / 10 / 5 :: 2",
        "2 + 3 == 5 && 1 < 2 :: 1",
        "1 < 2 == 1 :: 1",
        "-2 * -3 :: 6",
        "- 2 * 3 :: -6",
        "8 & 4 == 4 :: 0",
        "1 || 0 && 0 :: 1",
    })
    void computesAsJavaDoes(String expression, String expected) {
        assertThat(value(expression)).isEqualTo(expected);
    }

    @Test
    void variablesHoldTheExtremes() {
        assertThat(TinyRunner.output("a = " + MAX + "\nb = a + 1\nprint(a, b, b - 1 == a)\n"))
                .isEqualTo(MAX + " " + MIN + " 1\n");
    }

    @Test
    void shiftsByAVariableAreMasked() {
        assertThat(TinyRunner.output("n = 0\nwhile n < 130 { print(n, 1 << n, " + MIN + " >>> n); n = n + 64 }"))
                .isEqualTo("0 1 " + MIN + "\n64 1 " + MIN + "\n128 1 " + MIN + "\n");
    }
}
