package io.lvnet.landmarks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.data.FaceBox;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the shape predictor: how long the model takes to load, and how many faces one
 * thread places landmarks on per second, on rendered portraits of several sizes (the work per
 * face does not depend on the face's size: a fixed number of trees and pixels).
 */
public final class LandmarkBenchmark {
    /** Where each run leaves the sum of its predictions, so that the JIT must compute them. */
    private static volatile long consumed;
    /** Faces per timed pass. */
    public static final int FACES_PER_PASS = 500;

    private LandmarkBenchmark() {
    }

    /** One face to place landmarks on. */
    public record Face(GrayImage image, FaceBox box) {
    }

    /** What a benchmark measured. */
    public record Result(
            @JsonProperty("model") String model,
            @JsonProperty("load_ms") double loadMs,
            @JsonProperty("load_cpu_ms") double loadCpuMs,
            @JsonProperty("parts") int parts,
            @JsonProperty("trees") int trees,
            @JsonProperty("faces_per_pass") int facesPerPass,
            @JsonProperty("passes") int passes,
            @JsonProperty("ms_per_face_median") double msPerFaceMedian,
            @JsonProperty("ms_per_face_best") double msPerFaceBest,
            @JsonProperty("faces_per_s") double facesPerSecond,
            @JsonProperty("cpu_ms_per_face_median") double cpuMsPerFaceMedian,
            @JsonProperty("faces_per_cpu_s") double facesPerCpuSecond,
            @JsonProperty("threads") int threads) {
    }

    /**
     * Loads the model, then runs {@code warmup} untimed and {@code passes} timed passes of
     * {@code facesPerPass} predictions each on the calling thread, cycling through {@code faces}.
     */
    public static Result run(Path model, List<Face> faces, int warmup, int passes, int facesPerPass) throws IOException {
        if (faces.isEmpty() || passes < 1 || warmup < 0 || facesPerPass < 1) {
            throw new IllegalArgumentException("need faces, at least one timed pass and one face per pass");
        }
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        ShapePredictor predictor = ShapePredictorFile.read(model);
        double loadCpuMs = (cpuNanos() - c0) / 1e6;
        double loadMs = (System.nanoTime() - t0) / 1e6;
        long sink = 0;
        for (int p = 0; p < warmup; p++) {
            sink += pass(predictor, faces, facesPerPass);
        }
        double[] msPerFace = new double[passes];
        double[] cpuMsPerFace = new double[passes];
        for (int p = 0; p < passes; p++) {
            long start = System.nanoTime();
            long cpu = cpuNanos();
            sink += pass(predictor, faces, facesPerPass);
            cpuMsPerFace[p] = (cpuNanos() - cpu) / 1e6 / facesPerPass;
            msPerFace[p] = (System.nanoTime() - start) / 1e6 / facesPerPass;
        }
        consumed = sink; // keeps the predictions observable so that the JIT cannot drop them
        double median = median(msPerFace);
        double cpuMedian = median(cpuMsPerFace);
        return new Result(model.toString(), loadMs, loadCpuMs, predictor.parts(), predictor.trees(), facesPerPass, passes,
                median, Arrays.stream(msPerFace).min().orElseThrow(), 1000 / median, cpuMedian, 1000 / cpuMedian, 1);
    }

    /**
     * The calling thread's CPU time, which a machine shared with other work inflates much less
     * than the wall-clock time; wall-clock time where the JVM cannot measure it.
     */
    private static long cpuNanos() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long pass(ShapePredictor predictor, List<Face> faces, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Face f = faces.get(i % faces.size());
            sum += predictor.predict(f.image(), f.box()).x(33);
        }
        return sum;
    }
}
