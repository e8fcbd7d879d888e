package io.lvnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What one epoch did, as logged to {@code epochs.jsonl} and {@code epochs.csv}. */
public record EpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("lr") double learningRate,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("val_auc") double validationAuc,
        @JsonProperty("val_acc") double validationAccuracy,
        @JsonProperty("val_patch_auc") double validationPatchAuc,
        @JsonProperty("train_acc") double trainAccuracy,
        @JsonProperty("images_per_s") double imagesPerSecond,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("best") boolean best) {

    static final String CSV_HEADER = "epoch,lr,train_loss,val_auc,val_acc,val_patch_auc,train_acc,images_per_s,seconds,best";

    String csvRow() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.4f,%.3f,%.1f,%b", epoch, learningRate,
                trainLoss, validationAuc, validationAccuracy, validationPatchAuc, trainAccuracy, imagesPerSecond, seconds, best);
    }
}
