package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.random.RandomGenerator;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Crops a random square covering a random fraction of the image area and resizes it to
 * {@code outputSize x outputSize} (the reference's {@code RandomResizedCrop} with ratio 1;
 * the recipe uses scale 0.3 to 1 with probability 0.4). The image is resized with linear
 * interpolation, masks with nearest-neighbour so they stay binary.
 *
 * <p>The square is drawn as the reference draws it: area fraction {@code s} uniform in
 * {@code [minScale, maxScale]}, side {@code round(sqrt(s * height * width))}, top-left corner
 * uniform among the positions where it fits; after ten draws that do not fit (only possible
 * for a non-square image) it falls back to the largest centred square.
 */
public final class RandomResizedCrop implements Transform {
    private static final int ATTEMPTS = 10;

    private final int outputSize;
    private final double minScale;
    private final double maxScale;

    /**
     * The recipe's crop: area fraction 0.3 to 1.
     *
     * @param outputSize side of the output square
     */
    public RandomResizedCrop(int outputSize) {
        this(outputSize, 0.3, 1.0);
    }

    /**
     * @param outputSize side of the output square
     * @param minScale smallest fraction of the image area the crop covers, in (0, 1]
     * @param maxScale largest fraction, in [minScale, 1]
     */
    public RandomResizedCrop(int outputSize, double minScale, double maxScale) {
        if (outputSize <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + outputSize);
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException("need 0 < minScale <= maxScale <= 1, got "
                    + minScale + ", " + maxScale);
        }
        this.outputSize = outputSize;
        this.minScale = minScale;
        this.maxScale = maxScale;
    }

    /** A square crop window in input pixels. */
    record Window(int top, int left, int side) {
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        Window w = drawWindow(sample.height(), sample.width(), random);
        return cropAndResize(sample, w.top(), w.left(), w.side(), outputSize);
    }

    Window drawWindow(int height, int width, RandomGenerator random) {
        double area = (double) height * width;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double scale = uniform(random, minScale, maxScale);
            int side = (int) Math.round(Math.sqrt(scale * area));
            if (side > 0 && side <= width && side <= height) {
                int top = random.nextInt(height - side + 1);
                int left = random.nextInt(width - side + 1);
                return new Window(top, left, side);
            }
        }
        int side = Math.min(height, width);
        return new Window((height - side) / 2, (width - side) / 2, side);
    }

    private static double uniform(RandomGenerator random, double low, double high) {
        return low == high ? low : random.nextDouble(low, high);
    }

    /**
     * Crops a square and resizes it.
     *
     * @param sample the input
     * @param top first row of the square
     * @param left first column of the square
     * @param side side of the square, in input pixels
     * @param outputSize side of the output
     * @return an {@code outputSize x outputSize} sample
     * @throws IllegalArgumentException if the square does not lie inside the image
     */
    public static Sample cropAndResize(Sample sample, int top, int left, int side, int outputSize) {
        if (top < 0 || left < 0 || side <= 0 || top + side > sample.height() || left + side > sample.width()) {
            throw new IllegalArgumentException("crop " + side + "x" + side + " at (" + top + ", " + left
                    + ") does not fit in " + sample.height() + "x" + sample.width());
        }
        return Geometry.apply(sample, (src, dst, mask) -> {
            Mat region = new Mat(src, new Rect(left, top, side, side));
            resize(region, dst, new Size(outputSize, outputSize), 0, 0, Interpolation.forResize(mask));
        });
    }

    @Override
    public String toString() {
        return "RandomResizedCrop(" + outputSize + ", scale " + minScale + "-" + maxScale + ")";
    }
}
