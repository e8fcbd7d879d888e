package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.random.RandomGenerator;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Resizes image and masks to a fixed size: the image with OpenCV's linear interpolation (as
 * the reference's evaluation transform and {@link io.lvnet.data.FaceCropPreprocessor}), masks
 * with nearest-neighbour so they stay binary.
 */
public final class Resize implements Transform {
    private final int height;
    private final int width;

    /**
     * @param height output height
     * @param width output width
     */
    public Resize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    /** Resizes; draws nothing. */
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return resized(sample, height, width);
    }

    /**
     * @param sample the input
     * @param height output height
     * @param width output width
     * @return the resized sample ({@code sample} itself if it already has that size)
     */
    public static Sample resized(Sample sample, int height, int width) {
        if (sample.height() == height && sample.width() == width) {
            return sample;
        }
        return Geometry.apply(sample, (src, dst, mask) ->
                resize(src, dst, new Size(width, height), 0, 0, Interpolation.forResize(mask)));
    }

    @Override
    public String toString() {
        return "Resize(" + height + "x" + width + ")";
    }
}
