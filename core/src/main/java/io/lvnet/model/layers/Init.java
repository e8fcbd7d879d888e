package io.lvnet.model.layers;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** PyTorch's default initialisations, so that a model trained from scratch starts as the reference's. */
public final class Init {
    private Init() {
    }

    /**
     * PyTorch's default for conv and linear weights and biases (kaiming-uniform with a = sqrt(5)
     * reduces to U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for both).
     */
    public static Initializer uniformFanIn(long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return (NDManager m, Shape s, DataType t) -> m.randomUniform(-bound, bound, s, t);
    }

    /** A constant fill. */
    public static Initializer constant(float value) {
        return (NDManager m, Shape s, DataType t) -> m.full(s, value, t);
    }

    /** An int64 zero, for counters such as {@code num_batches_tracked}. */
    public static Initializer longZero() {
        return (NDManager m, Shape s, DataType t) -> m.zeros(s, DataType.INT64);
    }
}
