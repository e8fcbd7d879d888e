package io.lvnet.train;

import ai.djl.ndarray.NDManager;

/** One optimisation step on a batch, whichever loss the variant trains with. */
public interface TrainingStep {
    /**
     * Trains on {@code batch}; arrays are created in {@code scope}.
     *
     * @return the batch's loss before the update
     */
    float run(HostBatch batch, NDManager scope, int epoch);
}
