package io.lvnet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * What LVNet returns for a batch: classification logits B x 2 (class 1 = fake), segmentation
 * logits B x 2 x S x S, and for the semi-supervised variant the projection B x P x S x S
 * (null otherwise).
 */
public record LvNetOutput(NDArray logits, NDArray segmentation, NDArray projection) {

    /** softmax(logits)[:, 1]: the probability that each face is forged, shape B. */
    public NDArray fakeProbability() {
        return logits.softmax(1).get(new NDIndex(":, 1"));
    }

    /** softmax over the segmentation's two channels, channel 1: B x S x S forgery probabilities. */
    public NDArray patchMap() {
        return segmentation.softmax(1).get(new NDIndex(":, 1"));
    }
}
