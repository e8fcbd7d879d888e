package io.lvnet.data.prepare;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.lvnet.data.CropBox;
import io.lvnet.data.FaceBox;
import io.lvnet.data.FaceCrops;
import io.lvnet.data.FaceDetector;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Turns a frame into a square face crop of a fixed size: detect, keep the largest face, cut a
 * square {@code scale} times the face's longer side around its centre (FF++'s crop, moved
 * inside the frame at the borders), resize. Masks are cut with the same square. Stateless
 * and thread-safe; the detector passed in is the caller's (one per thread).
 */
public final class FaceCropper {
    private final FaceCrops crops;
    private final int size;

    /**
     * @param scale crop side over the face box's longer side (FF++: 1.3)
     * @param size output side length in pixels
     */
    public FaceCropper(double scale, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.crops = new FaceCrops(scale, FaceCrops.Border.SHIFT_AND_SHRINK);
        this.size = size;
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
        try (Mat cut = FaceCrops.cut(bgr, box)) {
            Mat out = new Mat();
            try (Size s = new Size(size, size)) {
                resize(cut, out, s, 0, 0, box.size() > size ? INTER_AREA : INTER_CUBIC);
            }
            return Optional.of(new PreparedFace(out, box, inCrop(face.get(), box)));
        }
    }

    /**
     * A mask frame cut with a face's square, binarised (see {@link FaceCrops#cropMask}) and
     * resized to the output size with nearest-neighbour interpolation, so it stays 0/255.
     */
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
