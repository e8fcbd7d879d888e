package io.lvnet.train;

/**
 * What a training configuration means where it says nothing: the reference's values
 * ({@code FF++.yml}, {@code train.py}), in one place. Adam's own defaults are {@link
 * AdamSettings#reference()}'s; SSPSL's reference region and the non-finite-loss policy are their
 * types' defaults.
 */
final class TrainDefaults {
    /** {@code datasets.image_size}: the reference's 299 px crops. */
    static final int IMAGE_SIZE = 299;
    /** {@code model.width}: the full network. */
    static final double WIDTH = 1.0;
    /** {@code train.epoch}. */
    static final int EPOCHS = 30;
    /** {@code train.manual_seed}. */
    static final long SEED = 1234;
    /** {@code batch_size} of a split. */
    static final int BATCH_SIZE = 16;
    /** {@code train.lr_gamma}: the learning rate's factor at each step. */
    static final double LR_GAMMA = 0.5;
    /** {@code train.lr_step}: epochs between steps. */
    static final int LR_STEP_EPOCHS = 5;

    private TrainDefaults() {
    }
}
