package io.lvnet.detect;

/**
 * LVNet's answers for a batch of faces, copied out of the engine.
 *
 * @param logits B x 2 classification logits (class 1 = fake)
 * @param fakeProbability B probabilities that each face is forged (softmax of the logits)
 * @param patchMap B x S x S probabilities that each patch is forged (locate)
 * @param projection B x P x S x S semi-supervised projections, or null for the supervised variant
 */
public record Predictions(float[][] logits, float[] fakeProbability, float[][][] patchMap, float[][][][] projection) {

    /** Number of faces. */
    public int size() {
        return fakeProbability.length;
    }
}
