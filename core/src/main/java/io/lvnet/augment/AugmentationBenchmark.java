package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.lvnet.data.OpenCvImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Measures how many training samples per second the augmentation delivers on a number of
 * threads, counting what a loader worker does per sample: decode a PNG in the reference's
 * layout ({@code face | mask | mask} side by side), split it, augment image and masks with
 * {@link AugmentationRecipe#reference(int)} and normalise.
 *
 * <p>{@code lvnet bench --augment [--threads N] [--iterations SAMPLES] [--size S] [PICTURE]}
 * runs it: a picture in the reference's layout is used as it is, any other as the face of a
 * 300 x 900 composite with an elliptic mask ({@link #asComposite}); without one a synthetic
 * composite is used.
 */
public final class AugmentationBenchmark {
    /** The outcome of one run. */
    public record Result(int threads, int samples, double seconds) {
        /** @return augmented samples per second */
        public double samplesPerSecond() {
            return samples / seconds;
        }
    }

    private AugmentationBenchmark() {
    }

    /**
     * Times the augmentation of {@code samples} samples decoded from one encoded composite,
     * after an untimed warm-up of a tenth as many.
     *
     * @param composite encoded image (PNG) three times as wide as high: face, mask, region
     * @param recipe the augmentation
     * @param threads worker threads
     * @param samples samples to time
     * @param seed base seed; sample {@code i} uses {@code seed + i}
     * @return the measurement
     * @throws IOException if the composite cannot be decoded
     */
    public static Result run(byte[] composite, AugmentationRecipe recipe, int threads, int samples, long seed)
            throws IOException {
        if (threads <= 0 || samples <= 0) {
            throw new IllegalArgumentException("threads and samples must be positive");
        }
        decodeAndAugment(composite, recipe, seed);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            runOn(pool, threads, Math.max(threads, samples / 10), composite, recipe, seed);
            long start = System.nanoTime();
            runOn(pool, threads, samples, composite, recipe, seed);
            return new Result(threads, samples, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void runOn(ExecutorService pool, int threads, int samples, byte[] composite,
            AugmentationRecipe recipe, long seed) throws IOException {
        AtomicInteger next = new AtomicInteger();
        List<Future<Double>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                double checksum = 0;
                for (int i = next.getAndIncrement(); i < samples; i = next.getAndIncrement()) {
                    checksum += decodeAndAugment(composite, recipe, seed + i);
                }
                return checksum;
            }));
        }
        try {
            for (Future<Double> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** One loader step; returns a value derived from the output so that none of it is skipped. */
    private static double decodeAndAugment(byte[] composite, AugmentationRecipe recipe, long seed)
            throws IOException {
        Sample sample;
        try (PointerScope scope = new PointerScope()) {
            Mat bgr = OpenCvImages.decodeBgr(composite, "composite");
            int side = bgr.rows();
            if (bgr.cols() != 3 * side) {
                throw new IOException("composite must be three times as wide as high, got "
                        + bgr.rows() + "x" + bgr.cols());
            }
            Map<String, Mat> masks = new LinkedHashMap<>();
            masks.put("mask", new Mat(bgr, new Rect(side, 0, side, side)));
            masks.put("region", new Mat(bgr, new Rect(2 * side, 0, side, side)));
            sample = Samples.fromBgr(new Mat(bgr, new Rect(0, 0, side, side)), masks);
        }
        AugmentedSample out = recipe.augment(sample, seed);
        return out.image()[out.image().length / 2] + out.mask("mask")[out.size() / 2];
    }

    /**
     * A synthetic composite like the reference's training files: a {@code side x side}
     * photo-like face (smooth shading, an ellipse, sensor-like noise, so PNG cannot compress
     * it much more than a real frame) and twice the same elliptic mask.
     *
     * @param side side of the face
     * @param seed noise seed
     * @return PNG bytes of a {@code side x 3 side} image
     */
    public static byte[] syntheticComposite(int side, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int width = 3 * side;
        byte[] bgr = new byte[side * width * 3];
        double c = side / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = (x - c) / (0.35 * side);
                double dy = (y - c) / (0.45 * side);
                boolean face = dx * dx + dy * dy <= 1;
                double shade = 0.5 + 0.5 * Math.sin(x * 0.05) * Math.cos(y * 0.04);
                int base = (y * width + x) * 3;
                double[] colour = face ? new double[] {120, 150, 200} : new double[] {60, 90, 70};
                for (int ch = 0; ch < 3; ch++) {
                    double v = colour[ch] * (0.7 + 0.5 * shade) + 6 * random.nextGaussian();
                    bgr[base + ch] = Lookup.clipTruncate(v);
                }
                byte m = face ? (byte) 255 : 0;
                for (int copy = 1; copy <= 2; copy++) {
                    int at = (y * width + copy * side + x) * 3;
                    bgr[at] = m;
                    bgr[at + 1] = m;
                    bgr[at + 2] = m;
                }
            }
        }
        try (PointerScope scope = new PointerScope()) {
            Mat image = new Mat(side, width, CV_8UC3);
            image.data().put(bgr);
            BytePointer png = new BytePointer();
            if (!imencode(".png", image, png)) {
                throw new IllegalStateException("OpenCV could not encode a PNG");
            }
            byte[] bytes = new byte[Math.toIntExact(png.limit())];
            png.get(bytes);
            return bytes;
        }
    }

    /**
     * A composite in the reference's layout around a real picture: the picture resized to
     * {@code side x side} as the face, and an elliptic mask twice.
     *
     * @param picture encoded image file content
     * @param side side of the face
     * @return PNG bytes of a {@code side x 3 side} image
     * @throws IOException if the picture cannot be decoded
     */
    public static byte[] compositeAround(byte[] picture, int side) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Mat face = new Mat();
            resize(OpenCvImages.decodeBgr(picture, "picture"), face, new Size(side, side));
            Mat composite = new Mat(side, 3 * side, CV_8UC3, Scalar.all(0));
            face.copyTo(new Mat(composite, new Rect(0, 0, side, side)));
            for (int copy = 1; copy <= 2; copy++) {
                ellipse(new Mat(composite, new Rect(copy * side, 0, side, side)), new Point(side / 2, side / 2),
                        new Size(side * 35 / 100, side * 45 / 100), 0, 0, 360, Scalar.all(255), FILLED, LINE_8, 0);
            }
            BytePointer png = new BytePointer();
            if (!imencode(".png", composite, png)) {
                throw new IllegalStateException("OpenCV could not encode a PNG");
            }
            byte[] bytes = new byte[Math.toIntExact(png.limit())];
            png.get(bytes);
            return bytes;
        }
    }

    /**
     * {@code file} as the benchmark's composite: as it is when it already is one (three squares
     * side by side), else a composite built around it.
     */
    public static byte[] asComposite(byte[] file) throws IOException {
        try (Mat decoded = OpenCvImages.decodeBgr(file, "--image")) {
            if (decoded.cols() == 3 * decoded.rows()) {
                return file;
            }
        }
        return compositeAround(file, 300);
    }

}
