package io.lvnet.train;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.MixedPrecisionParameters;

/**
 * How steps are taken.
 *
 * @param mixup whether batches are mixed (the reference's default; supervised steps only)
 * @param recompute which stages are recomputed in backward instead of keeping their activations
 *     (see {@link ForwardBackward}); the gradients are the same
 * @param nonFiniteLoss what the run does with a step whose loss or gradients are not finite
 * @param bfloat16 whether the streams, CMCE and LFGA compute in bfloat16 (mixed precision: float32
 *     weights, optimizer state, MPFF, fusion, heads and loss; see {@link MixedPrecisionParameters})
 */
public record StepOptions(boolean mixup, Recompute recompute, NonFiniteLoss nonFiniteLoss, boolean bfloat16) {
    /** Mixup on, every stage recomputed, a non-finite step stops the run. */
    public static final StepOptions DEFAULT = new StepOptions(true, Recompute.ALL);

    /** Float32 options that stop the run at a non-finite step. */
    public StepOptions(boolean mixup, Recompute recompute) {
        this(mixup, recompute, NonFiniteLoss.STOP);
    }

    /** Float32 options. */
    public StepOptions(boolean mixup, Recompute recompute, NonFiniteLoss nonFiniteLoss) {
        this(mixup, recompute, nonFiniteLoss, false);
    }

    /** These options with mixup set to {@code on}. */
    public StepOptions withMixup(boolean on) {
        return new StepOptions(on, recompute, nonFiniteLoss, bfloat16);
    }

    /** These options with {@code policy} for non-finite steps. */
    public StepOptions withNonFiniteLoss(NonFiniteLoss policy) {
        return new StepOptions(mixup, recompute, policy, bfloat16);
    }

    /** These options with the streams in bfloat16 ({@code on}) or float32. */
    public StepOptions withBfloat16(boolean on) {
        return new StepOptions(mixup, recompute, nonFiniteLoss, on);
    }

    /**
     * The parameter store of one step: float32 throughout, or {@link MixedPrecisionParameters}.
     *
     * @param scope the step's manager
     */
    public ParameterStore parametersFor(NDManager scope) {
        return bfloat16 ? new MixedPrecisionParameters(scope, Bfloat16.shared()) : new ParameterStore(scope, false);
    }
}
