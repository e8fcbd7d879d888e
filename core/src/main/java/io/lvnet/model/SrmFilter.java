package io.lvnet.model;

import io.lvnet.model.layers.InferenceParameters;
import io.lvnet.model.layers.UnaryBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * The fixed SRM high-pass filter bank that feeds the noise stream: three 5x5 kernels (KB/4,
 * KV/12 and a horizontal second-order kernel /2), each applied to the sum of the three input
 * channels, padding 2, output clamped to [-3, 3]. The kernel is a frozen parameter.
 */
public final class SrmFilter extends UnaryBlock {
    private static final float[][] KB = {
        {0, 0, 0, 0, 0}, {0, -1, 2, -1, 0}, {0, 2, -4, 2, 0}, {0, -1, 2, -1, 0}, {0, 0, 0, 0, 0}};
    private static final float[][] KV = {
        {-1, 2, -2, 2, -1}, {2, -6, 8, -6, 2}, {-2, 8, -12, 8, -2}, {2, -6, 8, -6, 2}, {-1, 2, -2, 2, -1}};
    private static final float[][] HORIZONTAL = {
        {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 1, -2, 1, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};

    private final Parameter kernel;

    public SrmFilter() {
        kernel = parameter("kernel", Parameter.Type.OTHER, new Shape(3, 3, 5, 5),
                (NDManager m, Shape s, DataType t) -> m.create(kernelValues(), s), false);
    }

    /** The 3x3x5x5 kernel: filter f for output f, repeated over the 3 input channels. */
    static float[] kernelValues() {
        float[][][] filters = {KB, KV, HORIZONTAL};
        float[] divisors = {4f, 12f, 2f};
        float[] v = new float[3 * 3 * 25];
        for (int f = 0; f < 3; f++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 25; i++) {
                    v[(f * 3 + c) * 25 + i] = filters[f][i / 5][i % 5] / divisors[f];
                }
            }
        }
        return v;
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray k = InferenceParameters.valueFor(ps, kernel, x, training);
        return x.getNDArrayInternal()
                .convolution(x, k, null, new Shape(1, 1), new Shape(2, 2), new Shape(1, 1), 1)
                .singletonOrThrow()
                .clip(-3, 3);
    }
}
