package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * Adds zero-mean Gaussian noise, drawn independently for every pixel and channel, with a
 * variance drawn uniformly from a range (the reference's {@code GaussNoise}; recipe: variance
 * 10 to 50 in 8-bit units, probability 0.1). Results are clamped to [0, 255] and truncated,
 * as the reference's conversion back to 8 bits. Image only.
 */
public final class GaussianNoise implements Transform {
    private final double minVariance;
    private final double maxVariance;

    /** The recipe's noise: variance 10 to 50. */
    public GaussianNoise() {
        this(10, 50);
    }

    /**
     * @param minVariance smallest variance, non-negative, in squared 8-bit units
     * @param maxVariance largest variance, at least minVariance
     */
    public GaussianNoise(double minVariance, double maxVariance) {
        if (!(minVariance >= 0 && minVariance <= maxVariance)) {
            throw new IllegalArgumentException("need 0 <= minVariance <= maxVariance, got "
                    + minVariance + ", " + maxVariance);
        }
        this.minVariance = minVariance;
        this.maxVariance = maxVariance;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        double variance = minVariance == maxVariance ? minVariance : random.nextDouble(minVariance, maxVariance);
        return addNoise(sample, variance, random);
    }

    /**
     * @param sample the input
     * @param variance noise variance in squared 8-bit units
     * @param random source of the noise
     * @return the sample with a noisy image, masks unchanged
     */
    public static Sample addNoise(Sample sample, double variance, RandomGenerator random) {
        double sigma = Math.sqrt(variance);
        byte[] in = sample.rgbData();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = Lookup.clipTruncate((in[i] & 0xff) + sigma * random.nextGaussian());
        }
        return sample.withRgb(out);
    }

    @Override
    public String toString() {
        return "GaussianNoise(variance " + minVariance + "-" + maxVariance + ")";
    }
}
