package io.lvnet.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.Raster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each perturbation on an input whose result is known. */
class PerturbationTest {
    /** A smooth colour gradient with a few sharp edges and fine texture: what codecs lose. */
    private static Raster picture(int width, int height) {
        byte[] d = new byte[width * height * 3];
        Random r = new Random(5);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                boolean square = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
                d[i] = (byte) (square ? 230 : 40 + 150 * x / width);
                d[i + 1] = (byte) (60 + 120 * y / height + r.nextInt(20));
                d[i + 2] = (byte) ((x / 3 + y / 3) % 2 == 0 ? 200 : 90);
            }
        }
        return new Raster(width, height, 3, d);
    }

    private static Raster grey(int width, int height, int value) {
        byte[] d = new byte[width * height * 3];
        java.util.Arrays.fill(d, (byte) value);
        return new Raster(width, height, 3, d);
    }

    private static double meanAbsoluteChange(Raster a, Raster b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        long sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs((a.data()[i] & 0xff) - (b.data()[i] & 0xff));
        }
        return (double) sum / a.data().length;
    }

    private static Raster apply(PerturbationKind kind, double level, Raster frame) {
        return new Perturbation(kind, level).apply(frame, 1);
    }

    @Test
    void jpegChangesPixelsBoundedlyAndMoreAtLowerQuality() {
        Raster in = picture(64, 48);
        double q90 = meanAbsoluteChange(in, apply(PerturbationKind.JPEG, 90, in));
        double q70 = meanAbsoluteChange(in, apply(PerturbationKind.JPEG, 70, in));
        double q50 = meanAbsoluteChange(in, apply(PerturbationKind.JPEG, 50, in));
        double q10 = meanAbsoluteChange(in, apply(PerturbationKind.JPEG, 10, in));
        assertTrue(0 < q90 && q90 < q70 && q70 < q50 && q50 < q10, q90 + " " + q70 + " " + q50 + " " + q10);
        assertTrue(q50 < 30, "quality 50 keeps the picture: mean change " + q50);
        // a flat grey survives JPEG exactly (one DC coefficient per block, no chroma)
        Raster flat = grey(32, 32, 128);
        assertArrayEquals(flat.data(), apply(PerturbationKind.JPEG, 50, flat).data());
    }

    @Test
    void h264ChangesPixelsMoreAtAHigherQuantiserAndKeepsOddSizes() {
        Raster in = picture(65, 47);
        Raster q23 = apply(PerturbationKind.H264, 23, in);
        assertEquals(65, q23.width());
        assertEquals(47, q23.height());
        double c23 = meanAbsoluteChange(in, q23);
        double c32 = meanAbsoluteChange(in, apply(PerturbationKind.H264, 32, in));
        double c40 = meanAbsoluteChange(in, apply(PerturbationKind.H264, 40, in));
        assertTrue(0 < c23 && c23 < c32 && c32 < c40, c23 + " " + c32 + " " + c40);
        assertTrue(c40 < 40, "quantiser 40 keeps the picture: mean change " + c40);
        assertArrayEquals(q23.data(), apply(PerturbationKind.H264, 23, in).data(), "the encoder is deterministic");
    }

    @Test
    void halvingAndScalingBackKeepsALinearRampAndMovesOnlyItsEnds() {
        // columns 0, 10, ..., 70: halved linearly each pixel is the mean of two columns (5, 25, 45, 65);
        // scaled back, the interpolation between those gives the ramp again inside, and the ends
        // (beyond the outer samples) take the outer samples' values
        int w = 8;
        int h = 6;
        byte[] d = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    d[(y * w + x) * 3 + c] = (byte) (10 * x);
                }
            }
        }
        Raster out = apply(PerturbationKind.RESIZE, 0.5, new Raster(w, h, 3, d));
        int[] want = {5, 10, 20, 30, 40, 50, 60, 65};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(want[x], out.at(x, y, c), "pixel (" + x + ", " + y + ") channel " + c);
                }
            }
        }
        // factor 1 changes nothing; a quarter loses more than a half
        Raster pic = picture(64, 48);
        assertArrayEquals(pic.data(), apply(PerturbationKind.RESIZE, 1, pic).data());
        assertTrue(meanAbsoluteChange(pic, apply(PerturbationKind.RESIZE, 0.5, pic))
                < meanAbsoluteChange(pic, apply(PerturbationKind.RESIZE, 0.25, pic)));
    }

    @Test
    void blurSpreadsAnImpulseToTheGaussianOfItsSigma() {
        int n = 41;
        int centre = n / 2;
        for (double sigma : new double[] {1, 2}) {
            Raster impulse = grey(n, n, 0);
            for (int c = 0; c < 3; c++) {
                impulse.data()[(centre * n + centre) * 3 + c] = (byte) 255;
            }
            Raster out = apply(PerturbationKind.BLUR, sigma, impulse);
            // OpenCV's 8-bit kernel reaches 3 sigma and is normalised to sum 1
            int radius = (int) Math.round(3 * sigma);
            double[] g = new double[2 * radius + 1];
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                g[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
                sum += g[k + radius];
            }
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int dy = y - centre;
                    int dx = x - centre;
                    double want = Math.abs(dy) <= radius && Math.abs(dx) <= radius
                            ? 255 * g[dy + radius] / sum * g[dx + radius] / sum : 0;
                    for (int c = 0; c < 3; c++) {
                        assertEquals(want, out.at(x, y, c), 1.0, "sigma " + sigma + " pixel (" + x + ", " + y + ")");
                    }
                }
            }
        }
    }

    @Test
    void noiseHasTheGivenStandardDeviationAndComesFromTheSeed() {
        Raster flat = grey(96, 64, 128);
        for (double std : new double[] {5, 10}) {
            Perturbation p = new Perturbation(PerturbationKind.NOISE, std);
            Raster out = p.apply(flat, 42);
            double sum = 0;
            double squares = 0;
            int n = out.data().length;
            for (byte b : out.data()) {
                double v = (b & 0xff) - 128;
                sum += v;
                squares += v * v;
            }
            double mean = sum / n;
            double measured = Math.sqrt(squares / n - mean * mean);
            // 18,432 draws: the standard deviation is known to about half a percent; truncation
            // to whole values lowers the mean by half a step and adds 1/12 to the variance
            assertEquals(Math.sqrt(std * std + 1.0 / 12), measured, 0.03 * std, "std " + std);
            assertEquals(-0.5, mean, 0.2, "std " + std);
            assertArrayEquals(out.data(), p.apply(flat, 42).data(), "same seed, same noise");
            assertFalse(java.util.Arrays.equals(out.data(), p.apply(flat, 43).data()), "another seed, other noise");
        }
        assertArrayEquals(flat.data(), apply(PerturbationKind.NOISE, 0, flat).data());
    }

    @Test
    void theFrameGivenIsNotModified() {
        Raster in = picture(32, 32);
        byte[] before = in.data().clone();
        for (PerturbationKind k : PerturbationKind.values()) {
            apply(k, k == PerturbationKind.RESIZE ? 0.5 : 30, in);
            assertArrayEquals(before, in.data(), k.id());
        }
    }
}
