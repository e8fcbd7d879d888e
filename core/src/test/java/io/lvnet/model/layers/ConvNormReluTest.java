package io.lvnet.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.testing.Tolerance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training-mode conv + batch norm through the input's statistics ({@link
 * BatchNorm2d#trainAfterPointwise}) against the two layers run as such: values, every gradient,
 * and the running statistics afterwards.
 */
class ConvNormReluTest {

    @Test
    void foldedTrainingNormMatchesConvolutionThenBatchNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            ConvNormRelu block = new ConvNormRelu(6, 12);
            block.initialize(m, DataType.FLOAT32, new Shape(2, 6, 9, 9));
            Map<String, Parameter> p = block.namedParameters();
            // gamma and beta away from their initial 1 and 0, so that both take part
            p.get("bn.weight").getArray().set(m.randomUniform(0.5f, 1.5f, new Shape(12)).toFloatArray());
            p.get("bn.bias").getArray().set(m.randomUniform(-0.5f, 0.5f, new Shape(12)).toFloatArray());
            Conv2d conv = Conv2d.pointwise(6, 12, false);
            BatchNorm2d bn = new BatchNorm2d(12);
            conv.initialize(m, DataType.FLOAT32, new Shape(2, 6, 9, 9));
            bn.initialize(m, DataType.FLOAT32, new Shape(2, 12, 9, 9));
            Map<String, Parameter> q = Map.of("conv.weight", conv.namedParameters().get("weight"),
                    "bn.weight", bn.namedParameters().get("weight"), "bn.bias", bn.namedParameters().get("bias"));
            q.forEach((name, param) -> param.getArray().set(p.get(name).getArray().toFloatArray()));

            // inputs with a large mean next to their spread, where a careless variance loses digits
            NDArray x = m.randomUniform(2f, 3f, new Shape(2, 6, 9, 9));
            NDArray weights = m.randomUniform(-1f, 1f, new Shape(2, 12, 9, 9));
            ParameterStore ps = new ParameterStore(m, false);
            float[][] folded = pass(x, weights, xs -> block.convAndNorm(ps, xs, true), p);
            float[][] plain = pass(x, weights, xs -> bn.forward(ps, conv.forward(ps, xs, true), true), q);
            String[] what = {"values", "input gradient", "conv weight gradient", "gamma gradient", "beta gradient"};
            for (int i = 0; i < what.length; i++) {
                Tolerance.relativeL2(what[i], plain[i], folded[i], 1e-5);
            }
            Tolerance.relativeL2("running mean", bn.namedParameters().get("running_mean").getArray().toFloatArray(),
                    p.get("bn.running_mean").getArray().toFloatArray(), 1e-5);
            Tolerance.relativeL2("running var", bn.namedParameters().get("running_var").getArray().toFloatArray(),
                    p.get("bn.running_var").getArray().toFloatArray(), 1e-5);
            assertEquals(1L, p.get("bn.num_batches_tracked").getArray().getLong());
        }
    }

    private static float[][] pass(NDArray input, NDArray weights, java.util.function.UnaryOperator<NDArray> f,
            Map<String, Parameter> params) {
        NDArray x = input.duplicate();
        x.setRequiresGradient(true);
        float[] values;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = f.apply(x);
            values = y.toFloatArray();
            gc.backward(y.mul(weights).sum());
        }
        return new float[][] {values, x.getGradient().toFloatArray(),
            params.get("conv.weight").getArray().getGradient().toFloatArray(),
            params.get("bn.weight").getArray().getGradient().toFloatArray(),
            params.get("bn.bias").getArray().getGradient().toFloatArray()};
    }
}
