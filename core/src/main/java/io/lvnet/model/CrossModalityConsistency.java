package io.lvnet.model;

import io.lvnet.model.layers.NamedBlock;

import io.lvnet.model.layers.TensorOps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.lvnet.model.layers.BatchNorm2d;
import io.lvnet.model.layers.Conv2d;

/**
 * Cross-modality consistency enhancement (CMCE): each stream is reinforced by the other in
 * proportion to their per-position cosine similarity c over channels:
 * {@code fa' = fa + fb * c}, {@code fb' = fb + fa' * c}, returning ReLU of both.
 *
 * <p>The module also owns a batch norm and two conv stages that the reference declares and
 * never calls; they are kept so that reference checkpoints load.
 */
public final class CrossModalityConsistency extends NamedBlock {
    private static final float EPS = 1e-8f;

    /** A CMCE for maps of {@code channels} channels. */
    public CrossModalityConsistency(long channels) {
        child("bn", new BatchNorm2d(channels));
        child("stage1Conv", Conv2d.of(channels, channels, 3, 1, 0));
        child("stage1Norm", new BatchNorm2d(channels));
        child("stage2Conv", Conv2d.of(channels, channels, 3, 1, 0));
        child("stage2Norm", new BatchNorm2d(channels));
    }

    /** Returns the enhanced RGB and SRM maps. */
    public NDList forward(NDArray fa, NDArray fb) {
        return scopedList(() -> {
            NDArray c = TensorOps.cosineSimilarity(fa, fb, 1, EPS);
            NDArray faNew = fa.add(fb.mul(c));
            NDArray fbNew = fb.add(faNew.mul(c)); // uses the updated fa, as the reference does
            return new NDList(Activation.relu(faNew), Activation.relu(fbNew));
        });
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return forward(inputs.get(0), inputs.get(1));
    }
}
