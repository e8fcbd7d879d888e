package io.lvnet.train;

/**
 * How supervised steps are taken.
 *
 * @param mixup whether batches are mixed (the reference's default)
 * @param recomputeEarlyStages whether the early stages are recomputed in backward instead of
 *     keeping their activations (see {@link TrainingPass}); the gradients are the same
 */
public record StepOptions(boolean mixup, boolean recomputeEarlyStages) {
    /** Mixup on, early stages recomputed. */
    public static final StepOptions DEFAULT = new StepOptions(true, true);

    /** These options with mixup set to {@code on}. */
    public StepOptions withMixup(boolean on) {
        return new StepOptions(on, recomputeEarlyStages);
    }
}
