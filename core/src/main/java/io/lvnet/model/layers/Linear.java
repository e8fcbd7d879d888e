package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/** A fully connected layer, weight out x in, with bias. */
public final class Linear extends UnaryBlock {
    private final Parameter weight;
    private final Parameter bias;

    /** A layer mapping {@code in} features to {@code out}. */
    public Linear(long in, long out) {
        weight = parameter("weight", Parameter.Type.WEIGHT, new Shape(out, in), Init.uniformFanIn(in), true);
        bias = parameter("bias", Parameter.Type.BIAS, new Shape(out), Init.uniformFanIn(in), true);
    }

    /** Applies the layer to the last axis of {@code x}. */
    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return x.getNDArrayInternal()
                .linear(x, InferenceParameters.valueFor(ps, weight, x, training),
                        InferenceParameters.valueFor(ps, bias, x, training))
                .singletonOrThrow();
    }
}
