package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * Random brightness and contrast: {@code v' = alpha * v + beta * 255} with
 * {@code alpha = 1 + c}, {@code beta = b}, {@code c} and {@code b} uniform in
 * {@code [-limit, limit]} (the reference's {@code RandomBrightnessContrast} with its defaults,
 * 0.2 and 0.2, brightness relative to the maximum value). Computed as the reference's lookup
 * table, in float32, clamped and truncated. Image only; one of the recipe's three colour
 * transforms.
 */
public final class BrightnessContrast implements Transform {
    private final double brightnessLimit;
    private final double contrastLimit;

    /** The recipe's (the reference's default) limits: brightness 0.2, contrast 0.2. */
    public BrightnessContrast() {
        this(0.2, 0.2);
    }

    /**
     * @param brightnessLimit largest brightness offset as a fraction of 255, non-negative
     * @param contrastLimit largest relative contrast change, non-negative
     */
    public BrightnessContrast(double brightnessLimit, double contrastLimit) {
        if (!(brightnessLimit >= 0 && contrastLimit >= 0)) {
            throw new IllegalArgumentException("limits must be non-negative, got "
                    + brightnessLimit + ", " + contrastLimit);
        }
        this.brightnessLimit = brightnessLimit;
        this.contrastLimit = contrastLimit;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        // contrast first, then brightness: the reference's order of draws
        double alpha = 1 + symmetric(random, contrastLimit);
        double beta = symmetric(random, brightnessLimit);
        return adjust(sample, alpha, beta);
    }

    private static double symmetric(RandomGenerator random, double limit) {
        return limit == 0 ? 0 : random.nextDouble(-limit, limit);
    }

    /**
     * @param sample the input
     * @param alpha contrast factor (1 keeps the contrast)
     * @param beta brightness offset as a fraction of 255 (0 keeps the brightness)
     * @return the sample with the adjusted image, masks unchanged
     */
    public static Sample adjust(Sample sample, double alpha, double beta) {
        float a = (float) alpha;
        float b = (float) (beta * 255);
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            float value = v;
            if (alpha != 1) {
                value *= a;
            }
            if (beta != 0) {
                value += b;
            }
            table[v] = Lookup.clipTruncate(value);
        }
        return sample.withRgb(Lookup.apply(sample.rgbData(), table));
    }

    @Override
    public String toString() {
        return "BrightnessContrast(" + brightnessLimit + ", " + contrastLimit + ")";
    }
}
