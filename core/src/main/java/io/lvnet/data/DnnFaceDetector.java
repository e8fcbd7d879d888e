package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromCaffe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * Face detection with OpenCV's DNN module and the widely used ResNet-10 SSD face model
 * ("res10"), which finds faces at most angles and sizes far more reliably than the cascade.
 * The model is not bundled: pass its two files, {@code deploy.prototxt} and
 * {@code res10_300x300_ssd_iter_140000.caffemodel} (both from OpenCV's
 * {@code samples/dnn/face_detector}).
 *
 * <pre>{@code
 * try (FaceDetector detector = DnnFaceDetector.res10(Path.of("deploy.prototxt"),
 *         Path.of("res10_300x300_ssd_iter_140000.caffemodel"))) {
 *     List<FaceBox> faces = detector.detect(frame);
 * }
 * }</pre>
 *
 * <p>The image is resized to 300x300 without keeping its aspect ratio and the per-channel
 * means (104, 177, 123) the model was trained with are subtracted; boxes come back
 * normalised and are scaled to the image. A box's {@link FaceBox#score() score} is the
 * model's face probability.
 *
 * <p>Thread safety: an OpenCV {@code Net} is not thread-safe, so {@link #detect} is
 * synchronised; create one detector per thread to detect in parallel.
 */
public final class DnnFaceDetector implements FaceDetector {
    /** Faces below this probability are dropped; 0.5 is the customary cut for res10. */
    public static final double DEFAULT_CONFIDENCE = 0.5;

    private static final int INPUT_SIZE = 300;
    private static final String WHAT = "face detector model";
    /** Each detection row: image id, class, confidence, x1, y1, x2, y2 (normalised). */
    private static final int ROW = 7;

    private final Net net;
    private final double confidence;
    private boolean closed;

    private DnnFaceDetector(Net net, double confidence) {
        this.net = net;
        this.confidence = confidence;
    }

    /**
     * Loads the res10 SSD face model with the default confidence threshold.
     *
     * @param prototxt the network description ({@code deploy.prototxt})
     * @param caffemodel the weights ({@code res10_300x300_ssd_iter_140000.caffemodel})
     * @throws IOException if a file is missing, unreadable or not a Caffe model (one-line
     *     message naming the file)
     */
    public static DnnFaceDetector res10(Path prototxt, Path caffemodel) throws IOException {
        return res10(prototxt, caffemodel, DEFAULT_CONFIDENCE);
    }

    /**
     * Loads the res10 SSD face model.
     *
     * @param prototxt the network description
     * @param caffemodel the weights
     * @param confidence the lowest face probability reported, in [0, 1]
     * @throws IOException if a file is missing, unreadable or not a Caffe model
     */
    public static DnnFaceDetector res10(Path prototxt, Path caffemodel, double confidence)
            throws IOException {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        String description = ModelFiles.checked(prototxt, WHAT);
        String weights = ModelFiles.checked(caffemodel, WHAT);
        Net net;
        try {
            net = readNetFromCaffe(description, weights);
        } catch (RuntimeException e) {
            // OpenCV names the file it failed on; which one is which is not always clear, so name both
            throw new IOException("cannot load " + WHAT + " " + prototxt + " + " + caffemodel + ": "
                    + ModelFiles.openCvReason(e.getMessage()), e);
        }
        if (net.empty()) {
            net.close();
            throw new IOException("cannot load " + WHAT + " " + prototxt + " + " + caffemodel
                    + ": the network is empty");
        }
        return new DnnFaceDetector(net, confidence);
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
        try (Mat image = Detections.bgr(bgr);
                Size size = new Size(INPUT_SIZE, INPUT_SIZE);
                Scalar mean = new Scalar(104.0, 177.0, 123.0, 0.0);
                Mat blob = blobFromImage(image, 1.0, size, mean, false, false, CV_32F)) {
            net.setInput(blob);
            try (Mat out = net.forward()) {
                // output shape 1 x 1 x N x 7, float32, continuous
                int rows = (int) (out.total() / ROW);
                FloatPointer data = new FloatPointer(out.data());
                for (int i = 0; i < rows; i++) {
                    float score = data.get((long) i * ROW + 2);
                    if (score < confidence) {
                        continue;
                    }
                    long at = (long) i * ROW;
                    Detections.addClipped(boxes, data.get(at + 3) * width, data.get(at + 4) * height,
                            data.get(at + 5) * width, data.get(at + 6) * height, score, width, height);
                }
            }
        }
        return Detections.distinct(boxes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }
}
