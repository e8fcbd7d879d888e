package io.lvnet.data.prepare;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.lvnet.data.CropBox;
import io.lvnet.data.CropTransform;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetector;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.GrayImage;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a frame into a square face crop of a fixed size: detect, keep the largest face, cut a
 * square {@code scale} times the face's longer side around its centre (FF++'s crop, moved
 * inside the frame at the borders), resize. Masks are cut with the same square. With an
 * aligner ({@code --align}) the face is instead turned and scaled onto the aligner's template
 * (the same side, so the same resolution, then resized), and masks are warped the same way.
 * Stateless and thread-safe; the detector passed in is the caller's (one per thread).
 */
public final class FaceCropper {
    private final FaceCrops crops;
    private final int size;
    private final FaceAligner aligner;

    /**
     * @param scale crop side over the face box's longer side (FF++: 1.3)
     * @param size output side length in pixels
     */
    public FaceCropper(double scale, int size) {
        this(scale, size, null);
    }

    /**
     * @param scale crop side over the face box's longer side (FF++: 1.3)
     * @param size output side length in pixels
     * @param aligner aligns each face ({@code --align}); null for box crops
     */
    public FaceCropper(double scale, int size, FaceAligner aligner) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.crops = new FaceCrops(scale, FaceCrops.Border.SHIFT_AND_SHRINK);
        this.size = size;
        this.aligner = aligner;
    }

    /** The output side length. */
    public int size() {
        return size;
    }

    /**
     * The largest face of a frame, cropped and resized.
     *
     * @param bgr the frame (not closed)
     * @return the face, or empty if the detector finds none
     */
    public Optional<PreparedFace> crop(Mat bgr, FaceDetector detector) {
        Optional<FaceBox> face = FaceCrops.largest(detector.detect(bgr));
        if (face.isEmpty()) {
            return Optional.empty();
        }
        CropBox box = crops.box(face.get(), bgr.cols(), bgr.rows());
        if (aligner != null) {
            return Optional.of(aligned(bgr, face.get(), box));
        }
        try (Mat cut = FaceCrops.cut(bgr, box)) {
            return Optional.of(new PreparedFace(resized(cut, box.size()), box, inCrop(face.get(), box)));
        }
    }

    /** The face turned onto the template at the picture's resolution, then resized as a box crop is. */
    private PreparedFace aligned(Mat bgr, FaceBox face, CropBox box) {
        int side = crops.side(face);
        CropTransform toSide = aligner.transform(GrayImage.of(bgr), face, side, crops.scale());
        CropTransform toCrop = toSide.scaled((double) size / side, (double) size / side);
        try (Mat warped = toSide.warp(bgr, side, INTER_LINEAR)) {
            return new PreparedFace(resized(warped, side), box, toCrop.box(face, size), toCrop);
        }
    }

    private Mat resized(Mat crop, int side) {
        Mat out = new Mat();
        try (Size s = new Size(size, size)) {
            resize(crop, out, s, 0, 0, side > size ? INTER_AREA : INTER_CUBIC);
        }
        return out;
    }

    /**
     * A mask frame cut as a face was (its square, or its alignment), binarised (see {@link
     * FaceCrops#cropMask}) and brought to the output size with nearest-neighbour interpolation,
     * so it stays 0/255.
     */
    public Mat mask(Mat maskFrame, PreparedFace face) {
        if (face.alignment() != null) {
            try (Mat full = FaceCrops.frameMask(maskFrame, face.box().imageWidth(), face.box().imageHeight())) {
                Mat out = face.alignment().warp(full, size, INTER_NEAREST);
                threshold(out, out, FaceCrops.DEFAULT_MASK_THRESHOLD, 255, THRESH_BINARY);
                return out;
            }
        }
        return mask(maskFrame, face.box());
    }

    /** A mask frame cut with a box crop's square, binarised and resized to the output size. */
    public Mat mask(Mat maskFrame, CropBox box) {
        try (Mat cut = FaceCrops.cropMask(maskFrame, box); Size s = new Size(size, size)) {
            Mat out = new Mat();
            resize(cut, out, s, 0, 0, INTER_NEAREST);
            return out;
        }
    }

    /** A face box in the output crop's pixels, clipped to the crop. */
    FaceBox inCrop(FaceBox face, CropBox box) {
        double k = (double) size / box.size();
        int x0 = clamp((int) Math.round((face.x() - box.x()) * k));
        int y0 = clamp((int) Math.round((face.y() - box.y()) * k));
        int x1 = clamp((int) Math.round((face.x() + face.width() - box.x()) * k));
        int y1 = clamp((int) Math.round((face.y() + face.height() - box.y()) * k));
        return new FaceBox(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0), face.score());
    }

    private int clamp(int v) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
