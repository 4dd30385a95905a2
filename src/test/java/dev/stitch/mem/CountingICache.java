package dev.stitch.mem;

import java.util.ArrayList;
import java.util.List;

/** Records every flush, then passes it on to the host's real flusher. */
final class CountingICache implements ICache {
    record Flush(long address, long length) {}

    private final ICache real = ICache.host();
    private final List<Flush> flushes = new ArrayList<>();

    @Override
    public synchronized void flush(long address, long length) {
        flushes.add(new Flush(address, length));
        real.flush(address, length);
    }

    @Override
    public String description() {
        return "counting, then " + real.description();
    }

    synchronized List<Flush> flushes() {
        return List.copyOf(flushes);
    }

    synchronized void clear() {
        flushes.clear();
    }
}
