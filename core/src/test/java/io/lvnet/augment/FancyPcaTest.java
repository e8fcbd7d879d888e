package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FancyPcaTest {
    /** Colours spread along one direction d = (1, 2, 3) / |.|: a rank-one covariance. */
    private static Sample colourLine() {
        int n = 64;
        byte[] rgb = new byte[n * n * 3];
        for (int i = 0; i < n * n; i++) {
            int t = i % 41;
            rgb[i * 3] = (byte) (40 + t);
            rgb[i * 3 + 1] = (byte) (40 + 2 * t);
            rgb[i * 3 + 2] = (byte) (40 + 3 * t);
        }
        return Sample.of(n, n, rgb);
    }

    @Test
    void shiftsEveryPixelAlongThePrincipalComponent() {
        Sample sample = colourLine();
        double alpha = 3;
        double[] offset = FancyPca.offset(sample.rgbData(), alpha);
        // the only eigenvalue is the variance along d: var(t) * |(1, 2, 3)|^2 / 255^2
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 64 * 64; i++) {
            sum += i % 41;
            squares += (i % 41) * (i % 41);
        }
        double varianceT = (squares - sum * sum / (64 * 64)) / (64 * 64 - 1);
        double lambda = varianceT * 14 / (255.0 * 255.0);
        double norm = Math.sqrt(14);
        double sign = Math.signum(offset[0]);
        for (int c = 0; c < 3; c++) {
            assertEquals(sign * alpha * lambda * (c + 1) / norm, offset[c], 1e-4 * lambda, "channel " + c);
        }
        byte[] in = sample.rgb();
        byte[] out = FancyPca.shift(sample, alpha).rgb();
        for (int i = 0; i < in.length; i++) {
            int expected = (int) ((in[i] & 0xff) + offset[i % 3] * 255);
            assertEquals(expected, out[i] & 0xff, "value " + i);
        }
    }

    @Test
    void zeroAlphaChangesNothing() {
        Sample sample = TestImages.noise(16, 16, 3);
        assertArrayEquals(sample.rgb(), FancyPca.shift(sample, 0).rgb());
    }

    @Test
    void defaultStrengthMovesColoursByAFewLevels() {
        Sample sample = TestImages.smooth(64, 64);
        int largest = 0;
        for (long seed = 0; seed < 50; seed++) {
            byte[] in = sample.rgb();
            byte[] out = new FancyPca().apply(sample, new SplittableRandom(seed)).rgb();
            for (int i = 0; i < in.length; i++) {
                largest = Math.max(largest, Math.abs((out[i] & 0xff) - (in[i] & 0xff)));
            }
        }
        assertTrue(largest >= 1 && largest <= 10, "largest change " + largest);
    }

    @Test
    void eigenDecompositionOfASymmetricMatrix() {
        double[][] m = {{4, 1, 0.5}, {1, 3, -0.2}, {0.5, -0.2, 1}};
        SymmetricEigen.Result r = SymmetricEigen.decompose(m);
        assertTrue(r.values()[0] >= r.values()[1] && r.values()[1] >= r.values()[2], "descending");
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                double mv = 0;
                for (int j = 0; j < 3; j++) {
                    mv += m[i][j] * r.vectors()[j][k];
                }
                assertEquals(r.values()[k] * r.vectors()[i][k], mv, 1e-12, "M v = lambda v, vector " + k);
            }
            for (int l = 0; l < 3; l++) {
                double dot = 0;
                for (int i = 0; i < 3; i++) {
                    dot += r.vectors()[i][k] * r.vectors()[i][l];
                }
                assertEquals(k == l ? 1 : 0, dot, 1e-12, "orthonormal " + k + ", " + l);
            }
        }
        assertEquals(8, r.values()[0] + r.values()[1] + r.values()[2], 1e-12, "trace");
    }

    @Test
    void leavesMasksAlone() {
        Sample sample = TestImages.shapes(32);
        Sample out = FancyPca.shift(sample, 0.5);
        assertArrayEquals(sample.mask(TestImages.REGION), out.mask(TestImages.REGION));
        assertSame(sample.maskNames(), out.maskNames());
    }
}
