package io.lvnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What one epoch did, as logged to {@code epochs.jsonl} and {@code epochs.csv}.
 *
 * @param skippedSteps steps whose update was skipped because their loss or a gradient was not
 *     finite ({@code train.non_finite_loss: skip}); their loss is not in {@code trainLoss}
 * @param rssMb the process's resident memory as the epoch ends, after validation and the trim that
 *     hands freed memory back ({@link io.lvnet.memory.ResidentMemory#settled}): what the run holds
 *     between epochs, which a leak raises; MiB, NaN where unknown
 * @param peakRssMb the most it has held so far in this run, MiB
 * @param epochPeakRssMb the most it held during this epoch, validation included: its working
 *     set, which a leak raises from epoch to epoch; MiB, NaN where the kernel's high-water mark
 *     cannot be restarted
 * @param epochMeanRssMb the mean of its training steps' resident memory ({@code rss_mb} of
 *     {@code steps.csv}), MiB: the steadiest sign of growth, where the value as the epoch ends
 *     depends on how long before it the last periodic trim ran; NaN where unknown
 * @param pseudoLabelPrecision semi-supervised runs on data whose fakes have masks: of the fake
 *     patches SSPSL labelled forged in this epoch's steps, the share forged in truth
 *     ({@link PseudoLabelQuality}); NaN otherwise
 * @param pseudoLabelRecall of the truly forged fake patches, the share SSPSL labelled forged; NaN otherwise
 * @param pseudoLabelShare the share of fake patches SSPSL labelled forged; NaN otherwise
 * @param rssAnonMb the part of {@code rssMb} no file backs: the Java heap and the native heaps,
 *     where a leak shows; MiB, NaN where unknown
 * @param rssFileMb the part of {@code rssMb} mapped from files (libtorch's and the JVM's code),
 *     which grows as more of it first runs; MiB, NaN where unknown
 * @param heapMb the Java heap the collector had committed at that reading, part of
 *     {@code rssAnonMb} (the rest is native); MiB, NaN where unknown
 * @param nativeLiveMb what the native allocator counted as allocated and not freed at that
 *     reading ({@link io.lvnet.memory.NativeHeap#liveBytes}): a leak raises it, where memory the
 *     allocator holds free but resident raises {@code rssAnonMb} only; MiB, NaN where unknown
 */
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
        @JsonProperty("best") boolean best,
        @JsonProperty("skipped_steps") int skippedSteps,
        @JsonProperty("rss_mb") double rssMb,
        @JsonProperty("peak_rss_mb") double peakRssMb,
        @JsonProperty("epoch_peak_rss_mb") double epochPeakRssMb,
        @JsonProperty("epoch_mean_rss_mb") double epochMeanRssMb,
        @JsonProperty("sspsl_precision") double pseudoLabelPrecision,
        @JsonProperty("sspsl_recall") double pseudoLabelRecall,
        @JsonProperty("sspsl_labelled") double pseudoLabelShare,
        @JsonProperty("rss_anon_mb") double rssAnonMb,
        @JsonProperty("rss_file_mb") double rssFileMb,
        @JsonProperty("heap_mb") double heapMb,
        @JsonProperty("native_live_mb") double nativeLiveMb) {

    static final String CSV_HEADER = "epoch,lr,train_loss,val_auc,val_acc,val_patch_auc,train_acc,images_per_s,seconds,best,"
            + "skipped_steps,rss_mb,peak_rss_mb,epoch_peak_rss_mb,epoch_mean_rss_mb,sspsl_precision,sspsl_recall,sspsl_labelled,"
            + "rss_anon_mb,rss_file_mb,heap_mb,native_live_mb";
    /** How the log reads; lines of earlier versions have no memory figures, their parts or pseudo-label scores. */
    static final JsonLines<EpochRecord> LOG = new JsonLines<>(EpochRecord.class, "an epoch record",
            Map.ofEntries(Map.entry("rss_mb", Double.NaN), Map.entry("peak_rss_mb", Double.NaN),
                    Map.entry("epoch_peak_rss_mb", Double.NaN), Map.entry("epoch_mean_rss_mb", Double.NaN),
                    Map.entry("sspsl_precision", Double.NaN), Map.entry("sspsl_recall", Double.NaN),
                    Map.entry("sspsl_labelled", Double.NaN), Map.entry("rss_anon_mb", Double.NaN),
                    Map.entry("rss_file_mb", Double.NaN), Map.entry("heap_mb", Double.NaN),
                    Map.entry("native_live_mb", Double.NaN)));

    String csvRow() {
        return String.format(java.util.Locale.ROOT, "%d,%.6g,%.6f,%.6f,%.6f,%.6f,%.4f,%.3f,%.1f,%b,%d,%.1f,%.1f,%.1f,%.1f,%s,%s,%s,%.1f,%.1f,%.1f,%.1f",
                epoch, learningRate, trainLoss, validationAuc, validationAccuracy, validationPatchAuc, trainAccuracy,
                imagesPerSecond, seconds, best, skippedSteps, rssMb, peakRssMb, epochPeakRssMb, epochMeanRssMb,
                blankIfNaN(pseudoLabelPrecision), blankIfNaN(pseudoLabelRecall), blankIfNaN(pseudoLabelShare),
                rssAnonMb, rssFileMb, heapMb, nativeLiveMb);
    }

    /** Pseudo-label scores are blank where there is nothing to score (supervised runs, fakes without masks). */
    private static String blankIfNaN(double v) {
        return Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
