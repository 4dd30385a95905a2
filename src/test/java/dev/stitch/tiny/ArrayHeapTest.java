package dev.stitch.tiny;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrayHeapTest {
    @Test
    void referencesCountFromZeroInAllocationOrder() {
        ArrayHeap heap = new ArrayHeap();
        for (int i = 0; i < 20; i++) {
            assertThat(heap.allocate(i)).isEqualTo(i);
        }
        assertThat(heap.count()).isEqualTo(20);
        assertThat(heap.length(7)).isEqualTo(7);
        assertThat(heap.isArray(0)).isTrue();
        assertThat(heap.isArray(19)).isTrue();
        assertThat(heap.isArray(20)).isFalse();
        assertThat(heap.isArray(-1)).isFalse();
    }

    @Test
    void elementsStartAtZeroAndKeepWhatIsStored() {
        ArrayHeap heap = new ArrayHeap();
        long a = heap.allocate(3);
        assertThat(heap.get(a, 2)).isZero();
        heap.set(a, 2, Long.MIN_VALUE);
        assertThat(heap.get(a, 2)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void badAccessesThrowTheMessagesUsersSee() {
        ArrayHeap heap = new ArrayHeap();
        long a = heap.allocate(2);
        assertThatThrownBy(() -> heap.get(a, 2)).isInstanceOf(TinyRuntimeException.class)
                .hasMessage("index 2 out of bounds for length 2");
        assertThatThrownBy(() -> heap.set(a, -1, 0)).hasMessage("index -1 out of bounds for length 2");
        assertThatThrownBy(() -> heap.get(a, Long.MIN_VALUE)).hasMessage("index -9223372036854775808 out of bounds for length 2");
        assertThatThrownBy(() -> heap.get(5, 0)).hasMessage("not an array: 5");
        assertThatThrownBy(() -> heap.length(-3)).hasMessage("not an array: -3");
        assertThatThrownBy(() -> heap.allocate(-1)).hasMessage("negative array size: -1");
        assertThatThrownBy(() -> heap.allocate(1L << 40)).hasMessage("array size too large: 1099511627776 (at most 2147483639)");
    }

    @Test
    void anArrayPastTheLimitIsARuntimeErrorAndTheOthersStayUsable() {
        try (ArrayHeap heap = new ArrayHeap(1 << 20)) {
            long a = heap.allocate(1000);
            heap.set(a, 999, 42);
            assertThatThrownBy(() -> heap.allocate(200_000)).isInstanceOf(TinyRuntimeException.class)
                    .hasMessage("out of memory: array(200000) needs 1600000 bytes, 1040448 of the 1048576-byte limit "
                            + "free (--max-memory)");
            assertThat(heap.count()).isEqualTo(1);
            assertThat(heap.get(a, 999)).isEqualTo(42);
            assertThat(heap.allocate(130_000)).isEqualTo(1);
            assertThat(heap.bytesUsed()).isEqualTo(128 + 8000 + 1_040_000);
        }
    }

    @Test
    void theLimitIsTheDefaultUnlessGivenAndMustBeInRange() {
        try (ArrayHeap heap = new ArrayHeap(); ArrayHeap small = new ArrayHeap(1024)) {
            assertThat(heap.limit()).isEqualTo(ArrayHeap.DEFAULT_LIMIT).isLessThanOrEqualTo(1L << 30);
            assertThat(small.limit()).isEqualTo(1024);
        }
        assertThatThrownBy(() -> new ArrayHeap(512)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array memory limit must be 1024..1125899906842624 bytes, got 512");
    }

    @Test
    void outputFormatsValuesAndFlushesOnRequest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgramOutput output = new ProgramOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        output.printLine(new long[] {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 10}, 0, 5);
        output.printLine(new long[0], 0, 0);
        output.printLine(123);
        assertThat(bytes.size()).isZero(); // buffered until flushed
        output.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("0 -1 -9223372036854775808 9223372036854775807 10\n\n123\n");
    }

    @Test
    void outputDrainsWhenTheBufferFills() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgramOutput output = new ProgramOutput(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        StringBuilder expected = new StringBuilder();
        for (long i = 0; i < 3000; i++) {
            output.printLine(i * 1_000_000_007L);
            output.printLine(new long[0], 0, 0);
            expected.append(i * 1_000_000_007L).append("\n\n");
        }
        output.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
}
