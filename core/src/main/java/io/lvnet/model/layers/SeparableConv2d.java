package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** Xception's separable convolution: a 3x3 depthwise convolution, then a 1x1 pointwise one. */
public final class SeparableConv2d extends UnaryBlock {
    private final Conv2d depthwise;
    private final Conv2d pointwise;

    /** A separable convolution from {@code in} to {@code out} channels. */
    public SeparableConv2d(long in, long out) {
        depthwise = child("depthwise", Conv2d.depthwise(in));
        pointwise = child("pointwise", Conv2d.pointwise(in, out, false));
    }

    /** Applies depthwise then pointwise convolution. */
    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return pointwise.forward(ps, depthwise.forward(ps, x, training), training);
    }

    /** Folds a following batch norm into the pointwise convolution (see {@link Conv2d#foldIn}). */
    public void foldIn(BatchNorm2d bn) {
        pointwise.foldIn(bn);
    }
}
