package io.lvnet.memory;


/**
 * The process's resident memory in whole MiB, native allocations (libtorch) included: a view of
 * {@link ResidentMemory} for callers that report integers, -1 where unknown.
 */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak resident set size in MiB from {@code /proc/self/status} (VmHWM), or -1 where unavailable. */
    public static long peakRssMb() {
        long kb = ResidentMemory.now().peakKb();
        return kb < 0 ? -1 : kb / 1024;
    }

    /** Current resident set size in MiB from {@code /proc/self/status} (VmRSS), or -1 where unavailable. */
    public static long currentRssMb() {
        long kb = ResidentMemory.now().rssKb();
        return kb < 0 ? -1 : kb / 1024;
    }

    /** See {@link ResidentMemory#allocator()}. */
    public static String allocator() {
        return ResidentMemory.allocator();
    }

    /**
     * The allocator and the huge pages asked for, as benchmarks report them: e.g. {@code glibc,
     * huge pages for libtorch+glibc} (see {@link ResidentMemory#hugePages()}).
     */
    public static String allocatorSettings() {
        String huge = ResidentMemory.hugePages();
        return allocator() + (huge.equals("none") ? ", no huge pages" : ", huge pages for " + huge);
    }
}
