package io.lvnet.memory;

import java.util.Arrays;

/**
 * Resident memory over the passes of a benchmark: what each pass left resident and the most it
 * held while it ran (its working set). A leak raises both from pass to pass; what a pass leaves
 * behind also swings with what the allocator happens to keep, while its peak does not.
 */
public final class PassMemory {
    private final long[] after;
    private final long[] peak;
    private final long peakBefore;
    private boolean peaksKnown = true;
    private int passes;

    /** Room for {@code passes} passes. */
    public PassMemory(int passes) {
        after = new long[passes];
        peak = new long[passes];
        peakBefore = mb(ResidentMemory.now().peakKb());
    }

    /** Call as a pass begins: restarts the high-water mark ({@link ResidentMemory#resetPeak}). */
    public void begin() {
        peaksKnown &= ResidentMemory.resetPeak();
    }

    /** Call as a pass ends. */
    public void end() {
        ResidentMemory now = ResidentMemory.now();
        after[passes] = mb(now.rssKb());
        peak[passes] = peaksKnown ? mb(now.peakKb()) : -1;
        passes++;
    }

    /** MiB resident after each pass so far, -1 where unknown. */
    public long[] after() {
        return Arrays.copyOf(after, passes);
    }

    /** MiB held at most during each pass so far, -1 where unknown. */
    public long[] peaks() {
        return Arrays.copyOf(peak, passes);
    }

    /** The most held from before the first pass to now, MiB; -1 where unknown. */
    public long overallPeakMb() {
        long max = Math.max(peakBefore, mb(ResidentMemory.now().peakKb()));
        for (int i = 0; i < passes; i++) {
            max = Math.max(max, peak[i]);
        }
        return max;
    }

    /**
     * How much {@code mbPerPass} grew from pass {@code from} (1-based) to its largest value after
     * it, as a fraction of the value at {@code from}; NaN when there are not that many passes or
     * the value is unknown.
     */
    public static double growthFrom(long[] mbPerPass, int from) {
        if (from < 1 || mbPerPass.length < from || mbPerPass[from - 1] <= 0) {
            return Double.NaN;
        }
        long max = Arrays.stream(mbPerPass, from - 1, mbPerPass.length).max().orElseThrow();
        return (max - mbPerPass[from - 1]) / (double) mbPerPass[from - 1];
    }

    private static long mb(long kb) {
        return kb < 0 ? -1 : kb / 1024;
    }
}
