package io.lvnet.memory;

/**
 * When a training loop hands freed memory back: a full collection of the Java heap, kept close
 * to what is live ({@link JavaHeap}), then the native heaps' free pages ({@link NativeHeap#trim});
 * after {@link #EVERY_STEPS} steps or {@link #EVERY_SECONDS} seconds of steps since the last trim,
 * whichever comes first, and around a phase that leaves freed memory behind (validation starts
 * from the floor, so that a reading after it does not depend on when the last periodic trim ran).
 * A trim is followed by a step that faults its working set back in, so trimming after every
 * quick step would cost that each time; by time, that cost stays a small share of any model's
 * steps (the compact model's 100 steps take about a minute). A step of {@link #LONG_STEP_SECONDS}
 * or more (full size: 15 to 20 seconds) is always followed by a trim: on a full-size batch-8
 * benchmark of 40 steps, trimmed each minute, what a step held swung by up to 14 % from step 10 on
 * (glibc's free chunks left resident by the steps since the last trim), trimmed after every step
 * by 2 %, at the same speed (0.41 images/s) and a lower peak (4,060 MB against 4,612). A trigger
 * on growth past the working set (5 %) was tried and dropped: resident memory still grew 16 %
 * from pass 10 to 40, and each trim only moved the working set the next step measured.
 */
public final class HeapTrimmer {
    /** Steps between periodic trims at most. */
    public static final int EVERY_STEPS = 100;
    /** Seconds of steps between periodic trims at most. */
    public static final long EVERY_SECONDS = 60;
    /**
     * A step at least this long is always followed by a trim: faulting its working set back in
     * costs the next step a small share of its time, and each step starts from the floor.
     */
    public static final long LONG_STEP_SECONDS = 10;
    private final java.util.function.BooleanSupplier trimmer;
    private final java.util.function.LongSupplier nanoClock;
    private long stepsSinceTrim;
    private long lastTrimNanos;
    /** When the last step (or trim) ended. */
    private long lastMarkNanos;
    private long trims;

    /**
     * Collects the Java heap and trims this process's glibc heaps; from now on the collector
     * keeps little of its heap free ({@link JavaHeap#keepCommittedNearLive}).
     */
    public HeapTrimmer() {
        this(() -> {
            JavaHeap.collect();
            return NativeHeap.trim();
        }, System::nanoTime);
        JavaHeap.keepCommittedNearLive();
    }

    /** For tests: the trim and the clock from elsewhere. */
    HeapTrimmer(java.util.function.BooleanSupplier trim, java.util.function.LongSupplier nanoClock) {
        this.trimmer = trim;
        this.nanoClock = nanoClock;
        this.lastTrimNanos = nanoClock.getAsLong();
        this.lastMarkNanos = lastTrimNanos;
    }

    /**
     * Call after every step.
     *
     * @return whether it trimmed
     */
    public boolean afterStep() {
        stepsSinceTrim++;
        long now = nanoClock.getAsLong();
        boolean longStep = now - lastMarkNanos >= LONG_STEP_SECONDS * 1_000_000_000L;
        lastMarkNanos = now;
        boolean due = longStep || stepsSinceTrim >= EVERY_STEPS || now - lastTrimNanos >= EVERY_SECONDS * 1_000_000_000L;
        return due && trim();
    }

    /** Trims now (after a validation pass, say); the next periodic trim counts from here. */
    public boolean trim() {
        trims++;
        stepsSinceTrim = 0;
        boolean trimmed = trimmer.getAsBoolean();
        lastTrimNanos = nanoClock.getAsLong();
        lastMarkNanos = lastTrimNanos;
        return trimmed;
    }

    /** Trims so far. */
    public long trims() {
        return trims;
    }
}
