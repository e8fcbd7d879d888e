package io.lvnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.memory.ResidentMemory;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a run's step log ({@code steps.jsonl} and {@code steps.csv}).
 *
 * @param rssMb the process's resident memory after the step, in MiB (NaN where unknown): a
 *     steady climb is a leak, visible long before it kills the run
 * @param heapMb the Java heap the collector has committed after the step, in MiB (NaN where
 *     unknown): the part of {@code rss_mb} that is not native, so a rise in one can be told
 *     from a rise in the other
 * @param javacppMb native memory held by JavaCPP objects (OpenCV and FFmpeg buffers) not yet
 *     freed, in MiB: what waits for the garbage collector rather than an explicit close
 * @param skipped whether the step's update was skipped (its loss or a gradient was not finite)
 */
public record StepRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("step") long step,
        @JsonProperty("lr") double learningRate,
        @JsonProperty("loss") double loss,
        @JsonProperty("cls_loss") double classificationLoss,
        @JsonProperty("patch_loss") double patchLoss,
        @JsonProperty("acc") double accuracy,
        @JsonProperty("images_per_s") double imagesPerSecond,
        @JsonProperty("rss_mb") double rssMb,
        @JsonProperty("heap_mb") double heapMb,
        @JsonProperty("javacpp_mb") double javacppMb,
        @JsonProperty("skipped") boolean skipped) {

    static final String CSV_HEADER = "epoch,step,lr,loss,cls_loss,patch_loss,acc,images_per_s,rss_mb,heap_mb,javacpp_mb,skipped";
    /** How the log reads; lines of earlier versions have no memory figure. */
    static final JsonLines<StepRecord> LOG = new JsonLines<>(StepRecord.class, "a step record",
            Map.of("rss_mb", Double.NaN, "heap_mb", Double.NaN, "javacpp_mb", Double.NaN));

    static StepRecord of(int epoch, long step, double learningRate, StepMetrics m, double imagesPerSecond,
            ResidentMemory memory) {
        return new StepRecord(epoch, step, learningRate, m.loss(), m.classificationLoss(), m.patchLoss(), m.accuracy(),
                imagesPerSecond, memory.rssMb(), committedHeapMb(), javacppTotalMb(), m.skipped());
    }

    String csvRow() {
        return String.format(Locale.ROOT, "%d,%d,%.6g,%.6f,%.6f,%.6f,%.4f,%.3f,%.1f,%.1f,%.1f,%b", epoch, step,
                learningRate, loss, classificationLoss, patchLoss, accuracy, imagesPerSecond, rssMb, heapMb, javacppMb, skipped);
    }

    private static double javacppTotalMb() {
        try {
            return org.bytedeco.javacpp.Pointer.totalBytes() / (1024.0 * 1024.0);
        } catch (LinkageError e) {
            return Double.NaN;
        }
    }

    private static double committedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
    }
}
