package io.lvnet.augment;

import java.util.random.RandomGenerator;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Cuts the central {@code size x size} square out of image and masks (the reference's
 * {@code CenterCrop}; the last step of the recipe's geometric part, so every sample leaves it
 * at the network's input size). Where the margin is odd the extra pixel is left on the far
 * side: the crop starts at {@code (height - size) / 2} rounded down.
 */
public final class CentreCrop implements Transform {
    private final int size;

    /**
     * @param size side of the square kept
     */
    public CentreCrop(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        this.size = size;
    }

    /** @return side of the square kept */
    public int size() {
        return size;
    }

    /**
     * Crops; draws nothing.
     *
     * @throws IllegalArgumentException if the image is smaller than the crop on either side
     *     (as the reference, which raises; resize such images first)
     */
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return crop(sample, size);
    }

    /**
     * @param sample the input, at least {@code size} pixels on each side
     * @param size side of the square kept
     * @return the centre square ({@code sample} itself if it already has that size)
     */
    public static Sample crop(Sample sample, int size) {
        if (sample.height() < size || sample.width() < size) {
            throw new IllegalArgumentException("image " + sample.height() + "x" + sample.width()
                    + " is smaller than the " + size + "x" + size + " centre crop; resize it first");
        }
        if (sample.height() == size && sample.width() == size) {
            return sample;
        }
        int top = (sample.height() - size) / 2;
        int left = (sample.width() - size) / 2;
        return Geometry.apply(sample, (src, dst, mask) -> new Mat(src, new Rect(left, top, size, size)).copyTo(dst));
    }

    @Override
    public String toString() {
        return "CentreCrop(" + size + ")";
    }
}
