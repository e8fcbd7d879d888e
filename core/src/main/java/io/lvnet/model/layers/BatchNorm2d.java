package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

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
        NDArray out = x.getNDArrayInternal()
                .batchNorm(x, valueFor(ps, runningMean, x, training), valueFor(ps, runningVar, x, training),
                        valueFor(ps, weight, x, training), valueFor(ps, bias, x, training),
                        -1, DJL_MOMENTUM, EPS, training)
                .singletonOrThrow();
        if (training) {
            batchesTracked.getArray().addi(1);
        }
        return out;
    }

    /**
     * A parameter in the type of {@code x} for inference; float32 as stored in training, where
     * libtorch normalises a bfloat16 input with float32 statistics and updates the running ones
     * in place (a converted copy would be updated instead).
     */
    private static NDArray valueFor(ParameterStore ps, Parameter p, NDArray x, boolean training) {
        return training ? ps.getValue(p, x.getDevice(), true) : InferenceParameters.valueFor(ps, p, x, false);
    }

    /**
     * Training-mode {@code BN(conv(x, w))} for a 1x1 convolution without bias, with the same
     * values, gradients and running statistics as running the two (within float rounding) but
     * without the wide convolution output that batch norm would keep for backward (350 MB for
     * the 64 -> 512 score convolution at 299 px and batch 8). The convolution is linear, so the
     * batch statistics of its output follow from those of its input: mean {@code W mu} and
     * biased variance {@code diag(W Sigma W^T)}, with {@code mu} and {@code Sigma} the input's
     * per-channel mean and covariance. The normalisation then folds into the convolution's
     * weights, {@code W * s} and bias {@code beta - W mu * s}, {@code s = gamma / sqrt(var + eps)},
     * and autograd differentiates through the statistics as batch norm's backward does.
     *
     * @param w the convolution's weight, out x in x 1 x 1
     */
    public NDArray trainAfterPointwise(ParameterStore ps, NDArray x, NDArray w) {
        var d = x.getDevice();
        Shape s = x.getShape();
        long in = s.get(1);
        long out = w.getShape().get(0);
        long n = s.get(0) * s.get(2) * s.get(3);
        NDArray rows = x.transpose(0, 2, 3, 1).reshape(n, in);
        NDArray mean = rows.mean(new int[] {0});
        NDArray centred = rows.sub(mean);
        NDArray covariance = TensorOps.divide(centred.transpose().matMul(centred), n);
        NDArray wm = w.reshape(out, in);
        NDArray outMean = wm.matMul(mean.reshape(in, 1)).reshape(out);
        NDArray outVar = wm.matMul(covariance).mul(wm).sum(new int[] {1});
        NDArray scale = ps.getValue(weight, d, true).div(outVar.add(EPS).sqrt());
        NDArray foldedWeight = wm.mul(scale.reshape(out, 1)).reshape(out, in, 1, 1);
        NDArray foldedBias = ps.getValue(bias, d, true).sub(outMean.mul(scale));
        updateRunningStatistics(outMean.stopGradient(), TensorOps.multiply(outVar.stopGradient(), (double) n / Math.max(1, n - 1)));
        return x.getNDArrayInternal()
                .convolution(x, foldedWeight, foldedBias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /** PyTorch's update: {@code running = (1 - 0.1) * running + 0.1 * batch}, unbiased variance. */
    private void updateRunningStatistics(NDArray batchMean, NDArray batchUnbiasedVar) {
        float m = 1 - DJL_MOMENTUM;
        runningMean.getArray().muli(DJL_MOMENTUM).addi(TensorOps.multiply(batchMean, m));
        runningVar.getArray().muli(DJL_MOMENTUM).addi(TensorOps.multiply(batchUnbiasedVar, m));
        batchesTracked.getArray().addi(1);
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
