package io.lvnet.model;

import io.lvnet.model.layers.UnaryBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Linear;

/** Verify: BN, ReLU, global average pool, dropout 0.5, linear to 2 logits (class 1 = fake). */
public final class ClassificationHead extends UnaryBlock {
    private final BatchNorm2d norm;
    private final Linear fc;

    /** A head over {@code channels} fused channels. */
    public ClassificationHead(long channels) {
        norm = child("norm", new BatchNorm2d(channels));
        fc = child("fc", new Linear(channels, 2));
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return scoped(() -> {
            NDArray y = Activation.relu(norm.forward(ps, x, training));
            NDArray pooled = y.reshape(y.getShape().get(0), y.getShape().get(1), -1).mean(new int[] {2});
            return fc.forward(ps, Dropout.dropout(pooled, 0.5f, training).singletonOrThrow(), training);
        });
    }
}
