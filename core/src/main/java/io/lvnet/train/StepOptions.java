package io.lvnet.train;

/**
 * How steps are taken.
 *
 * @param mixup whether batches are mixed (the reference's default; supervised steps only)
 * @param recomputeEarlyStages whether the early stages are recomputed in backward instead of
 *     keeping their activations (see {@link ForwardBackward}); the gradients are the same
 * @param nonFiniteLoss what the run does with a step whose loss or gradients are not finite
 */
public record StepOptions(boolean mixup, boolean recomputeEarlyStages, NonFiniteLoss nonFiniteLoss) {
    /** Mixup on, early stages recomputed, a non-finite step stops the run. */
    public static final StepOptions DEFAULT = new StepOptions(true, true);

    /** Options that stop the run at a non-finite step. */
    public StepOptions(boolean mixup, boolean recomputeEarlyStages) {
        this(mixup, recomputeEarlyStages, NonFiniteLoss.STOP);
    }

    /** These options with mixup set to {@code on}. */
    public StepOptions withMixup(boolean on) {
        return new StepOptions(on, recomputeEarlyStages, nonFiniteLoss);
    }

    /** These options with {@code policy} for non-finite steps. */
    public StepOptions withNonFiniteLoss(NonFiniteLoss policy) {
        return new StepOptions(mixup, recomputeEarlyStages, policy);
    }
}
