package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.calibrate.Verdict;
import io.lvnet.regions.PartAttribution;

/**
 * One face's verdict.
 *
 * @param box x, y, width, height of the face in the image, in pixels
 * @param fakeProbability probability that the face is forged (verify): calibrated where the
 *     weights carry a calibration, else the softmax's
 * @param rawProbability the network's softmax probability, before calibration
 * @param verdict real, fake, or inconclusive (between the operating points, or the face too poor to judge)
 * @param logits the two classification logits (real, fake)
 * @param patchMap S x S probabilities that each patch is forged (locate)
 * @param parts which facial part holds the forged patches, or null when parts are not located
 * @param quality the face's size, sharpness and blockiness, and why it cannot be judged; null where not measured
 * @param verdictReason why the verdict is inconclusive; null for real and fake
 * @param person in a video, the person this face belongs to ({@link PersonResult}); null in an image
 * @param inputToImage the map from the model's input (the crop as scored, whose S x S patches the
 *     patch map covers) back to the picture's pixels, {@code x = a u + b v + c, y = d u + e v + f}
 *     as {@code [a, b, c, d, e, f]}: a scale and shift for a box crop, with a rotation for an
 *     aligned one ({@code --align}); null where not known
 */
public record FaceResult(
        @JsonProperty("box") int[] box,
        @JsonProperty("fake_probability") float fakeProbability,
        @JsonProperty("raw_probability") float rawProbability,
        @JsonProperty("verdict") Verdict verdict,
        @JsonProperty("logits") float[] logits,
        @JsonProperty("patch_map") float[][] patchMap,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("parts") PartAttribution parts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("quality") FaceQuality quality,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("verdict_reason") String verdictReason,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("person") Integer person,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("input_to_image") double[] inputToImage) {

    /** A face read back from where only its probability was kept: that is its raw probability too, and it has no verdict or parts. */
    public FaceResult(int[] box, float fakeProbability, float[] logits, float[][] patchMap) {
        this(box, fakeProbability, fakeProbability, null, logits, patchMap, null, null, null, null, null);
    }

    /** This face as one of a video's people. */
    public FaceResult asPerson(int id) {
        return new FaceResult(box, fakeProbability, rawProbability, verdict, logits, patchMap, parts, quality, verdictReason, id, inputToImage);
    }
}
