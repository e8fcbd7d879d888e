package io.lvnet.progress;

/** Told as work advances, so that long scans can show progress. */
@FunctionalInterface
public interface ProgressListener {
    /** No progress reporting. */
    ProgressListener NONE = done -> { };

    /** {@code done} more items are finished. */
    void advance(int done);
}
