package io.lvnet.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's resident memory, native allocations (libtorch) included. */
public final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak resident set size in MiB from {@code /proc/self/status} (VmHWM), or -1 where unavailable. */
    public static long peakRssMb() {
        return statusMb("VmHWM:");
    }

    /** Current resident set size in MiB from {@code /proc/self/status} (VmRSS), or -1 where unavailable. */
    public static long currentRssMb() {
        return statusMb("VmRSS:");
    }

    /**
     * The native allocator serving libtorch: {@code jemalloc} when it is loaded into the process
     * (the launcher preloads it where installed), else {@code glibc}; {@code unknown} off Linux.
     */
    public static String allocator() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("libjemalloc") ? "jemalloc" : "glibc";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long statusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
