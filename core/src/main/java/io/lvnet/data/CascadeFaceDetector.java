package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * Viola-Jones face detection with an OpenCV Haar cascade, by default the frontal-face
 * cascade that ships inside the OpenCV native jar (no model download needed). Fast and
 * dependency-free, but it finds only roughly frontal, upright faces; prefer
 * {@link DnnFaceDetector} or {@link YuNetFaceDetector} when their model files are at hand.
 *
 * <p>The image is converted to grey and histogram-equalised first (the cascade was trained
 * on equalised faces). A box's {@link FaceBox#score() score} is the number of raw detections
 * merged into it, which grows with the evidence: at least {@code minNeighbors}.
 *
 * <p>Thread safety: OpenCV's {@code CascadeClassifier} is not thread-safe, so
 * {@link #detect} is synchronised; create one detector per thread to detect in parallel.
 */
public final class CascadeFaceDetector implements FaceDetector {
    /** Step between the scales searched: 10 % per step, OpenCV's usual value. */
    public static final double DEFAULT_SCALE_FACTOR = 1.1;
    /** Raw detections needed to accept a face; 5 keeps false positives rare. */
    public static final int DEFAULT_MIN_NEIGHBORS = 5;
    /** Smallest face searched, as a fraction of the image's shorter side. */
    public static final double DEFAULT_MIN_SIZE_FRACTION = 0.1;

    /** Where the bundled cascade lies inside the OpenCV jar for this platform. */
    private static final String BUNDLED_CASCADE = "/org/bytedeco/opencv/" + Loader.getPlatform()
            + "/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

    private final CascadeClassifier classifier;
    private final double scaleFactor;
    private final int minNeighbors;
    private final double minSizeFraction;
    private boolean closed;

    /**
     * Loads a cascade file.
     *
     * @param cascadeXml an OpenCV cascade classifier file (Haar or LBP, XML)
     * @param scaleFactor step between the searched scales, greater than 1
     * @param minNeighbors raw detections needed to accept a face, at least 1
     * @param minSizeFraction smallest face searched as a fraction of the image's shorter
     *     side, in [0, 1)
     * @throws IOException if the file is missing, unreadable or not a cascade
     */
    public CascadeFaceDetector(Path cascadeXml, double scaleFactor, int minNeighbors,
            double minSizeFraction) throws IOException {
        if (!(scaleFactor > 1)) {
            throw new IllegalArgumentException("scaleFactor must be greater than 1, got " + scaleFactor);
        }
        if (minNeighbors < 1) {
            throw new IllegalArgumentException("minNeighbors must be at least 1, got " + minNeighbors);
        }
        if (!(minSizeFraction >= 0 && minSizeFraction < 1)) {
            throw new IllegalArgumentException("minSizeFraction must be in [0, 1), got " + minSizeFraction);
        }
        String what = "face cascade";
        String path = ModelFiles.checked(cascadeXml, what);
        CascadeClassifier loaded;
        try {
            loaded = new CascadeClassifier(path);
        } catch (RuntimeException e) {
            // OpenCV's reasons here ("isMap()", "Input file is invalid") say nothing to a user
            throw new IOException("cannot load " + what + " " + cascadeXml + ": not an OpenCV cascade file", e);
        }
        // an XML file that is not a cascade loads without an error but leaves the classifier empty
        if (loaded.empty()) {
            loaded.close();
            throw new IOException("cannot load " + what + " " + cascadeXml + ": not an OpenCV cascade file");
        }
        this.classifier = loaded;
        this.scaleFactor = scaleFactor;
        this.minNeighbors = minNeighbors;
        this.minSizeFraction = minSizeFraction;
    }

    /**
     * The frontal-face Haar cascade bundled with OpenCV ({@code
     * haarcascade_frontalface_default.xml}) with the default settings.
     *
     * @throws IOException if the cascade cannot be extracted from the OpenCV jar (JavaCPP
     *     caches it under {@code ~/.javacpp/cache})
     */
    public static CascadeFaceDetector bundled() throws IOException {
        return new CascadeFaceDetector(bundledCascade(), DEFAULT_SCALE_FACTOR, DEFAULT_MIN_NEIGHBORS,
                DEFAULT_MIN_SIZE_FRACTION);
    }

    /**
     * The bundled frontal-face cascade as a file, extracted from the OpenCV jar on first use.
     *
     * @throws IOException if the OpenCV natives for this platform are not on the class path
     */
    public static Path bundledCascade() throws IOException {
        File file = Loader.cacheResource(BUNDLED_CASCADE);
        if (file == null) {
            throw new IOException("OpenCV's face cascade is not on the class path for platform "
                    + Loader.getPlatform() + " (" + BUNDLED_CASCADE + ")");
        }
        return file.toPath();
    }

    @Override
    public synchronized List<FaceBox> detect(Mat bgr) {
        if (closed) {
            throw new IllegalStateException("face detector is closed");
        }
        Detections.requireImage(bgr);
        int side = Math.max(1, (int) Math.round(Math.min(bgr.cols(), bgr.rows()) * minSizeFraction));
        List<FaceBox> boxes = new ArrayList<>();
        try (Mat grey = Detections.grey(bgr);
                RectVector rects = new RectVector();
                IntPointer neighbours = new IntPointer();
                Size minSize = new Size(side, side);
                Size maxSize = new Size()) {
            equalizeHist(grey, grey);
            // the "2" variant also reports how many raw detections each box merged: our score
            classifier.detectMultiScale2(grey, rects, neighbours, scaleFactor, minNeighbors, 0,
                    minSize, maxSize);
            for (int i = 0; i < rects.size(); i++) {
                Rect r = rects.get(i);
                Detections.addClipped(boxes, r.x(), r.y(), r.x() + r.width(), r.y() + r.height(),
                        neighbours.get(i), bgr.cols(), bgr.rows());
            }
        }
        return Detections.distinct(boxes);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            classifier.close();
        }
    }
}
