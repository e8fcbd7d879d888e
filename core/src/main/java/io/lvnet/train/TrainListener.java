package io.lvnet.train;

/** Told what training does, for progress bars and logs. */
public interface TrainListener {
    /** No reporting. */
    TrainListener NONE = new TrainListener() { };

    /** A training step finished: its measurements, the epoch's running accuracy and rate. */
    default void step(int epoch, int batch, int batches, StepMetrics step, double epochAccuracy, double imagesPerSecond) {
    }

    /** Validation of an epoch starts. */
    default void validating(int epoch) {
    }

    /** An epoch finished and was saved. */
    default void epoch(EpochRecord record) {
    }
}
