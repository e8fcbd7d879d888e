package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * Resizes the image down by a random factor and back up to its size, both with OpenCV's linear
 * interpolation: what an upload stored small and shown large goes through, and what takes away
 * the fine detail a detector trained on pristine faces relies on (the evaluation's {@code
 * --perturb resize:F} does the same to the whole frame). Image only: the masks keep their
 * pixels, since the forged region does not move.
 */
public final class DownUpResize implements Transform {
    private final double minFactor;
    private final double maxFactor;

    /**
     * @param minFactor smallest factor drawn, above 0
     * @param maxFactor largest factor drawn, minFactor to 1
     */
    public DownUpResize(double minFactor, double maxFactor) {
        if (!(minFactor > 0) || !(minFactor <= maxFactor) || !(maxFactor <= 1)) {
            throw new IllegalArgumentException("need 0 < minFactor <= maxFactor <= 1, got " + minFactor + ", " + maxFactor);
        }
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        double f = minFactor == maxFactor ? minFactor : random.nextDouble(minFactor, maxFactor);
        return downUp(sample, f);
    }

    /**
     * @param sample the input
     * @param factor the scale of the small copy, above 0 and at most 1
     * @return the sample with its image resized by {@code factor} and back, masks unchanged
     */
    public static Sample downUp(Sample sample, double factor) {
        int h = Math.max(1, (int) Math.round(sample.height() * factor));
        int w = Math.max(1, (int) Math.round(sample.width() * factor));
        if (h == sample.height() && w == sample.width()) {
            return sample;
        }
        Sample imageOnly = Sample.owning(sample.height(), sample.width(), sample.rgb(), java.util.Map.of());
        Sample back = Resize.resized(Resize.resized(imageOnly, h, w), sample.height(), sample.width());
        return sample.withRgb(back.rgb());
    }

    @Override
    public String toString() {
        return "DownUpResize(" + minFactor + ".." + maxFactor + ")";
    }
}
