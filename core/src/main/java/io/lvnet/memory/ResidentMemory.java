package io.lvnet.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The process's resident memory at one moment, as the kernel counts it: the Java heap, libtorch's
 * tensors and every other native allocation together. The JVM's own counters miss the native
 * part, which is where a leak of tensors shows.
 *
 * <p>Read from {@code /proc/self/status} ({@code VmRSS}, {@code VmHWM}, {@code RssAnon},
 * {@code RssFile}); where that file does not exist (not Linux) all are unknown: {@link #known()}
 * is false and the sizes in MiB are NaN.
 *
 * @param rssKb resident set size in KiB, -1 when unknown
 * @param peakKb peak resident set size (high-water mark) in KiB, -1 when unknown
 * @param anonKb the part of {@code rssKb} no file backs (the Java heap, the native heaps: what a
 *     leak raises), KiB, -1 when unknown
 * @param fileKb the part mapped from files (libtorch's, OpenCV's and the JVM's code), KiB, -1 when
 *     unknown; it grows as more of their code is first run, never by a leak
 */
public record ResidentMemory(long rssKb, long peakKb, long anonKb, long fileKb) {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    private static final ResidentMemory UNKNOWN = new ResidentMemory(-1, -1, -1, -1);

    /** A reading of the totals only, its anonymous and file-backed parts unknown. */
    public ResidentMemory(long rssKb, long peakKb) {
        this(rssKb, peakKb, -1, -1);
    }

    /** The process's resident memory now. */
    public static ResidentMemory now() {
        return read(STATUS);
    }

    /**
     * The process's resident memory once it has stopped falling: polled every {@code 25} ms until
     * two readings {@code 100} ms apart differ by less than 1 MiB, or {@code maxMillis} have
     * passed. After a {@link HeapTrimmer#trim trim}, G1 hands the heap's freed regions back on a
     * thread of its own, so a reading taken at once catches an arbitrary part of them.
     *
     * @param maxMillis the longest it waits
     */
    public static ResidentMemory settled(long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        ResidentMemory last = now();
        long stableSince = System.nanoTime();
        while (last.known() && System.nanoTime() < deadline) {
            sleep(25);
            ResidentMemory next = now();
            if (Math.abs(next.rssKb - last.rssKb) >= 1024) {
                stableSince = System.nanoTime();
                last = next;
            } else if (System.nanoTime() - stableSince >= 100_000_000L) {
                return next;
            }
        }
        return last.known() ? now() : last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Restarts the kernel's high-water mark from the current size, so that {@link #peakKb} of a
     * later reading is the most held since this call: the working set of one step or epoch,
     * which a lifetime peak hides (Linux 4.0 and later, {@code clear_refs}).
     *
     * @return whether it restarted; false off Linux or where procfs refuses the write
     */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** The sizes in a {@code /proc/<pid>/status} file; unknown where it cannot be read. */
    static ResidentMemory read(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status);
        } catch (IOException | SecurityException e) {
            return UNKNOWN; // no procfs: not Linux, or a sandbox that hides it
        }
        return new ResidentMemory(fieldKb(lines, "VmRSS:"), fieldKb(lines, "VmHWM:"), fieldKb(lines, "RssAnon:"),
                fieldKb(lines, "RssFile:"));
    }

    /** Whether the current size is known. */
    public boolean known() {
        return rssKb >= 0;
    }

    /** Resident set size in MiB, NaN when unknown. */
    public double rssMb() {
        return rssKb < 0 ? Double.NaN : rssKb / 1024.0;
    }

    /** Peak resident set size in MiB, NaN when unknown. */
    public double peakMb() {
        return peakKb < 0 ? Double.NaN : peakKb / 1024.0;
    }

    /** The anonymous part of the resident size in MiB, NaN when unknown. */
    public double anonMb() {
        return anonKb < 0 ? Double.NaN : anonKb / 1024.0;
    }

    /** The file-backed part of the resident size in MiB, NaN when unknown. */
    public double fileMb() {
        return fileKb < 0 ? Double.NaN : fileKb / 1024.0;
    }

    /**
     * The native allocator serving libtorch: {@code jemalloc} when it is loaded into the process
     * (the launcher preloads it where installed), else {@code glibc}; {@code unknown} off Linux.
     */
    public static String allocator() {
        try {
            return Files.readString(Path.of("/proc/self/maps")).contains("libjemalloc") ? "jemalloc" : "glibc";
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }

    /**
     * Which transparent huge pages the process asked for, as the launcher and {@link
     * LibtorchHugePages} set them: {@code libtorch} (c10's {@code THP_MEM_ALLOC_ENABLE=1}), {@code glibc} ({@code
     * glibc.malloc.hugetlb=1} in {@code GLIBC_TUNABLES}), both joined by {@code +}, or {@code
     * none}. On a machine where page faults are dear they decide the speed (README, "Speed").
     */
    public static String hugePages() {
        return hugePages(System.getenv());
    }

    static String hugePages(Map<String, String> env) {
        List<String> asked = new ArrayList<>();
        if (LibtorchHugePages.asked(env)) {
            asked.add("libtorch");
        }
        String tunables = env.getOrDefault("GLIBC_TUNABLES", "");
        if (Arrays.asList(tunables.split(":")).contains("glibc.malloc.hugetlb=1")) {
            asked.add("glibc");
        }
        return asked.isEmpty() ? "none" : String.join("+", asked);
    }

    /** A {@code Name:   1234 kB} line's number, -1 when absent or malformed. */
    private static long fieldKb(List<String> lines, String field) {
        for (String line : lines) {
            if (line.startsWith(field)) {
                String[] parts = line.substring(field.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
