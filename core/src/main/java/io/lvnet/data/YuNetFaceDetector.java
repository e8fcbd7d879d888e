package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * Face detection with YuNet, OpenCV's own light CNN face detector ({@code FaceDetectorYN}),
 * from its ONNX file (e.g. {@code face_detection_yunet_2023mar.onnx} from the OpenCV model
 * zoo; not bundled).
 *
 * <pre>{@code
 * try (FaceDetector detector = YuNetFaceDetector.load(Path.of("face_detection_yunet_2023mar.onnx"))) {
 *     List<FaceBox> faces = detector.detect(frame);
 * }
 * }</pre>
 *
 * <p>YuNet runs at the image's own resolution. A box's {@link FaceBox#score() score} is the
 * model's face score after non-maximum suppression; YuNet's five landmarks are not kept.
 *
 * <p>Thread safety: {@code FaceDetectorYN} is not thread-safe (it holds its input size and
 * network), so {@link #detect} is synchronised; create one detector per thread to detect
 * in parallel.
 */
public final class YuNetFaceDetector implements FaceDetector {
    /** OpenCV's default score threshold for YuNet. */
    public static final float DEFAULT_SCORE_THRESHOLD = 0.9f;
    /** OpenCV's default IoU threshold of YuNet's non-maximum suppression. */
    public static final float DEFAULT_NMS_THRESHOLD = 0.3f;

    private static final String WHAT = "face detector model";
    private static final int TOP_K = 5000;
    /** Each row: x, y, w, h, five landmark (x, y) pairs, score. */
    private static final int SCORE_COLUMN = 14;

    private final FaceDetectorYN detector;
    private boolean closed;

    private YuNetFaceDetector(FaceDetectorYN detector) {
        this.detector = detector;
    }

    /**
     * Loads YuNet with OpenCV's default thresholds.
     *
     * @param onnx the model file, with an {@code .onnx} name (OpenCV picks the importer by it)
     * @throws IOException if the file is missing, unreadable or not a YuNet model
     */
    public static YuNetFaceDetector load(Path onnx) throws IOException {
        return load(onnx, DEFAULT_SCORE_THRESHOLD, DEFAULT_NMS_THRESHOLD);
    }

    /**
     * Loads YuNet.
     *
     * @param onnx the model file ({@code .onnx})
     * @param scoreThreshold the lowest face score reported, in [0, 1]
     * @param nmsThreshold the IoU above which overlapping boxes are merged, in [0, 1]
     * @throws IOException if the file is missing, unreadable or not a YuNet model
     */
    public static YuNetFaceDetector load(Path onnx, float scoreThreshold, float nmsThreshold)
            throws IOException {
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1) || !(nmsThreshold >= 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("thresholds must be in [0, 1], got score "
                    + scoreThreshold + ", nms " + nmsThreshold);
        }
        String path = ModelFiles.checked(onnx, WHAT);
        if (!onnx.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            // OpenCV would only say that it "cannot determine an origin framework"
            throw new IOException("cannot load " + WHAT + " " + onnx + ": YuNet needs an .onnx file");
        }
        try (Size initial = new Size(320, 320)) {
            // the input size is set again for every image; 320x320 is only a placeholder
            FaceDetectorYN yn = FaceDetectorYN.create(path, "", initial, scoreThreshold, nmsThreshold,
                    TOP_K, 0, 0);
            if (yn == null || yn.isNull()) {
                throw new IOException("cannot load " + WHAT + " " + onnx + ": not a YuNet model");
            }
            return new YuNetFaceDetector(yn);
        } catch (RuntimeException e) {
            throw ModelFiles.loadFailure(onnx, WHAT, e);
        }
    }

    @Override
    public synchronized List<FaceBox> detect(Mat bgr) {
        if (closed) {
            throw new IllegalStateException("face detector is closed");
        }
        Detections.requireImage(bgr);
        int width = bgr.cols();
        int height = bgr.rows();
        List<FaceBox> boxes = new ArrayList<>();
        try (Mat image = Detections.bgr(bgr); Size size = new Size(width, height); Mat faces = new Mat()) {
            detector.setInputSize(size);
            detector.detect(image, faces);
            if (!faces.empty() && faces.depth() == CV_32F) {
                try (FloatIndexer rows = faces.createIndexer()) {
                    for (int i = 0; i < faces.rows(); i++) {
                        float x = rows.get(i, 0);
                        float y = rows.get(i, 1);
                        Detections.addClipped(boxes, x, y, x + rows.get(i, 2), y + rows.get(i, 3),
                                rows.get(i, SCORE_COLUMN), width, height);
                    }
                }
            }
        }
        return Detections.distinct(boxes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            detector.close();
        }
    }
}
