package io.lvnet.model;

import io.lvnet.model.layers.InferenceParameters;
import io.lvnet.model.layers.TensorOps;

import io.lvnet.model.layers.NamedBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;
import io.lvnet.model.layers.Init;

/**
 * Local forgery guided attention (LFGA): the RGB map {@code fb} decides where the SRM map
 * {@code fa} attends. With N = H*W: {@code A = softmax(Q^T K)} over the last axis (N x N),
 * Q and K 1x1 convs of fb to C/4 channels, V a 1x1 conv of fa; {@code out = V A^T};
 * result {@code ReLU(gamma * out + fa)}, gamma a learned scalar starting at 0.
 *
 * <p>The batch norm is declared by the reference and never called; kept for checkpoints.
 */
public final class LocalForgeryGuidedAttention extends NamedBlock {
    private final Parameter gamma;
    private final Conv2d query;
    private final Conv2d key;
    private final Conv2d value;

    /** An LFGA over {@code channels} channels with {@code keyChannels} for query and key. */
    public LocalForgeryGuidedAttention(long channels, long keyChannels) {
        gamma = parameter("gamma", Parameter.Type.OTHER, new Shape(1), Init.constant(0f), true);
        query = child("query", Conv2d.pointwise(channels, keyChannels, true));
        key = child("key", Conv2d.pointwise(channels, keyChannels, true));
        value = child("value", Conv2d.pointwise(channels, channels, true));
        child("bn", new BatchNorm2d(channels));
    }

    /** Attends {@code fa} (SRM stream) under the guidance of {@code fb} (RGB stream). */
    public NDArray forward(ParameterStore ps, NDArray fa, NDArray fb, boolean training) {
        return scoped(() -> {
            Shape s = fa.getShape();
            long b = s.get(0);
            long c = s.get(1);
            long n = s.get(2) * s.get(3);
            NDArray q = query.forward(ps, fb, training).reshape(b, -1, n).transpose(0, 2, 1);
            NDArray k = key.forward(ps, fb, training).reshape(b, -1, n);
            NDArray attention = TensorOps.softmax(q.batchMatMul(k), -1);
            NDArray v = value.forward(ps, fa, training).reshape(b, c, n);
            NDArray out = v.batchMatMul(attention.transpose(0, 2, 1)).reshape(s);
            return Activation.relu(out.mul(InferenceParameters.valueFor(ps, gamma, fa, training)).add(fa));
        });
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.get(0), inputs.get(1), training));
    }
}
