package io.lvnet.train;

import io.lvnet.data.HostBatch;

import ai.djl.ndarray.NDManager;

/** One optimizer step of a training recipe (supervised or semi-supervised). */
public interface TrainingStep {
    /**
     * Trains on {@code batch}; arrays are created in {@code scope}.
     *
     * @return the batch's loss terms and accuracy before the update
     */
    StepMetrics run(HostBatch batch, NDManager scope, int epoch);
}
