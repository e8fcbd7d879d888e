package io.lvnet.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * The input gradient of a 3x3 convolution whose output channels are not a multiple of 16,
 * which libtorch's CPU kernels get wrong (see {@link Conv2d}), against the same convolution in
 * float64. Memory freed just before holds NaN, so that a kernel that reads what it never wrote
 * shows it.
 */
class ConvInputGradientTest {
    private static final int[][] CHANNELS = {{3, 4, 2}, {3, 8, 2}, {3, 4, 1}, {4, 8, 1}, {16, 8, 1}, {16, 24, 1}, {8, 16, 1}, {3, 16, 2}};

    @Test
    void inputAndWeightGradientsMatchFloat64() {
        Engine.getInstance().setRandomSeed(11);
        for (int[] c : CHANNELS) {
            for (int pass = 0; pass < 4; pass++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    for (int k = 0; k < 4; k++) {
                        m.full(new Shape(4, 64, 32, 32), Float.NaN).close();
                    }
                    Conv2d conv = Conv2d.of(c[0], c[1], 3, c[2], 1);
                    conv.initialize(m, DataType.FLOAT32, new Shape(4, c[0], 32, 32));
                    NDArray w = conv.namedParameters().get("weight").getArray();
                    NDArray x = m.randomNormal(new Shape(4, c[0], 32, 32));
                    NDArray upstream = m.randomNormal(new Shape(4, c[1], 32 / c[2], 32 / c[2]));
                    x.setRequiresGradient(true);
                    NDArray y;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        y = conv.forward(new ParameterStore(m, false), x, true);
                        gc.backward(y.mul(upstream).sum());
                    }
                    NDArray x64 = x.toType(DataType.FLOAT64, true);
                    NDArray w64 = w.toType(DataType.FLOAT64, true);
                    x64.setRequiresGradient(true);
                    w64.setRequiresGradient(true);
                    NDArray y64;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        y64 = x64.getNDArrayInternal().convolution(x64, w64, null, new Shape(c[2], c[2]), new Shape(1, 1),
                                new Shape(1, 1), 1).singletonOrThrow();
                        gc.backward(y64.mul(upstream.toType(DataType.FLOAT64, true)).sum());
                    }
                    String what = c[0] + " -> " + c[1] + " channels, stride " + c[2] + ", pass " + pass + ": ";
                    assertTrue(relativeError(y, y64) < 1e-5, what + "values " + relativeError(y, y64));
                    double dx = relativeError(x.getGradient(), x64.getGradient());
                    assertTrue(dx < 1e-5, what + "input gradient off by " + dx);
                    double dw = relativeError(w.getGradient(), w64.getGradient());
                    assertTrue(dw < 1e-5, what + "weight gradient off by " + dw);
                }
            }
        }
    }

    /** max |a - b| / max |b|, NaN when a has a NaN. */
    private static double relativeError(NDArray a, NDArray reference) {
        NDArray b = reference.toType(DataType.FLOAT32, true);
        return a.sub(b).abs().max().getFloat() / b.abs().max().getFloat();
    }
}
