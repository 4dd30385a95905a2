package dev.stitch.jit;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The machine's physical memory as the JVM sees it, for default memory budgets. The JVM's
 * operating-system bean reports a container's memory limit rather than the host's when there is
 * one, which is what the kernel's OOM killer will go by.
 */
final class PhysicalMemory {
    private PhysicalMemory() {}

    /**
     * A quarter of physical memory, or {@code ceiling} if that is less or if this JVM cannot say
     * how much memory there is.
     */
    static long quarterOrAtMost(long ceiling) {
        long total = totalBytes();
        return total <= 0 ? ceiling : Math.min(ceiling, total / 4);
    }

    /** The physical memory in bytes, or 0 if this JVM does not report it. */
    private static long totalBytes() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
    }
}
