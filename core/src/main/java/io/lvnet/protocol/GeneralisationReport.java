package io.lvnet.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The folds of a generalisation protocol, with the mean of each measure over the held-out methods.
 *
 * @param protocol {@code leave-one-method-out} or {@code every-method-unseen}
 * @param config the training configuration every fold started from
 * @param overrides the {@code key=value} overrides every fold applied to it, so that the table
 *     says which recipe it measures
 * @param folds one per held-out method
 */
public record GeneralisationReport(
        @JsonProperty("protocol") String protocol,
        @JsonProperty("config") String config,
        @JsonProperty("overrides") List<String> overrides,
        @JsonProperty("folds") List<FoldResult> folds) {
    public GeneralisationReport {
        overrides = List.copyOf(overrides);
        folds = List.copyOf(folds);
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @JsonProperty("mean_frame_auc")
    public double meanFrameAuc() {
        return folds.stream().mapToDouble(FoldResult::frameAuc).average().orElse(Double.NaN);
    }

    @JsonProperty("mean_video_auc")
    public Double meanVideoAuc() {
        return mean(folds.stream().map(FoldResult::videoAuc).toList());
    }

    @JsonProperty("mean_patch_auc")
    public Double meanPatchAuc() {
        return mean(folds.stream().map(FoldResult::patchAuc).toList());
    }

    private static Double mean(List<Double> values) {
        return values.stream().anyMatch(Objects::isNull) || values.isEmpty() ? null
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table: one row per held-out method, then the mean. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Generalisation: ").append(protocol).append("\n\nTrained from `").append(config).append('`');
        for (int i = 0; i < overrides.size(); i++) {
            sb.append(i == 0 ? " with " : ", ").append("`--set ").append(overrides.get(i)).append('`');
        }
        sb.append(".\n\n");
        sb.append("| held-out method | trained on | frame AUC | video AUC | patch AUC | test faces |\n");
        sb.append("| --- | --- | --- | --- | --- | --- |\n");
        for (FoldResult f : folds) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %s | %s | %d |%n", f.heldOut(),
                    f.trainedOn().isEmpty() ? "real faces only" : String.join(", ", f.trainedOn()), f.frameAuc(),
                    format(f.videoAuc()), format(f.patchAuc()), f.faces()));
        }
        sb.append(String.format(Locale.ROOT, "| **mean** | | **%.3f** | %s | %s | |%n", meanFrameAuc(), format(meanVideoAuc()),
                format(meanPatchAuc())));
        return sb.toString();
    }

    private static String format(Double v) {
        return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
