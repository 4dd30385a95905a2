package dev.stitch.tiny;

import java.io.PrintStream;
import java.util.Objects;

/**
 * What a run prints, formatted straight into a byte buffer and written to the {@link PrintStream}
 * in large chunks: a program printing in its hot loop must not pay for a stream call (and, on an
 * auto-flushing {@code System.out}, a flush) per line. The buffer is written and the stream
 * flushed when it fills, when the run ends, and before a runtime error is reported, so output
 * printed before an error is never lost.
 */
public final class ProgramOutput {
    private static final int CAPACITY = 8192;
    /** Longest formatted value: "-9223372036854775808" plus a space or newline. */
    private static final int LONGEST_VALUE = 21;

    private final PrintStream out;
    private final byte[] buffer = new byte[CAPACITY];
    private int size;

    public ProgramOutput(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints {@code count} values from {@code values[offset]} on, separated by spaces, then a newline. */
    public void printLine(long[] values, int offset, int count) {
        for (int i = 0; i < count; i++) {
            append(values[offset + i], i == count - 1 ? '\n' : ' ');
        }
        if (count == 0) {
            if (size == CAPACITY) {
                drain();
            }
            buffer[size++] = '\n';
        }
    }

    /** Prints one value and a newline. */
    public void printLine(long value) {
        append(value, '\n');
    }

    private void append(long value, char after) {
        if (size + LONGEST_VALUE > CAPACITY) {
            drain();
        }
        if (value == Long.MIN_VALUE) {
            for (byte b : "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                buffer[size++] = b;
            }
        } else {
            if (value < 0) {
                buffer[size++] = '-';
                value = -value;
            }
            int digits = 1;
            for (long rest = value / 10; rest != 0; rest /= 10) {
                digits++;
            }
            for (int i = size + digits - 1; i >= size; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            size += digits;
        }
        buffer[size++] = (byte) after;
    }

    /** Writes what is buffered to the stream and flushes it. */
    public void flush() {
        drain();
        out.flush();
    }

    private void drain() {
        if (size > 0) {
            out.write(buffer, 0, size);
            size = 0;
        }
    }
}
