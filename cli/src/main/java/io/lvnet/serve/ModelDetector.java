package io.lvnet.serve;

import io.lvnet.provenance.Provenance;
import io.lvnet.calibrate.VerdictRule;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameSampling;
import io.lvnet.data.PerThreadFaceDetectors;
import io.lvnet.data.FaceFinder;
import io.lvnet.detect.FileResult;
import io.lvnet.detect.FileScanner;
import io.lvnet.regions.PartLocator;
import io.lvnet.landmarks.AligningFaceFinder;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.detect.Timeline;
import io.lvnet.detect.LvNetModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Scans uploads with one shared model, as {@code lvnet detect} scans files: the chosen face
 * detector (BlazeFace by default), crops 1.3 times the face box, evenly spaced video frames.
 *
 * <p>Thread safety: the model is shared (each prediction works in its own NDManager; see
 * {@link LvNetModel}); OpenCV's detectors are not thread-safe, so each worker thread gets its
 * own; scanners and overlay collectors are made per request.
 */
public final class ModelDetector implements Detector {
    private final LvNetModel model;
    private final int batch;
    private final PerThreadFaceDetectors detectors;
    private final FaceCrops crops = new FaceCrops(FaceCrops.DEFAULT_SCALE, FaceCrops.Border.SHIFT_AND_SHRINK);
    private final PartLocator parts;
    /** The operating point of calibrated weights when a request names none. */
    private io.lvnet.calibrate.OperatingPoint operatingPoint = VerdictRule.DEFAULT_OPERATING_POINT;
    /** The weights' name and digest that answers carry; null to leave provenance out. */
    private Provenance.Weights weights;
    /** Aligns found faces ({@code --align}); null for box crops. */
    private FaceAligner aligner;

    /**
     * @param model the weights, shared by every worker; the caller closes it after the service
     * @param batch faces per forward pass
     */
    public ModelDetector(LvNetModel model, int batch) {
        this(model, batch, FaceDetectorChoice.DEFAULT);
    }

    /**
     * @param model the weights, shared by every worker; the caller closes it after the service
     * @param batch faces per forward pass
     * @param faces the face detector, one per worker thread
     */
    public ModelDetector(LvNetModel model, int batch, FaceDetectorChoice faces) {
        this(model, batch, faces, null);
    }

    /**
     * @param model the weights, shared by every worker; the caller closes it after the service
     * @param batch faces per forward pass
     * @param faces the face detector, one per worker thread
     * @param parts finds each face's mouth, eyes and nose, so that answers say which holds the
     *     forged patches; null to leave that out
     */
    public ModelDetector(LvNetModel model, int batch, FaceDetectorChoice faces, PartLocator parts) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.model = model;
        this.batch = batch;
        this.detectors = new PerThreadFaceDetectors(faces);
        this.parts = parts;
    }

    /**
     * Calibrated weights are judged at {@code point} when a request names no {@code
     * operating_point} ({@link VerdictRule#DEFAULT_OPERATING_POINT} otherwise).
     *
     * @throws IllegalArgumentException for weights without calibration, which have no operating points
     */
    public ModelDetector withOperatingPoint(io.lvnet.calibrate.OperatingPoint point) {
        if (model.calibration() == null) {
            throw new IllegalArgumentException("the weights carry no calibration, so no operating points: calibrate them "
                    + "with 'lvnet calibrate'");
        }
        this.operatingPoint = point;
        return this;
    }

    /** Found faces are cropped aligned ({@code --align}) by {@code aligner}. */
    public ModelDetector withAlignment(FaceAligner aligner) {
        this.aligner = aligner;
        return this;
    }

    /** Answers carry provenance naming these weights (the file's name and SHA-256, not its path). */
    public ModelDetector withProvenance(Provenance.Weights weights) {
        this.weights = weights;
        return this;
    }

    @Override
    public DetectionResult detect(Path file, String name, DetectOptions options) throws IOException {
        // the finder is not closed: that would close this thread's detector, which serves its next requests
        FaceFinder finder = options.wholeImage() ? FaceFinder.wholeImage()
                : aligner != null ? new AligningFaceFinder(detectors.get(), crops, aligner, options.largest())
                : FaceFinder.detecting(detectors.get(), crops, options.largest());
        OverlayCollector overlays = options.overlays() ? new OverlayCollector(options.threshold()) : null;
        // calibrated weights are judged at their default operating point, others at the request's threshold
        FileScanner scanner = new FileScanner(model, finder, FrameSampling.evenly(options.frames()), batch, overlays)
                .withLimits(options.decodeLimits())
                .withVerdicts(verdicts(options));
        if (parts != null) {
            scanner = scanner.withParts(parts);
        }
        FileResult raw = scanner.scan(file);
        FileResult result = raw.withPath(name, raw.error() == null ? null : Uploads.scrub(raw.error(), file, name));
        String timeline = overlays != null && result.frames() != null && !result.failed()
                ? timeline(file, name, result, options.threshold()) : null;
        return new DetectionResult(List.of(result), overlays == null ? null : overlays.overlays(), timeline,
                weights == null ? null : Provenance.of(weights, describe(options)));
    }

    /** The request's options as its results record them, with the precision the model ran in. */
    private Map<String, Object> describe(DetectOptions options) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(options.describe());
        m.put("precision", model.precision().label());
        return m;
    }

    /**
     * Calibrated weights are judged at the request's operating point, else the server's; others
     * at the request's threshold, and a request naming an operating point for them is refused.
     */
    private VerdictRule verdicts(DetectOptions options) {
        if (model.calibration() == null) {
            if (options.operatingPoint() != null) {
                throw ApiException.badRequest("operating_point: the weights carry no calibration, so no operating points; "
                        + "use threshold");
            }
            return VerdictRule.threshold(options.threshold());
        }
        return VerdictRule.choose(model.calibration(),
                options.operatingPoint() != null ? options.operatingPoint() : operatingPoint, null);
    }

    /** The score-over-time chart, drawn beside the upload (so it is cleaned up with it) and read back. */
    private static String timeline(Path file, String name, FileResult video, float threshold) throws IOException {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path png = file.resolveSibling(stem + "-timeline.png");
        try {
            Timeline.write(png, name, video, threshold);
            return Files.exists(png) ? Base64.getEncoder().encodeToString(Files.readAllBytes(png)) : null;
        } finally {
            Files.deleteIfExists(png);
        }
    }

    /** Closes the workers' face detectors. */
    @Override
    public void close() {
        detectors.close();
    }
}
