package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {
    private static final int N = 128;
    private final Sample grey = TestImages.uniform(N, N, 128, 128, 128);

    /** Mean and variance of the change, per value, over all channels. */
    private static double[] changeStats(Sample before, Sample after) {
        byte[] a = before.rgb();
        byte[] b = after.rgb();
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (b[i] & 0xff) - (a[i] & 0xff);
            sum += d;
            squares += d * d;
        }
        double mean = sum / a.length;
        return new double[] {mean, squares / a.length - mean * mean};
    }

    @Test
    void addsNoiseOfTheRequestedVariance() {
        for (double variance : new double[] {10, 30, 50}) {
            double[] stats = changeStats(grey, GaussianNoise.addNoise(grey, variance, new SplittableRandom(1)));
            // truncation to 8 bits shifts the mean by -1/2 and adds 1/12 to the variance
            assertEquals(-0.5, stats[0], 0.1, "mean change at variance " + variance);
            assertEquals(variance + 1 / 12.0, stats[1], 0.03 * variance, "variance " + variance);
        }
    }

    @Test
    void drawnVariancesStayBetweenTenAndFifty() {
        GaussianNoise noise = new GaussianNoise();
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (long seed = 0; seed < 40; seed++) {
            double variance = changeStats(grey, noise.apply(grey, new SplittableRandom(seed)))[1];
            assertTrue(variance > 10 * 0.95 && variance < 50 * 1.05 + 1, "variance " + variance);
            lowest = Math.min(lowest, variance);
            highest = Math.max(highest, variance);
        }
        assertTrue(lowest < 20 && highest > 40, "variances span " + lowest + " to " + highest);
    }

    @Test
    void channelsGetIndependentNoise() {
        byte[] out = GaussianNoise.addNoise(grey, 40, new SplittableRandom(2)).rgb();
        double rg = 0;
        for (int i = 0; i < out.length; i += 3) {
            rg += ((out[i] & 0xff) - 127.5) * ((out[i + 1] & 0xff) - 127.5);
        }
        double correlation = rg / (N * N) / 40;
        assertTrue(Math.abs(correlation) < 0.05, "red-green correlation " + correlation);
    }

    @Test
    void clampsAtTheEnds() {
        Sample white = TestImages.uniform(16, 16, 255, 255, 255);
        for (byte b : GaussianNoise.addNoise(white, 50, new SplittableRandom(3)).rgb()) {
            assertTrue((b & 0xff) > 200, "value " + (b & 0xff));
        }
        Sample sample = TestImages.shapes(32);
        assertArrayEquals(sample.mask(TestImages.FORGERY),
                GaussianNoise.addNoise(sample, 50, new SplittableRandom(4)).mask(TestImages.FORGERY));
    }
}
