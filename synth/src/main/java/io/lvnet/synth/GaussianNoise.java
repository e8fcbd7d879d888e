package io.lvnet.synth;

import io.lvnet.blend.Rng;

/**
 * Fast Gaussian noise for whole images: draws from a fixed table of normal samples, five
 * 12-bit indices per 64-bit random draw. The table is the same in every run, so the noise is
 * a function of the stream alone.
 */
final class GaussianNoise {
    private static final int BITS = 12;
    private static final int MASK = (1 << BITS) - 1;
    private static final float[] TABLE = new float[1 << BITS];

    static {
        Rng rng = new Rng(0x6A09E667F3BCC908L);
        for (int i = 0; i < TABLE.length; i++) {
            TABLE[i] = (float) rng.gaussian();
        }
    }

    private GaussianNoise() {
    }

    /** Adds noise of standard deviation {@code sigma} to every value. */
    static void add(float[] values, double sigma, Rng rng) {
        float s = (float) sigma;
        long bits = 0;
        int left = 0;
        for (int i = 0; i < values.length; i++) {
            if (left == 0) {
                bits = rng.nextLong();
                left = 5;
            }
            values[i] += s * TABLE[(int) (bits & MASK)];
            bits >>>= BITS;
            left--;
        }
    }
}
