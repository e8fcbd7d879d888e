package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.lvnet.model.UnaryBlock;

/**
 * Batch normalisation over channel axis 1 with PyTorch's semantics: eps 1e-5, running
 * statistics updated with momentum 0.1 (unbiased variance) in training mode, and a {@code
 * num_batches_tracked} counter so that state dicts round-trip.
 */
public final class BatchNorm2d extends UnaryBlock {
    private static final float EPS = 1e-5f;
    /** DJL's momentum is the weight of the old statistic: 0.9 here is PyTorch's 0.1. */
    private static final float DJL_MOMENTUM = 0.9f;

    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private final Parameter batchesTracked;
    /** Set when the preceding convolution computes this normalisation in eval mode. */
    private boolean foldedIntoConvolution;

    /** A batch norm over {@code channels} channels, initialised as PyTorch does. */
    public BatchNorm2d(long channels) {
        Shape s = new Shape(channels);
        weight = parameter("weight", Parameter.Type.GAMMA, s, Init.constant(1f), true);
        bias = parameter("bias", Parameter.Type.BETA, s, Init.constant(0f), true);
        runningMean = parameter("running_mean", Parameter.Type.RUNNING_MEAN, s, Init.constant(0f), false);
        runningVar = parameter("running_var", Parameter.Type.RUNNING_VAR, s, Init.constant(1f), false);
        batchesTracked = parameter("num_batches_tracked", Parameter.Type.OTHER, new Shape(), Init.longZero(), false);
    }

    /**
     * Normalises {@code x}; in training mode with the batch's statistics, updating the running
     * ones in place, otherwise with the running statistics.
     */
    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        if (!training && foldedIntoConvolution) {
            return x;
        }
        var d = x.getDevice();
        NDArray out = x.getNDArrayInternal()
                .batchNorm(x,
                        ps.getValue(runningMean, d, training),
                        ps.getValue(runningVar, d, training),
                        ps.getValue(weight, d, training),
                        ps.getValue(bias, d, training),
                        -1, DJL_MOMENTUM, EPS, training)
                .singletonOrThrow();
        if (training) {
            batchesTracked.getArray().addi(1);
        }
        return out;
    }

    /** {@code gamma / sqrt(running_var + eps)}: the per-channel factor of eval-mode normalisation. */
    NDArray inferenceScale() {
        return weight.getArray().div(runningVar.getArray().add(EPS).sqrt());
    }

    /** {@code beta - running_mean * scale}: the per-channel offset of eval-mode normalisation. */
    NDArray inferenceShift() {
        try (NDArray scale = inferenceScale(); NDArray shifted = runningMean.getArray().mul(scale)) {
            return bias.getArray().sub(shifted);
        }
    }

    /** From now on eval mode returns its input: {@link Conv2d#foldIn} took over. */
    void passThroughInEval() {
        foldedIntoConvolution = true;
    }
}
