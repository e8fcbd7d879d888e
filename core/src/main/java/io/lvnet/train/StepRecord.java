package io.lvnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** One line of a run's step log ({@code steps.jsonl} and {@code steps.csv}). */
public record StepRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("step") long step,
        @JsonProperty("lr") double learningRate,
        @JsonProperty("loss") double loss,
        @JsonProperty("cls_loss") double classificationLoss,
        @JsonProperty("patch_loss") double patchLoss,
        @JsonProperty("acc") double accuracy,
        @JsonProperty("images_per_s") double imagesPerSecond) {

    static final String CSV_HEADER = "epoch,step,lr,loss,cls_loss,patch_loss,acc,images_per_s";

    static StepRecord of(int epoch, long step, double learningRate, StepMetrics m, double imagesPerSecond) {
        return new StepRecord(epoch, step, learningRate, m.loss(), m.classificationLoss(), m.patchLoss(), m.accuracy(),
                imagesPerSecond);
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%d,%d,%.6g,%.6f,%.6f,%.6f,%.4f,%.3f", epoch, step, learningRate, loss,
                classificationLoss, patchLoss, accuracy, imagesPerSecond);
    }
}
