package io.lvnet.memory;

/**
 * When a training loop hands freed memory back: a full collection of the Java heap, kept close
 * to what is live ({@link JavaHeap}), then the native heaps' free pages ({@link NativeHeap#trim}); every
 * {@link #EVERY_STEPS} steps, and after a phase that leaves freed memory behind (validation).
 * A trim is followed by a step that faults its working set back in, so trimming every step would
 * cost that each time. A trigger on growth past the working set (5 %) was tried and dropped: on
 * a full-size batch-8 benchmark resident memory still grew 16 % from pass 10 to 40, and each trim
 * only moved the working set the next step measured.
 */
public final class HeapTrimmer {
    /** Steps between periodic trims. */
    public static final int EVERY_STEPS = 100;
    private final java.util.function.BooleanSupplier trimmer;
    private long steps;
    private long trims;

    /**
     * Collects the Java heap and trims this process's glibc heaps; from now on the collector
     * keeps little of its heap free ({@link JavaHeap#keepCommittedNearLive}).
     */
    public HeapTrimmer() {
        this(() -> {
            JavaHeap.collect();
            return NativeHeap.trim();
        });
        JavaHeap.keepCommittedNearLive();
    }

    /** For tests: the trim from elsewhere. */
    HeapTrimmer(java.util.function.BooleanSupplier trim) {
        this.trimmer = trim;
    }

    /**
     * Call after every step.
     *
     * @return whether it trimmed
     */
    public boolean afterStep() {
        steps++;
        return steps % EVERY_STEPS == 0 && trim();
    }

    /** Trims now (after a validation pass, say). */
    public boolean trim() {
        trims++;
        return trimmer.getAsBoolean();
    }

    /** Trims so far. */
    public long trims() {
        return trims;
    }
}
