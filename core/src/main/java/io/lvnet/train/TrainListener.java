package io.lvnet.train;

/** Told what training does, for progress bars and logs. */
public interface TrainListener {
    /** No reporting. */
    TrainListener NONE = new TrainListener() { };

    /**
     * A training step finished and was logged.
     *
     * @param batch the step's index in the epoch, of {@code batches}
     * @param step what the step log holds for it: loss terms, rate, resident memory, whether skipped
     * @param epochAccuracy the epoch's running training accuracy (over steps not skipped)
     */
    default void step(int epoch, int batch, int batches, StepRecord step, double epochAccuracy) {
    }

    /** Validation of an epoch starts. */
    default void validating(int epoch) {
    }

    /** An epoch finished and was saved. */
    default void epoch(EpochRecord record) {
    }
}
