package io.lvnet.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One fold of a generalisation protocol: the method held out, what the run trained on, and how
 * the run's best weights score on the test split's real faces and the held-out method's fakes.
 *
 * @param heldOut the method tested on, never seen in training
 * @param trainedOn the methods whose fakes the run read (none for self-blend training)
 * @param frameAuc AUC over faces
 * @param videoAuc AUC over videos (mean face score), null where there are too few videos
 * @param patchAuc AUC of the patch map against the true masks, null without masks
 * @param faces test faces scored
 * @param weights the run's best weights
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FoldResult(
        @JsonProperty("held_out") String heldOut,
        @JsonProperty("trained_on") List<String> trainedOn,
        @JsonProperty("frame_auc") double frameAuc,
        @JsonProperty("video_auc") Double videoAuc,
        @JsonProperty("patch_auc") Double patchAuc,
        @JsonProperty("faces") int faces,
        @JsonProperty("weights") String weights) {
}
