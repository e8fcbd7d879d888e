package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/** A 1x1 convolution without bias, batch norm and ReLU (the reference's {@code BasicConv2d}). */
public final class ConvNormRelu extends UnaryBlock {
    private final Conv2d conv;
    private final BatchNorm2d bn;

    /** A block mapping {@code in} channels to {@code out}. */
    public ConvNormRelu(long in, long out) {
        conv = child("conv", Conv2d.pointwise(in, out, false));
        bn = child("bn", new BatchNorm2d(out));
    }

    /** ReLU(BN(conv(x))). */
    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return scoped(() -> Activation.relu(convAndNorm(ps, x, training)));
    }

    /** BN(conv(x)) without the ReLU, for callers that reshape the map before it (ReLU commutes with that). */
    public NDArray convAndNorm(ParameterStore ps, NDArray x, boolean training) {
        if (training) {
            // batch statistics from the input's: nothing as wide as the output is kept for backward
            return scoped(() -> bn.trainAfterPointwise(ps, x, conv.weight(ps, x.getDevice(), true)));
        }
        return scoped(() -> bn.forward(ps, conv.forward(ps, x, false), false));
    }

    /** Whether the batch norm is folded into the convolution (inference only). */
    public boolean isFolded() {
        return conv.isFolded();
    }

    /**
     * Eval-mode output channels {@code [from, to)} only: the same values as {@code
     * forward(ps, x, false)} sliced, computing just those channels when the batch norm is folded
     * (otherwise all of them, then slicing).
     */
    public NDArray forwardOutputChannels(ParameterStore ps, NDArray x, long from, long to) {
        return scoped(() -> {
            if (conv.isFolded()) {
                return Activation.relu(conv.forwardOutputChannels(x, from, to));
            }
            return forward(ps, x, false).get(":, {}:{}", from, to);
        });
    }

    /** Folds the batch norm into the convolution for inference (see {@link Conv2d#foldIn}). */
    public void foldBatchNorm() {
        conv.foldIn(bn);
    }
}
