package io.lvnet.detect;

import io.lvnet.memory.PeakMemory;

import io.lvnet.progress.ProgressListener;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.memory.PassMemory;
import java.util.Arrays;
import java.util.Random;

/** Measures how fast a model scores faces: warm-up passes, then timed passes on random inputs. */
public final class InferenceBenchmark {
    private InferenceBenchmark() {
    }

    /** What a benchmark measured. */
    public record Result(
            @JsonProperty("images_per_s") double imagesPerSecond,
            @JsonProperty("ms_per_batch_median") double msPerBatchMedian,
            @JsonProperty("peak_rss_mb") long peakRssMb,
            @JsonProperty("batch") int batch,
            @JsonProperty("iterations") int iterations,
            @JsonProperty("input_size") int inputSize,
            @JsonProperty("width") double width,
            @JsonProperty("parameters") long parameters,
            @JsonProperty("allocator") String allocator,
            @JsonProperty("rss_mb_per_pass") long[] rssMbPerPass,
            @JsonProperty("peak_rss_mb_per_pass") long[] peakRssMbPerPass) {

        /**
         * How much the resident memory left after a pass grew from pass {@code from} (1-based,
         * warm-up included) to the largest value after it, as a fraction of the value at
         * {@code from}; NaN when there are not that many passes or /proc is missing.
         */
        public double rssGrowthFrom(int from) {
            return PassMemory.growthFrom(rssMbPerPass, from);
        }

        /** The same for the most each pass held while it ran (its working set). */
        public double peakGrowthFrom(int from) {
            return PassMemory.growthFrom(peakRssMbPerPass, from);
        }
    }

    /**
     * How far the bfloat16 mode's outputs are from float32 on the benchmark's inputs: the
     * largest difference of a fake probability and of a patch probability, and the relative L2
     * error of the logits.
     */
    public record Deviation(
            @JsonProperty("max_abs_probability") double maxAbsProbability,
            @JsonProperty("max_abs_patch_probability") double maxAbsPatchProbability,
            @JsonProperty("logits_relative_l2") double logitsRelativeL2) {
    }

    /**
     * Switches {@code model} to bfloat16 ({@link LvNetModel#useBfloat16}) and measures its
     * {@link Deviation} from float32 on the inputs {@link #run} uses for {@code batch} faces.
     */
    public static Deviation switchToBfloat16(LvNetModel model, int batch) {
        float[] x = inputs(model, batch);
        Predictions fp32 = model.predict(x, batch);
        Predictions bf16 = model.useBfloat16().predict(x, batch);
        double prob = 0;
        double patch = 0;
        double num = 0;
        double den = 0;
        for (int i = 0; i < batch; i++) {
            prob = Math.max(prob, Math.abs(fp32.fakeProbability()[i] - bf16.fakeProbability()[i]));
            for (int c = 0; c < 2; c++) {
                double d = fp32.logits()[i][c] - bf16.logits()[i][c];
                num += d * d;
                den += (double) fp32.logits()[i][c] * fp32.logits()[i][c];
            }
            float[][] a = fp32.patchMap()[i];
            float[][] b = bf16.patchMap()[i];
            for (int r = 0; r < a.length; r++) {
                for (int c = 0; c < a[r].length; c++) {
                    patch = Math.max(patch, Math.abs(a[r][c] - b[r][c]));
                }
            }
        }
        return new Deviation(prob, patch, Math.sqrt(num / Math.max(den, Double.MIN_NORMAL)));
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed forward passes of {@code batch} faces. */
    public static Result run(LvNetModel model, int batch, int warmup, int iterations, ProgressListener progress) {
        int s = model.config().inputSize();
        float[] x = inputs(model, batch);
        PassMemory memory = new PassMemory(warmup + iterations);
        for (int i = 0; i < warmup; i++) {
            memory.begin();
            model.predict(x, batch);
            memory.end();
            progress.advance(1);
        }
        double[] ms = new double[iterations];
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            memory.begin();
            long t0 = System.nanoTime();
            model.predict(x, batch);
            long dt = System.nanoTime() - t0;
            memory.end();
            total += dt;
            ms[i] = dt / 1e6;
            progress.advance(1);
        }
        Arrays.sort(ms);
        return new Result(batch * iterations / (total / 1e9), ms[iterations / 2], memory.overallPeakMb(), batch,
                iterations, s, model.config().width(), model.parameterCount(), PeakMemory.allocatorSettings(), memory.after(),
                memory.peaks());
    }

    /** Random faces, the same for every call: values uniform in [-1, 1], seed 0. */
    private static float[] inputs(LvNetModel model, int batch) {
        int s = model.config().inputSize();
        float[] x = new float[batch * 3 * s * s];
        Random r = new Random(0);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }
}
