package io.lvnet.model;

import io.lvnet.model.layers.UnaryBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;

/**
 * BN, ReLU, then a 1x1 convolution without bias: the segmentation head (locate, to 2 channels
 * per patch) and the semi-supervised projection head share this shape.
 */
public final class NormReluConv extends UnaryBlock {
    private final BatchNorm2d norm;
    private final Conv2d conv;

    /** A head from {@code in} to {@code out} channels. */
    public NormReluConv(long in, long out) {
        norm = child("norm", new BatchNorm2d(in));
        conv = child("conv", Conv2d.pointwise(in, out, false));
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return scoped(() -> {
            return conv.forward(ps, Activation.relu(norm.forward(ps, x, training)), training);
        });
    }
}
