package io.lvnet.spark;

import io.lvnet.data.FrameSampling;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scan job does to each file: the options of {@code lvnet detect}, and how the job
 * batches and commits.
 *
 * @param weights the weights: the bare name of a file shipped with {@code --files}, or a path
 *     or URI every executor can read
 * @param inputSize input size of a PyTorch checkpoint (lvnet weights carry their own)
 * @param wholeImage take each picture as an aligned face crop ({@code --face none})
 * @param largest keep only the largest face of each picture
 * @param detectorModel a DNN face detector's files (names or URIs as for weights), or empty
 *     for the default face detector (BlazeFace, {@link io.lvnet.data.FaceDetectorChoice#DEFAULT})
 * @param cropScale crop side over the face box
 * @param frames evenly spaced frames per video (when {@code fps} is null)
 * @param fps frames per second to sample, or null
 * @param batch faces per forward pass (faces of consecutive files share batches)
 * @param threads threads per task for libtorch, OpenCV and decoding; 0: {@code spark.task.cpus}
 * @param commitEvery files per output chunk: the unit of work a failed job loses
 * @param json also write JSON Lines
 * @param operatingPoint calibrated weights only: fpr1, fpr5 or eer, where faces are called fake; null for the default
 * @param align crop faces aligned on dlib's landmarks ({@code --align}); every executor reads dlib's model
 *     where {@link io.lvnet.landmarks.ShapePredictorFile#defaultPath()} says
 * @param precision the arithmetic faces are scored in, as {@code lvnet detect --precision}: {@code auto}
 *     (each executor picks bfloat16 where its CPU has AVX512-BF16 or AMX), {@code fp32} or {@code bf16}
 */
public record ScanSettings(String weights, int inputSize, boolean wholeImage, boolean largest, List<String> detectorModel,
        double cropScale, int frames, Double fps, int batch, int threads, int commitEvery, boolean json, String operatingPoint,
        boolean align, String precision) implements Serializable {

    /** Settings with {@code lvnet detect}'s default precision ({@code auto}). */
    public ScanSettings(String weights, int inputSize, boolean wholeImage, boolean largest, List<String> detectorModel,
            double cropScale, int frames, Double fps, int batch, int threads, int commitEvery, boolean json, String operatingPoint,
            boolean align) {
        this(weights, inputSize, wholeImage, largest, detectorModel, cropScale, frames, fps, batch, threads, commitEvery, json,
                operatingPoint, align, io.lvnet.detect.Precision.AUTO.label());
    }

    /** Settings with box crops. */
    public ScanSettings(String weights, int inputSize, boolean wholeImage, boolean largest, List<String> detectorModel,
            double cropScale, int frames, Double fps, int batch, int threads, int commitEvery, boolean json, String operatingPoint) {
        this(weights, inputSize, wholeImage, largest, detectorModel, cropScale, frames, fps, batch, threads, commitEvery, json,
                operatingPoint, false);
    }

    /** Settings with the default operating point. */
    public ScanSettings(String weights, int inputSize, boolean wholeImage, boolean largest, List<String> detectorModel,
            double cropScale, int frames, Double fps, int batch, int threads, int commitEvery, boolean json) {
        this(weights, inputSize, wholeImage, largest, detectorModel, cropScale, frames, fps, batch, threads, commitEvery, json,
                null);
    }

    public ScanSettings {
        detectorModel = detectorModel == null ? List.of() : List.copyOf(detectorModel);
        if (batch < 1 || frames < 1 || commitEvery < 1 || threads < 0 || (fps != null && !(fps > 0)) || !(cropScale > 0)) {
            throw new IllegalArgumentException("--batch, --frames and --commit-every must be at least 1, --fps and "
                    + "--crop-scale positive, --threads 0 or more");
        }
        if (operatingPoint != null) {
            io.lvnet.calibrate.OperatingPoint.of(operatingPoint); // a name that is none fails here, on the driver
        }
        precision = io.lvnet.detect.Precision.parse(precision == null ? "auto" : precision).label();
        if (align && wholeImage) {
            throw new IllegalArgumentException("--align needs faces to find: not with --face none");
        }
    }

    /** The defaults of {@code lvnet detect} for these weights. */
    public static ScanSettings defaults(String weights) {
        return new ScanSettings(weights, 299, false, false, List.of(), 1.3, 32, null, 8, 0, 64, false);
    }

    /** How faces are judged: calibrated weights at the operating point, others at 0.5. */
    public io.lvnet.calibrate.VerdictRule verdicts(io.lvnet.calibrate.Calibration calibration) {
        return io.lvnet.calibrate.VerdictRule.choose(calibration,
                operatingPoint == null ? null : io.lvnet.calibrate.OperatingPoint.of(operatingPoint), null);
    }

    /** Which frames of a video are scanned. */
    public FrameSampling sampling() {
        return fps != null ? FrameSampling.atRate(fps) : FrameSampling.evenly(frames);
    }

    /**
     * What decides the results (not how they are computed): a rerun into the same output must
     * have the same, else its rows would mix with different ones.
     */
    Map<String, Object> resultSettings(String weightsDigest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weights_sha256", weightsDigest);
        m.put("input_size", inputSize);
        m.put("face", wholeImage ? "none" : "detect");
        m.put("largest", largest);
        m.put("detector_model", detectorModel);
        m.put("crop_scale", cropScale);
        m.put("sampling", sampling().toString());
        m.put("operating_point", operatingPoint);
        if (align) { // only when set, so that runs written before --align existed still resume
            m.put("align", true);
        }
        if (!precision.equals("fp32")) { // runs written before --precision existed computed in fp32
            m.put("precision", precision);
        }
        return m;
    }
}
