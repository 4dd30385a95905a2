package dev.stitch.mem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreeListTest {
    @Test
    void allocatesFirstFitAndAligned() {
        FreeList list = new FreeList(1024);
        assertThat(list.allocate(48, 16)).isEqualTo(0);
        assertThat(list.allocate(16, 64)).isEqualTo(64);
        assertThat(list.allocate(16, 16)).isEqualTo(48);
        assertThat(list.freeBytes()).isEqualTo(1024 - 80);
    }

    @Test
    void refusesWhatDoesNotFit() {
        FreeList list = new FreeList(256);
        assertThat(list.allocate(256, 16)).isEqualTo(0);
        assertThat(list.allocate(16, 16)).isEqualTo(-1);
    }

    @Test
    void releasedNeighboursCoalesceIntoOneBlock() {
        FreeList list = new FreeList(96);
        long a = list.allocate(32, 16);
        long b = list.allocate(32, 16);
        long c = list.allocate(32, 16);
        list.release(a, 32);
        list.release(c, 32);
        assertThat(list.allocate(64, 16)).isEqualTo(-1);
        list.release(b, 32);
        assertThat(list.isEmpty()).isTrue();
        assertThat(list.allocate(96, 16)).isEqualTo(0);
    }

    @Test
    void releasingFreeSpaceIsDetected() {
        FreeList list = new FreeList(64);
        long a = list.allocate(32, 16);
        list.release(a, 32);
        assertThatThrownBy(() -> list.release(a, 32)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already free");
    }
}
