package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.eval.Evaluation;

/**
 * How far scoring in bfloat16 lands from float32 on the same real faces: the frame AUC of each,
 * and the largest and mean difference of a face's fake probability and of a patch's forged
 * probability. Random inputs (what {@code bench} times) say little about this: a trained
 * network's real faces sit near its decision boundary in a way noise does not.
 *
 * @param faces the faces scored
 * @param frameAucFp32 frame AUC in float32
 * @param frameAucBf16 frame AUC in bfloat16
 * @param maxAbsProbability the largest difference of a fake probability
 * @param meanAbsProbability the mean difference of a fake probability
 * @param maxAbsPatchProbability the largest difference of a patch probability
 */
public record PrecisionDeviation(
        @JsonProperty("faces") int faces,
        @JsonProperty("frame_auc_fp32") double frameAucFp32,
        @JsonProperty("frame_auc_bf16") double frameAucBf16,
        @JsonProperty("max_abs_probability") double maxAbsProbability,
        @JsonProperty("mean_abs_probability") double meanAbsProbability,
        @JsonProperty("max_abs_patch_probability") double maxAbsPatchProbability) {

    /**
     * Compares two scorings of the same faces in the same order.
     *
     * @throws IllegalArgumentException when they scored different numbers of faces or patches
     */
    public static PrecisionDeviation between(Evaluation fp32, Evaluation bf16) {
        var a = fp32.faces();
        var b = bf16.faces();
        double[] pa = fp32.patchScores();
        double[] pb = bf16.patchScores();
        if (a.size() != b.size() || pa.length != pb.length || a.isEmpty()) {
            throw new IllegalArgumentException("the two scorings cover different faces (" + a.size() + " and " + b.size() + ")");
        }
        double max = 0;
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = Math.abs(a.get(i).score() - b.get(i).score());
            max = Math.max(max, d);
            sum += d;
        }
        double patch = 0;
        for (int i = 0; i < pa.length; i++) {
            patch = Math.max(patch, Math.abs(pa[i] - pb[i]));
        }
        return new PrecisionDeviation(a.size(), fp32.frames().auc(), bf16.frames().auc(), max, sum / a.size(), patch);
    }
}
