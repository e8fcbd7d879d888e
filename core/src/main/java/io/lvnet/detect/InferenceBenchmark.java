package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.model.LvNetModel;
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
            @JsonProperty("allocator") String allocator) {
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed forward passes of {@code batch} faces. */
    public static Result run(LvNetModel model, int batch, int warmup, int iterations, ProgressListener progress) {
        int s = model.config().inputSize();
        float[] x = new float[batch * 3 * s * s];
        Random r = new Random(0);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < warmup; i++) {
            model.predict(x, batch);
            progress.advance(1);
        }
        double[] ms = new double[iterations];
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            model.predict(x, batch);
            long dt = System.nanoTime() - t0;
            total += dt;
            ms[i] = dt / 1e6;
            progress.advance(1);
        }
        Arrays.sort(ms);
        return new Result(batch * iterations / (total / 1e9), ms[iterations / 2], PeakMemory.peakRssMb(), batch,
                iterations, s, model.config().width(), model.parameterCount(), PeakMemory.allocator());
    }
}
