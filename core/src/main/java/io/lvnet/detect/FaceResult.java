package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One face's verdict.
 *
 * @param box x, y, width, height of the face in the image, in pixels
 * @param fakeProbability probability that the face is forged (verify)
 * @param logits the two classification logits (real, fake)
 * @param patchMap S x S probabilities that each patch is forged (locate)
 */
public record FaceResult(
        @JsonProperty("box") int[] box,
        @JsonProperty("fake_probability") float fakeProbability,
        @JsonProperty("logits") float[] logits,
        @JsonProperty("patch_map") float[][] patchMap) {
}
