package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Synthetic samples and the checks the augmentation tests share. */
final class TestImages {
    static final String FORGERY = "forgery";
    static final String REGION = "region";

    private TestImages() {
    }

    /** All black except pixel (y, x): image (200, 100, 50), both masks 255. */
    static Sample marked(int height, int width, int y, int x) {
        byte[] rgb = new byte[height * width * 3];
        int at = (y * width + x) * 3;
        rgb[at] = (byte) 200;
        rgb[at + 1] = (byte) 100;
        rgb[at + 2] = (byte) 50;
        byte[] mask = new byte[height * width];
        mask[y * width + x] = (byte) 255;
        Map<String, byte[]> masks = new LinkedHashMap<>();
        masks.put(FORGERY, mask);
        masks.put(REGION, mask.clone());
        return Sample.of(height, width, rgb, masks);
    }

    /** Asserts that image and every mask are black except one pixel, at (y, x), and returns nothing. */
    static void assertMarkedAt(Sample sample, int y, int x) {
        byte[] rgb = sample.rgb();
        for (int i = 0; i < sample.height() * sample.width(); i++) {
            int py = i / sample.width();
            int px = i % sample.width();
            boolean expected = py == y && px == x;
            int r = rgb[i * 3] & 0xff;
            int g = rgb[i * 3 + 1] & 0xff;
            int b = rgb[i * 3 + 2] & 0xff;
            if (expected) {
                assertEquals(200, r, "marked pixel red at (" + y + ", " + x + ")");
                assertEquals(100, g, "marked pixel green");
                assertEquals(50, b, "marked pixel blue");
            } else if (r != 0 || g != 0 || b != 0) {
                fail("image pixel (" + py + ", " + px + ") is set; expected only (" + y + ", " + x + ")");
            }
            for (String name : sample.maskNames()) {
                int m = sample.mask(name)[i] & 0xff;
                assertEquals(expected ? 255 : 0, m, "mask " + name + " at (" + py + ", " + px + ")");
            }
        }
    }

    /**
     * Two different, asymmetric shapes: an off-centre disc painted 255 in the red channel and
     * in the forgery mask, an L-shaped bar painted 255 in the green channel and in the region
     * mask; blue carries a smooth ramp so the image is not trivial.
     */
    static Sample shapes(int size) {
        byte[] rgb = new byte[size * size * 3];
        byte[] disc = new byte[size * size];
        byte[] bar = new byte[size * size];
        double cy = size * 0.35;
        double cx = size * 0.6;
        double radius = size * 0.18;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                boolean inDisc = (y - cy) * (y - cy) + (x - cx) * (x - cx) <= radius * radius;
                boolean inBar = (y >= size * 0.55 && y < size * 0.85 && x >= size * 0.15 && x < size * 0.25)
                        || (y >= size * 0.75 && y < size * 0.85 && x >= size * 0.15 && x < size * 0.5);
                rgb[i * 3] = inDisc ? (byte) 255 : 0;
                rgb[i * 3 + 1] = inBar ? (byte) 255 : 0;
                rgb[i * 3 + 2] = (byte) (x * 255 / size);
                disc[i] = inDisc ? (byte) 255 : 0;
                bar[i] = inBar ? (byte) 255 : 0;
            }
        }
        Map<String, byte[]> masks = new LinkedHashMap<>();
        masks.put(FORGERY, disc);
        masks.put(REGION, bar);
        return Sample.of(size, size, rgb, masks);
    }

    /** Random bytes, for transforms whose output is compared exactly. */
    static Sample noise(int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) random.nextInt(256);
        }
        return Sample.of(height, width, rgb);
    }

    /** A smooth, photo-like image, for the photometric transforms. */
    static Sample smooth(int height, int width) {
        byte[] rgb = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                rgb[i] = (byte) (60 + 120 * x / width);
                rgb[i + 1] = (byte) (80 + 100 * y / height);
                rgb[i + 2] = (byte) (128 + 60 * Math.sin(x * 0.1) * Math.cos(y * 0.07));
            }
        }
        return Sample.of(height, width, rgb);
    }

    /** A sample with one colour everywhere and a mask that is all 255. */
    static Sample uniform(int height, int width, int r, int g, int b) {
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        byte[] mask = new byte[height * width];
        java.util.Arrays.fill(mask, (byte) 255);
        return Sample.of(height, width, rgb, Map.of(FORGERY, mask));
    }

    /** Asserts that every mask holds only 0 and 255. */
    static void assertBinary(Sample sample) {
        for (String name : sample.maskNames()) {
            byte[] mask = sample.mask(name);
            for (int i = 0; i < mask.length; i++) {
                int v = mask[i] & 0xff;
                if (v != 0 && v != 255) {
                    fail("mask " + name + " has value " + v + " at pixel " + i);
                }
            }
        }
    }

    /**
     * Asserts that the masks of a transformed {@link #shapes} sample are binary and lie where
     * the shapes lie in the image: thresholding the red (green) channel at half intensity
     * gives the forgery (region) mask, except on the mask's own edge, where linear and
     * nearest-neighbour interpolation may round a pixel differently.
     *
     * @return the number of forgery-mask pixels, so callers can check something survived
     */
    static int assertAligned(Sample sample) {
        assertBinary(sample);
        assertChannelMatchesMask(sample, 0, FORGERY);
        assertChannelMatchesMask(sample, 1, REGION);
        return count(sample.mask(FORGERY));
    }

    private static void assertChannelMatchesMask(Sample sample, int channel, String name) {
        int h = sample.height();
        int w = sample.width();
        byte[] rgb = sample.rgb();
        byte[] mask = sample.mask(name);
        int inside = 0;
        int mismatches = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                boolean inImage = (rgb[i * 3 + channel] & 0xff) >= 128;
                boolean inMask = mask[i] != 0;
                inside += inMask ? 1 : 0;
                if (inImage != inMask) {
                    mismatches++;
                    assertTrue(onEdge(mask, h, w, y, x), "channel " + channel + " and mask " + name
                            + " disagree at (" + y + ", " + x + "), away from the mask's edge");
                }
            }
        }
        // along an edge the two interpolations agree almost everywhere
        assertTrue(mismatches <= Math.max(4, inside / 20), mismatches + " edge mismatches for "
                + inside + " mask pixels of " + name);
    }

    private static boolean onEdge(byte[] mask, int h, int w, int y, int x) {
        boolean any = false;
        boolean all = true;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = Math.min(h - 1, Math.max(0, y + dy));
                int xx = Math.min(w - 1, Math.max(0, x + dx));
                boolean set = mask[yy * w + xx] != 0;
                any |= set;
                all &= set;
            }
        }
        return any && !all;
    }

    static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        return n;
    }

    /** Peak signal-to-noise ratio of two 8-bit images, in dB. */
    static double psnr(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            sum += d * d;
        }
        double mse = sum / a.length;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Asserts an observed rate lies within four standard errors of the expected probability. */
    static void assertRate(double expected, int hits, int draws, String what) {
        double rate = (double) hits / draws;
        double tolerance = 4 * Math.sqrt(expected * (1 - expected) / draws);
        assertTrue(Math.abs(rate - expected) <= tolerance, what + ": observed rate " + rate + " over "
                + draws + " draws, expected " + expected + " +- " + tolerance);
    }
}
