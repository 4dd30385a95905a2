package dev.stitch.mem;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PosixTest {
    private static final int RW = Posix.PROT_READ | Posix.PROT_WRITE;
    private static final int ANON = Posix.MAP_PRIVATE | Posix.MAP_ANONYMOUS;

    @Test
    void pageSizeIsQueriedAndAPowerOfTwo() {
        long page = Posix.pageSize();
        assertThat(page).isGreaterThanOrEqualTo(4096);
        assertThat(Long.bitCount(page)).isEqualTo(1);
    }

    @Test
    void mappedMemoryCanBeWrittenReadAndUnmapped() {
        long page = Posix.pageSize();
        long address = Posix.mmap(0, page, RW, ANON, -1, 0);
        MemorySegment memory = MemorySegment.ofAddress(address).reinterpret(page);
        memory.set(JAVA_LONG, 8, 0x1122334455667788L);
        assertThat(memory.get(JAVA_LONG, 8)).isEqualTo(0x1122334455667788L);
        assertThat(ProcMaps.read().containing(address).perms()).startsWith("rw-");
        Posix.munmap(address, page);
        assertThat(ProcMaps.read().overlapping(address, page)).isEmpty();
    }

    @Test
    void impossibleMmapReportsTheCallItsArgumentsAndErrno() {
        long impossible = 1L << 62;
        assertThatThrownBy(() -> Posix.mmap(0, impossible, RW, ANON, -1, 0))
                .isInstanceOfSatisfying(PosixException.class, e -> {
                    assertThat(e.errno()).isEqualTo(12);
                    assertThat(e.errnoName()).isEqualTo("ENOMEM");
                    assertThat(e.call()).isEqualTo("mmap(addr=0x0, length=" + impossible
                            + ", prot=PROT_READ|PROT_WRITE, flags=MAP_PRIVATE|MAP_ANONYMOUS, fd=-1, offset=0)");
                })
                .hasMessageEndingWith("failed: errno 12 (ENOMEM: cannot allocate memory)");
    }

    @Test
    void mprotectOfAnUnalignedAddressIsEinval() {
        long page = Posix.pageSize();
        long address = Posix.mmap(0, page, RW, ANON, -1, 0);
        try {
            assertThatThrownBy(() -> Posix.mprotect(address + 1, 16, Posix.PROT_READ | Posix.PROT_EXEC))
                    .isInstanceOf(PosixException.class)
                    .hasMessage("mprotect(addr=0x" + Long.toHexString(address + 1)
                            + ", length=16, prot=PROT_READ|PROT_EXEC) failed: errno 22 (EINVAL: invalid argument)");
        } finally {
            Posix.munmap(address, page);
        }
    }

    @Test
    void closingABadDescriptorIsEbadf() {
        assertThatThrownBy(() -> Posix.close(-1))
                .isInstanceOf(PosixException.class)
                .hasMessage("close(fd=-1) failed: errno 9 (EBADF: bad file descriptor)");
    }

    @Test
    void memfdCanBeSizedAndClosed() {
        int fd = Posix.memfdCreate("stitch-test", Posix.MFD_CLOEXEC);
        assertThat(fd).isGreaterThanOrEqualTo(0);
        Posix.ftruncate(fd, Posix.pageSize());
        Posix.close(fd);
        assertThatThrownBy(() -> Posix.ftruncate(fd, 1)).isInstanceOf(PosixException.class).hasMessageContaining("EBADF");
    }

    @Test
    void memfdWithUnknownFlagsIsEinval() {
        assertThatThrownBy(() -> Posix.memfdCreate("stitch-test", 0x4000_0000))
                .isInstanceOf(PosixException.class)
                .hasMessage("memfd_create(name=\"stitch-test\", flags=0x40000000) failed: errno 22 (EINVAL: invalid argument)");
    }

    @Test
    void unknownErrnoValuesAreStillExplained() {
        PosixException unknown = new PosixException("f()", 4242);
        assertThat(unknown.getMessage()).isEqualTo("f() failed: errno 4242 (a value Stitch has no name for; see errno(3))");
        assertThat(unknown.errnoName()).isNull();
    }
}
