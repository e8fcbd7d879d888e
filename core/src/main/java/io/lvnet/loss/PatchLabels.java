package io.lvnet.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Patch-level forgery labels from pixel masks: a B x 1 x H x W mask is max-pooled with kernel
 * = stride = H / S and no padding (the last H mod S rows and columns are ignored, as in the
 * reference), then thresholded at 0. Real faces have all-zero masks, hence all-zero labels.
 */
public final class PatchLabels {
    private PatchLabels() {
    }

    /** B x 1 x S x S labels in {0, 1} (float32) for an S x S patch grid. */
    public static NDArray fromMasks(NDArray masks, int grid) {
        long k = masks.getShape().get(2) / grid;
        NDArray pooled = Pool.maxPool2d(masks.toType(DataType.FLOAT32, false),
                new Shape(k, k), new Shape(k, k), new Shape(0, 0), false);
        return pooled.gt(0).toType(DataType.FLOAT32, false);
    }
}
