package dev.stitch.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ByteSize}: sizes as options write them, and back. */
class ByteSizeTest {
    private static long parse(String text) {
        return ByteSize.parse("test", text, 0, Long.MAX_VALUE);
    }

    @Test
    void unitsArePowersOf1024() {
        assertThat(parse("1048576")).isEqualTo(1 << 20);
        assertThat(parse("64k")).isEqualTo(64 << 10);
        assertThat(parse("512M")).isEqualTo(512L << 20);
        assertThat(parse("2G")).isEqualTo(2L << 30);
        assertThat(parse("3t")).isEqualTo(3L << 40);
        assertThat(parse("0007K")).isEqualTo(7 << 10);
        assertThat(parse("8388607T")).isEqualTo(8388607L << 40);
        assertThat(parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void formatPicksTheLargestExactUnit() {
        assertThat(ByteSize.format(1L << 30)).isEqualTo("1G");
        assertThat(ByteSize.format(1L << 50)).isEqualTo("1024T");
        assertThat(ByteSize.format(1536L << 20)).isEqualTo("1536M");
        assertThat(ByteSize.format(1024)).isEqualTo("1k");
        assertThat(ByteSize.format(1000)).isEqualTo("1000");
        assertThat(ByteSize.format(0)).isEqualTo("0");
    }
}
