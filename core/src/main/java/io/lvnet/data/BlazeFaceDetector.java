package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_dnn.blobFromImage;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * Face detection with one of MediaPipe's BlazeFace models, run on OpenCV's DNN module (which
 * reads TFLite). Both models ship inside lvnet's jar ({@link BlazeFaceModel}).
 *
 * <ul>
 * <li>{@link #shortRange()}: faces that fill a good part of the picture (portraits, face
 *     crops, face videos); it misses faces smaller than about a tenth of the picture's longer
 *     side, and near that limit its boxes grow too large.
 * <li>{@link #fullRange()}: faces down to about 5 % of the longer side, with looser boxes; see
 *     {@link TwoStageBlazeFace}, which finds faces with it and boxes them with the short-range
 *     model.
 * </ul>
 *
 * <p>As MediaPipe does: the picture is scaled to fit the model's square input and padded with
 * black (the aspect ratio kept), the model scores its anchors, and boxes and six keypoints are
 * decoded and merged by weighted non-maximum suppression ({@link BlazeFaceDecoder}). The boxes
 * are then mapped back to the picture, adjusted to the dlib-style box LVNet's crops are cut
 * around ({@link BlazeFaceModel}), and pass {@link OverlapSuppression#DEFAULT} like every
 * detector's. A box's {@link FaceBox#score() score} is the face probability.
 *
 * <p>Thread safety: an OpenCV {@code Net} is not thread-safe, so detection is synchronised;
 * create one detector per thread to detect in parallel.
 */
public final class BlazeFaceDetector implements FaceDetector {
    private static final Map<BlazeFaceModel, byte[]> MODEL_BYTES = new EnumMap<>(BlazeFaceModel.class);

    private final BlazeFaceModel model;
    private final Net net;
    private boolean closed;

    /**
     * A face with BlazeFace's keypoints.
     *
     * @param box the face box, clipped to the picture
     * @param keypoints {@code x, y} in picture pixels of the right eye, left eye, nose tip,
     *     mouth centre, right ear and left ear, the person's right and left (the right eye is
     *     on the picture's left in a frontal face); not clipped
     */
    public record Detection(FaceBox box, double[] keypoints) {
        /** Keypoints given. */
        public static final int KEYPOINTS = BlazeFaceDecoder.KEYPOINTS;

        /** The same detection with another score. */
        Detection withScore(double score) {
            return new Detection(new FaceBox(box.x(), box.y(), box.width(), box.height(), score), keypoints);
        }

        /** The same detection moved by {@code (dx, dy)} and clipped to a {@code width x height} picture, or null if outside. */
        Detection shifted(int dx, int dy, int width, int height) {
            FaceBox b = Detections.clipped(box.x() + dx, box.y() + dy, box.x() + dx + box.width(),
                    box.y() + dy + box.height(), box.score(), width, height);
            if (b == null) {
                return null;
            }
            double[] k = keypoints.clone();
            for (int i = 0; i < k.length; i += 2) {
                k[i] += dx;
                k[i + 1] += dy;
            }
            return new Detection(b, k);
        }
    }

    private BlazeFaceDetector(BlazeFaceModel model, Net net) {
        this.model = model;
        this.net = net;
    }

    /**
     * The short-range model.
     *
     * @throws IOException if the model is not on the class path or OpenCV cannot read it
     */
    public static BlazeFaceDetector shortRange() throws IOException {
        return load(BlazeFaceModel.SHORT_RANGE);
    }

    /**
     * The full-range model.
     *
     * @throws IOException if the model is not on the class path or OpenCV cannot read it
     */
    public static BlazeFaceDetector fullRange() throws IOException {
        return load(BlazeFaceModel.FULL_RANGE);
    }

    /**
     * OpenCV's TFLite importer fills its table of operators on first use without a lock: two
     * loader threads reading a model at once made one fail with "Unsupported operator type
     * RESHAPE" (DeepFakeDetectionLayoutTest, once in CI).
     */
    private static final Object IMPORTER = new Object();

    private static BlazeFaceDetector load(BlazeFaceModel model) throws IOException {
        byte[] bytes = modelBytes(model);
        Net net;
        synchronized (IMPORTER) {
            net = read(model, bytes);
        }
        if (net.empty()) {
            net.close();
            throw new IOException("cannot load the BlazeFace model " + model.resource() + ": the network is empty");
        }
        return new BlazeFaceDetector(model, net);
    }

    private static Net read(BlazeFaceModel model, byte[] bytes) throws IOException {
        try (BytePointer buffer = new BytePointer(bytes)) {
            return readNetFromTFLite(buffer, bytes.length);
        } catch (RuntimeException e) {
            throw new IOException("cannot load the BlazeFace model " + model.resource() + ": "
                    + ModelFiles.openCvReason(e.getMessage()), e);
        }
    }

    @Override
    public List<FaceBox> detect(Mat bgr) {
        return detectWithKeypoints(bgr).stream().map(Detection::box).toList();
    }

    /**
     * Detects the faces of an image with their keypoints.
     *
     * @param bgr as for {@link #detect}
     * @return the faces, best first, one per face
     */
    public synchronized List<Detection> detectWithKeypoints(Mat bgr) {
        if (closed) {
            throw new IllegalStateException("face detector is closed");
        }
        Detections.requireImage(bgr);
        int width = bgr.cols();
        int height = bgr.rows();
        int input = model.inputSize();
        double scale = (double) input / Math.max(width, height);
        int w = Math.max(1, Math.min(input, (int) Math.round(width * scale)));
        int h = Math.max(1, Math.min(input, (int) Math.round(height * scale)));
        int left = (input - w) / 2;
        int top = (input - h) / 2;
        List<BlazeFaceDecoder.Raw> raw;
        try (Mat converted = bgr.channels() == 3 ? null : Detections.bgr(bgr);
                Mat square = new Mat(input, input, CV_8UC3, new Scalar(0, 0, 0, 0));
                Rect at = new Rect(left, top, w, h);
                Mat inside = square.apply(at);
                Size size = new Size(w, h)) {
            // shrinking by area averaging: bilinear sampling of a large photo aliases
            resize(converted != null ? converted : bgr, inside, size, 0, 0, scale < 1 ? INTER_AREA : INTER_LINEAR);
            raw = run(square);
        }
        // from [0, 1] of the square input to picture pixels
        double sx = (double) width / w * input;
        double sy = (double) height / h * input;
        double ox = (double) left / input;
        double oy = (double) top / input;
        List<Detection> faces = new ArrayList<>();
        for (BlazeFaceDecoder.Raw r : raw) {
            float[] c = r.coords();
            double boxHeight = (c[3] - c[1]) * sy;
            double cx = ((c[0] + c[2]) / 2 - ox) * sx;
            double cy = ((c[1] + c[3]) / 2 - oy) * sy + model.boxShift() * boxHeight;
            double halfWidth = (c[2] - c[0]) * sx * model.boxScale() / 2;
            double halfHeight = boxHeight * model.boxScale() / 2;
            FaceBox box = Detections.clipped(cx - halfWidth, cy - halfHeight, cx + halfWidth, cy + halfHeight, r.score(),
                    width, height);
            if (box == null) {
                continue;
            }
            double[] keypoints = new double[2 * Detection.KEYPOINTS];
            for (int k = 0; k < Detection.KEYPOINTS; k++) {
                keypoints[2 * k] = (c[4 + 2 * k] - ox) * sx;
                keypoints[2 * k + 1] = (c[5 + 2 * k] - oy) * sy;
            }
            faces.add(new Detection(box, keypoints));
        }
        return OverlapSuppression.DEFAULT.apply(faces, Detection::box, Detection::withScore);
    }

    /** The model on its square BGR input: the decoded faces in [0, 1] of the square. */
    private List<BlazeFaceDecoder.Raw> run(Mat square) {
        // RGB scaled to [-1, 1], as the models were trained
        try (Size size = new Size(model.inputSize(), model.inputSize());
                Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);
                Mat blob = blobFromImage(square, 1 / 127.5, size, mean, true, false, CV_32F);
                StringVector names = net.getUnconnectedOutLayersNames();
                MatVector outs = new MatVector()) {
            net.setInput(blob);
            net.forward(outs, names);
            float[] regressors = null;
            float[] logits = null;
            // told apart by size, not by name: the importer's layer names are not part of its contract
            for (long i = 0; i < outs.size(); i++) {
                Mat m = outs.get(i);
                float[] values = new float[(int) m.total()];
                ((FloatBuffer) m.createBuffer()).get(values);
                if (values.length == model.anchorCount()) {
                    logits = values;
                } else {
                    regressors = values;
                }
            }
            if (logits == null || regressors == null) {
                throw new IllegalStateException("BlazeFace model gave " + outs.size() + " outputs, not scores and boxes");
            }
            return BlazeFaceDecoder.decode(model, regressors, logits, model.minScore());
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            net.close();
        }
    }

    /** A model file's bytes, read once (229 kB and 1 MB) and shared by every detector. */
    private static synchronized byte[] modelBytes(BlazeFaceModel model) throws IOException {
        byte[] bytes = MODEL_BYTES.get(model);
        if (bytes == null) {
            try (InputStream in = BlazeFaceDetector.class.getResourceAsStream(model.resource())) {
                if (in == null) {
                    throw new IOException("the BlazeFace model " + model.resource() + " is not on the class path");
                }
                bytes = in.readAllBytes();
            }
            MODEL_BYTES.put(model, bytes);
        }
        return bytes;
    }
}
