package dev.stitch.stencil;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The magic numbers divide exactly as Java's {@code /} for every dividend, edges included. */
class DivisionMagicTest {
    private static final long[] EDGES = {0, 1, -1, 2, -2, 3, 7, 1000, -1000, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF_FFFFL};

    @Test
    void everyDivisorDividesEveryDividendAsJava() {
        SplittableRandom random = new SplittableRandom(20261203L);
        long[] divisors = new long[600];
        int k = 0;
        for (long d = -100; d <= 100; d++) {
            divisors[k++] = d;
        }
        for (int shift = 2; shift < 63; shift++) {
            divisors[k++] = (1L << shift) + 1;
            divisors[k++] = -(1L << shift) - 1;
            divisors[k++] = (1L << shift) - 1;
        }
        while (k < divisors.length) {
            divisors[k++] = random.nextLong() >> random.nextInt(63);
        }
        for (long d : divisors) {
            if (d == 0 || d == 1 || d == -1 || d == Long.MIN_VALUE || DivisionMagic.isPowerOfTwo(d)) {
                continue;
            }
            DivisionMagic magic = DivisionMagic.of(d);
            for (long n : EDGES) {
                assertThat(magic.divide(n, d)).as("%d / %d", n, d).isEqualTo(n / d);
            }
            for (int i = 0; i < 200; i++) {
                long n = random.nextLong() >> random.nextInt(64);
                assertThat(magic.divide(n, d)).as("%d / %d", n, d).isEqualTo(n / d);
            }
        }
    }

    @Test
    void knownMagicNumbers() {
        // Hacker's Delight, table 10-2 (64-bit): 3 -> 0x5555555555555556, shift 0; 7 -> 0x4924924924924925, shift 1.
        assertThat(DivisionMagic.of(3)).isEqualTo(new DivisionMagic(0x5555_5555_5555_5556L, 0));
        assertThat(DivisionMagic.of(7)).isEqualTo(new DivisionMagic(0x4924_9249_2492_4925L, 1));
        assertThat(DivisionMagic.isPowerOfTwo(1024)).isTrue();
        assertThat(DivisionMagic.isPowerOfTwo(-1024)).isTrue();
        assertThat(DivisionMagic.isPowerOfTwo(1)).isFalse();
        assertThat(DivisionMagic.isPowerOfTwo(Long.MIN_VALUE)).isFalse();
        assertThatThrownBy(() -> DivisionMagic.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
