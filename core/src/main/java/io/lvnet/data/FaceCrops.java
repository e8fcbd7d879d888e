package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts the square face crop that the network is trained and run on out of a frame, as the
 * FaceForensics++ tools ({@code get_boundingbox}) and DeepfakeBench do: a square of side
 * {@code floor(max(w, h) * scale)} (scale 1.3 by default, so some hair, chin and background
 * are kept) centred on the detected box.
 *
 * <p>Near the image border the square does not fit. The default, {@link
 * Border#SHIFT_AND_SHRINK}, is FaceForensics++'s rule: the square is moved right/down until
 * its top-left corner is inside the image, then shrunk until it fits on the right and
 * bottom. The crop then holds only real pixels, at the cost of the face sitting off centre.
 * {@link Border#ZERO_PAD} keeps the exact centred square and fills what lies outside the
 * image with black. Either way the crop stays square, so resizing it to 299x299 does not
 * distort the face.
 *
 * <p>Box arithmetic uses exclusive right/bottom edges ({@link FaceBox}), so the centre is
 * {@code floor((2x + w) / 2)}; FaceForensics++ applies the same formula to dlib boxes, whose
 * right edge is inclusive, and so may sit half a pixel left of ours.
 *
 * <p>Immutable and thread-safe.
 */
public final class FaceCrops {
    /** How much larger than the detected box the crop is; the customary 1.3. */
    public static final double DEFAULT_SCALE = 1.3;
    /**
     * Mask pixels above this value count as forged. Mask videos are lossily compressed, so
     * their black background is not exactly 0; half intensity separates the two cleanly.
     */
    public static final int DEFAULT_MASK_THRESHOLD = 127;

    /** What happens where the square reaches past the image border. */
    public enum Border {
        /** Move the square inside at the top/left, shrink it at the bottom/right (FaceForensics++). */
        SHIFT_AND_SHRINK,
        /** Keep the centred square; the part outside the image is black (zeros). */
        ZERO_PAD
    }

    private static final Comparator<FaceBox> LARGEST = Comparator.comparingLong(FaceBox::area)
            .thenComparingDouble(FaceBox::score);

    private final double scale;
    private final Border border;

    /** Crops at {@link #DEFAULT_SCALE} with {@link Border#SHIFT_AND_SHRINK}. */
    public FaceCrops() {
        this(DEFAULT_SCALE, Border.SHIFT_AND_SHRINK);
    }

    /**
     * @param scale crop side over the longer side of the face box, positive
     * @param border what to do where the square reaches past the image
     */
    public FaceCrops(double scale, Border border) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        this.scale = scale;
        this.border = Objects.requireNonNull(border, "border");
    }

    /** The crop scale. */
    public double scale() {
        return scale;
    }

    /** The border rule. */
    public Border border() {
        return border;
    }

    /**
     * The square crop region for a face in a {@code imageWidth x imageHeight} image.
     *
     * @throws IllegalArgumentException with {@link Border#SHIFT_AND_SHRINK}, if the face's
     *     centre lies so far right or below that no square is left
     */
    public CropBox box(FaceBox face, int imageWidth, int imageHeight) {
        int size = side(face);
        int centreX = Math.floorDiv(2 * face.x() + face.width(), 2);
        int centreY = Math.floorDiv(2 * face.y() + face.height(), 2);
        int x = centreX - size / 2;
        int y = centreY - size / 2;
        if (border == Border.ZERO_PAD) {
            return new CropBox(x, y, size, imageWidth, imageHeight);
        }
        x = Math.max(x, 0);
        y = Math.max(y, 0);
        size = Math.min(size, Math.min(imageWidth - x, imageHeight - y));
        if (size <= 0) {
            throw new IllegalArgumentException("face " + face + " lies outside the "
                    + imageWidth + "x" + imageHeight + " image");
        }
        return new CropBox(x, y, size, imageWidth, imageHeight);
    }

    /** The side of a face's centred square before any border rule: {@code int(max(w, h) * scale)} as in FaceForensics++, at least 1. */
    public int side(FaceBox face) {
        return Math.max(1, (int) Math.floor(Math.max(face.width(), face.height()) * scale));
    }

    /**
     * Crops a face out of an image.
     *
     * @param image the frame, any type; not closed
     * @param face the face box in the frame
     * @return the crop (an independent copy) and its box
     */
    public FaceCrop crop(Mat image, FaceBox face) {
        CropBox box = box(face, image.cols(), image.rows());
        return new FaceCrop(cut(image, box), box);
    }

    /**
     * Cuts a crop box out of an image, black where the box lies outside it.
     *
     * @param image an image of the box's image size, any type; not closed
     * @param box the region
     * @return a new {@code size x size} matrix of the image's type
     * @throws IllegalArgumentException if the image is not the size the box was made for
     */
    public static Mat cut(Mat image, CropBox box) {
        if (image.cols() != box.imageWidth() || image.rows() != box.imageHeight()) {
            throw new IllegalArgumentException("crop box is for a " + box.imageWidth() + "x"
                    + box.imageHeight() + " image, got " + image.cols() + "x" + image.rows());
        }
        Mat out = new Mat(box.size(), box.size(), image.type(), Scalar.all(0));
        // the part of the box inside the image, in image coordinates
        int left = Math.max(box.x(), 0);
        int top = Math.max(box.y(), 0);
        int right = (int) Math.min((long) box.x() + box.size(), image.cols());
        int bottom = (int) Math.min((long) box.y() + box.size(), image.rows());
        if (right > left && bottom > top) {
            try (Rect from = new Rect(left, top, right - left, bottom - top);
                    Rect to = new Rect(left - box.x(), top - box.y(), right - left, bottom - top);
                    Mat source = new Mat(image, from);
                    Mat target = new Mat(out, to)) {
                source.copyTo(target);
            }
        }
        return out;
    }

    /**
     * Cuts the same region out of a forgery mask frame and binarises it: the mask for a face
     * crop.
     *
     * @param mask the mask frame, 8-bit with 1, 3 or 4 channels (a pixel counts as forged
     *     when any colour channel exceeds {@link #DEFAULT_MASK_THRESHOLD}; alpha is ignored);
     *     if its size differs from the frame the box was made for (a mask video at another
     *     resolution), it is first resized to the frame's size with nearest-neighbour
     *     interpolation, which moves mask edges but never invents grey values
     * @param box the face crop's box
     * @return a new single-channel 8-bit {@code size x size} matrix of 0 and 255 (255 =
     *     forged); black where the box lies outside the frame
     */
    public static Mat cropMask(Mat mask, CropBox box) {
        return cropMask(mask, box, DEFAULT_MASK_THRESHOLD);
    }

    /**
     * {@link #cropMask(Mat, CropBox)} with a chosen threshold.
     *
     * @param threshold pixels with a channel above it are forged, in [0, 254] (0: any
     *     non-zero pixel, as the LVNet patch labels treat their mask)
     */
    public static Mat cropMask(Mat mask, CropBox box, int threshold) {
        if (threshold < 0 || threshold > 254) {
            throw new IllegalArgumentException("mask threshold must be in [0, 254], got " + threshold);
        }
        try (Mat full = frameMask(mask, box.imageWidth(), box.imageHeight())) {
            Mat out = cut(full, box);
            threshold(out, out, threshold, 255, THRESH_BINARY);
            return out;
        }
    }

    /**
     * A mask frame as {@link #cropMask(Mat, CropBox)} reads it, before the cut and the threshold:
     * the maximum of its colour channels, resized (nearest neighbour) to the frame's size if it
     * has another.
     *
     * @return a new single-channel 8-bit {@code width x height} matrix
     */
    public static Mat frameMask(Mat mask, int width, int height) {
        Detections.requireImage(mask);
        Mat grey = maxOverColours(mask);
        if (grey.cols() == width && grey.rows() == height) {
            return grey;
        }
        try (grey; Size frame = new Size(width, height)) {
            Mat sized = new Mat();
            resize(grey, sized, frame, 0, 0, INTER_NEAREST);
            return sized;
        }
    }

    /**
     * A whole mask picture binarised the way {@link #cropMask(Mat, CropBox)} binarises its cut
     * (a pixel is forged when any colour channel exceeds {@link #DEFAULT_MASK_THRESHOLD}), for
     * masks stored already cropped by other tools.
     *
     * @return a new single-channel 8-bit matrix of 0 and 255, the picture's size
     */
    public static Mat binariseMask(Mat mask) {
        Detections.requireImage(mask);
        Mat grey = maxOverColours(mask);
        threshold(grey, grey, DEFAULT_MASK_THRESHOLD, 255, THRESH_BINARY);
        return grey;
    }

    /** The per-pixel maximum of the colour channels (alpha dropped), as a new grey matrix. */
    private static Mat maxOverColours(Mat mask) {
        Mat grey = new Mat();
        if (mask.channels() == 1) {
            mask.copyTo(grey);
            return grey;
        }
        try (MatVector planes = new MatVector()) {
            split(mask, planes);
            planes.get(0).copyTo(grey);
            for (int c = 1; c < 3; c++) {
                max(grey, planes.get(c), grey);
            }
        }
        return grey;
    }

    /**
     * The face with the largest box, the usual choice when a frame shows several people
     * (the subject is closest to the camera); ties go to the higher score, then the earlier
     * face.
     *
     * @return the largest face, or empty if there is none
     */
    public static Optional<FaceBox> largest(List<FaceBox> faces) {
        FaceBox best = null;
        for (FaceBox f : faces) {
            if (best == null || LARGEST.compare(f, best) > 0) {
                best = f;
            }
        }
        return Optional.ofNullable(best);
    }
}
