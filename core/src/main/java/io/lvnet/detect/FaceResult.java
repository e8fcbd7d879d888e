package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.regions.PartAttribution;

/**
 * One face's verdict.
 *
 * @param box x, y, width, height of the face in the image, in pixels
 * @param fakeProbability probability that the face is forged (verify)
 * @param logits the two classification logits (real, fake)
 * @param patchMap S x S probabilities that each patch is forged (locate)
 * @param parts which facial part holds the forged patches, or null when parts are not located
 */
public record FaceResult(
        @JsonProperty("box") int[] box,
        @JsonProperty("fake_probability") float fakeProbability,
        @JsonProperty("logits") float[] logits,
        @JsonProperty("patch_map") float[][] patchMap,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("parts") PartAttribution parts) {

    /** A verdict without parts. */
    public FaceResult(int[] box, float fakeProbability, float[] logits, float[][] patchMap) {
        this(box, fakeProbability, logits, patchMap, null);
    }
}
