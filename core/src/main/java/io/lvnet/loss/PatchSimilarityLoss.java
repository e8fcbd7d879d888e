package io.lvnet.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.lvnet.model.layers.TensorOps;
import java.util.ArrayList;
import java.util.List;

/**
 * Semi-supervised patch similarity learning (SSPSL): pseudo patch labels where no masks exist.
 *
 * <p>Projections are L2-normalised over channels. The real prototype is the mean projection of
 * all real patches; the fake prototype is the sum of fake patches' projections inside the
 * reference region (e.g. the mouth) divided by the number of fake patches. A fake patch is
 * labelled forged when it is more similar (cosine) to the fake prototype than to the real one;
 * real patches are labelled 0. The loss is the cross-entropy of the segmentation logits of
 * real patches, then fake patches, against those labels.
 */
public final class PatchSimilarityLoss {
    private static final float COS_EPS = 1e-8f;

    private PatchSimilarityLoss() {
    }

    /** The loss and its pseudo-labels (real patches first, then fake, batch then row-major). */
    public record Result(NDArray loss, NDArray targets) {
    }

    /**
     * @param segmentation B x 2 x S x S logits
     * @param projection B x P x S x S projections
     * @param labels per-image labels (1 = fake); the batch must hold both classes
     * @param regions B x 1 x S x S binary reference regions
     */
    public static Result compute(NDArray segmentation, NDArray projection, long[] labels, NDArray regions) {
        NDManager m = segmentation.getManager();
        List<Long> realIdx = new ArrayList<>();
        List<Long> fakeIdx = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (labels[i] > 0 ? fakeIdx : realIdx).add((long) i);
        }
        if (realIdx.isEmpty() || fakeIdx.isEmpty()) {
            throw new IllegalArgumentException("SSPSL needs real and fake images in the batch");
        }
        NDArray real = m.create(realIdx.stream().mapToLong(Long::longValue).toArray());
        NDArray fake = m.create(fakeIdx.stream().mapToLong(Long::longValue).toArray());
        NDArray features = TensorOps.l2Normalize(projection, 1);

        NDArray realAnchors = patchRows(features.get(real));
        NDArray fakeAnchors = patchRows(features.get(fake));
        NDArray fakeRegions = patchRows(regions.get(fake));
        NDArray realPrototype = realAnchors.mean(new int[] {0}, true);
        NDArray fakePrototype = TensorOps.divide(fakeAnchors.mul(fakeRegions).sum(new int[] {0}, true),
                fakeAnchors.getShape().get(0));

        NDArray toReal = TensorOps.cosineSimilarity(fakeAnchors, realPrototype, 1, COS_EPS);
        NDArray toFake = TensorOps.cosineSimilarity(fakeAnchors, fakePrototype, 1, COS_EPS);
        NDArray fakeTargets = toReal.lt(toFake).reshape(-1).toType(DataType.INT64, false);
        NDArray targets = NDArrays.concat(new NDList(
                m.zeros(new ai.djl.ndarray.types.Shape(realAnchors.getShape().get(0)), DataType.INT64),
                fakeTargets), 0).stopGradient();

        NDArray logits = NDArrays.concat(new NDList(
                patchRows(segmentation.get(real)), patchRows(segmentation.get(fake))), 0);
        return new Result(CrossEntropy.of(logits, targets), targets);
    }

    /** B x C x S x S to (B*S*S) x C, batch then row-major. */
    private static NDArray patchRows(NDArray x) {
        long c = x.getShape().get(1);
        return x.transpose(0, 2, 3, 1).reshape(-1, c);
    }
}
