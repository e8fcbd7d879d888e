package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/** What every face detector does the same way: check the input, clip and order the boxes. */
final class Detections {
    /** Best score first; among equal scores the larger box, which is the likelier face. */
    static final Comparator<FaceBox> BEST_FIRST = Comparator.comparingDouble(FaceBox::score)
            .thenComparingLong(FaceBox::area).reversed();

    private Detections() {
    }

    /** Throws {@link IllegalArgumentException} unless the image is 8-bit with 1, 3 or 4 channels. */
    static void requireImage(Mat image) {
        if (image == null || image.empty()) {
            throw new IllegalArgumentException("image is empty");
        }
        if (image.depth() != CV_8U) {
            throw new IllegalArgumentException("image must be 8-bit, got OpenCV depth " + image.depth());
        }
        int c = image.channels();
        if (c != 1 && c != 3 && c != 4) {
            throw new IllegalArgumentException("image must have 1, 3 or 4 channels, got " + c);
        }
    }

    /** A new single-channel copy of a checked image. */
    static Mat grey(Mat image) {
        Mat grey = new Mat();
        switch (image.channels()) {
            case 1 -> image.copyTo(grey);
            case 3 -> cvtColor(image, grey, COLOR_BGR2GRAY);
            default -> cvtColor(image, grey, COLOR_BGRA2GRAY);
        }
        return grey;
    }

    /** A new three-channel BGR copy of a checked image (the DNN detectors take only BGR). */
    static Mat bgr(Mat image) {
        Mat bgr = new Mat();
        switch (image.channels()) {
            case 3 -> image.copyTo(bgr);
            case 1 -> cvtColor(image, bgr, COLOR_GRAY2BGR);
            default -> cvtColor(image, bgr, COLOR_BGRA2BGR);
        }
        return bgr;
    }

    /**
     * Adds the box with corners {@code (x1, y1)}, {@code (x2, y2)} (right and bottom
     * exclusive), clipped to a {@code width x height} image, unless nothing of it is left.
     * Network detectors report boxes reaching past the border for faces cut by it.
     */
    static void addClipped(List<FaceBox> boxes, double x1, double y1, double x2, double y2,
            double score, int width, int height) {
        FaceBox box = clipped(x1, y1, x2, y2, score, width, height);
        if (box != null) {
            boxes.add(box);
        }
    }

    /** The box {@link #addClipped} would add, or null where nothing of it is in the image. */
    static FaceBox clipped(double x1, double y1, double x2, double y2, double score, int width, int height) {
        int left = (int) Math.max(0, Math.round(x1));
        int top = (int) Math.max(0, Math.round(y1));
        int right = (int) Math.min(width, Math.round(x2));
        int bottom = (int) Math.min(height, Math.round(y2));
        return right > left && bottom > top ? new FaceBox(left, top, right - left, bottom - top, score) : null;
    }

    /**
     * What every detector reports: one box per face ({@link OverlapSuppression#DEFAULT}),
     * best first, unmodifiable.
     */
    static List<FaceBox> distinct(List<FaceBox> boxes) {
        return OverlapSuppression.DEFAULT.apply(boxes);
    }
}
