package io.lvnet.memory;

/**
 * When a training loop hands freed native memory back ({@link NativeHeap#trim}): every
 * {@link #EVERY_STEPS} steps, and whenever resident memory after a step has grown more than
 * {@link #SLACK} above the working set, the resident memory after the first step since the
 * last trim.
 *
 * <p>Why both: the periodic trim returns what a phase left behind (the validation pass, the
 * first epochs); the growth trigger catches a step size whose freed blocks glibc cannot reuse
 * (a full-size batch-8 benchmark grew 14.7 % over 30 steps without it). A trim is followed by one
 * step that faults its working set back in, so trimming on every step would cost that each time.
 */
public final class HeapTrimmer {
    /** Steps between periodic trims. */
    public static final int EVERY_STEPS = 100;
    /** Growth over the working set that triggers a trim. */
    public static final double SLACK = 0.05;

    private final java.util.function.LongSupplier rssKb;
    private final java.util.function.BooleanSupplier trimmer;
    private long steps;
    /** Resident memory after the first step since the last trim, KiB; -1 until measured. */
    private long workingSetKb = -1;
    private long trims;

    /** Trims this process's glibc heaps ({@link NativeHeap}), reading its resident memory ({@link ResidentMemory}). */
    public HeapTrimmer() {
        this(() -> ResidentMemory.now().rssKb(), NativeHeap::trim);
    }

    /** For tests: resident memory (KiB, negative when unknown) and the trim from elsewhere. */
    HeapTrimmer(java.util.function.LongSupplier rssKb, java.util.function.BooleanSupplier trim) {
        this.rssKb = rssKb;
        this.trimmer = trim;
    }

    /**
     * Call after every step.
     *
     * @return whether it trimmed
     */
    public boolean afterStep() {
        steps++;
        long rss = rssKb.getAsLong();
        if (rss < 0) { // resident memory unknown (not Linux): periodic trims only
            return steps % EVERY_STEPS == 0 && trim();
        }
        if (workingSetKb < 0) {
            workingSetKb = rss;
            return false;
        }
        if (steps % EVERY_STEPS == 0 || rss > workingSetKb * (1 + SLACK)) {
            return trim();
        }
        return false;
    }

    /** Trims now (after a validation pass, say); the next step measures the working set again. */
    public boolean trim() {
        trims++;
        workingSetKb = -1;
        return trimmer.getAsBoolean();
    }

    /** Trims so far. */
    public long trims() {
        return trims;
    }
}
