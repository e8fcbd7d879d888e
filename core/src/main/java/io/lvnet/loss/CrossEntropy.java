package io.lvnet.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Cross-entropy losses of LVNet, as PyTorch's {@code CrossEntropyLoss} (mean over samples). */
public final class CrossEntropy {
    private CrossEntropy() {
    }

    /** Mean cross-entropy of logits N x C against int64 class indices N. */
    public static NDArray of(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.gather(labels.toType(DataType.INT64, false).reshape(-1, 1), 1);
        return picked.mean().neg();
    }

    /**
     * Mean cross-entropy over every patch: segmentation logits B x 2 x S x S against patch
     * labels B x 1 x S x S (0 or 1, any numeric type).
     */
    public static NDArray patches(NDArray segmentation, NDArray patchLabels) {
        long classes = segmentation.getShape().get(1);
        NDArray rows = segmentation.transpose(0, 2, 3, 1).reshape(-1, classes);
        return of(rows, patchLabels.reshape(-1));
    }
}
