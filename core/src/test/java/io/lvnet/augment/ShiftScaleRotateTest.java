package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertAligned;
import static io.lvnet.augment.TestImages.assertMarkedAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftScaleRotateTest {
    @Test
    void ninetyDegreesTurnsAboutThePixelCentreLikeAQuarterTurn() {
        // the centre (w/2 - 0.5, h/2 - 0.5) makes a 90-degree turn of a square image an exact
        // pixel permutation: the same as one counter-clockwise quarter turn
        Sample marked = TestImages.marked(8, 8, 1, 2);
        assertMarkedAt(ShiftScaleRotate.warp(marked, 90, 1, 0, 0), 8 - 1 - 2, 1);
        Sample noisy = TestImages.noise(16, 16, 5);
        assertArrayEquals(RandomRotate90.rotate(noisy, 1).rgb(), ShiftScaleRotate.warp(noisy, 90, 1, 0, 0).rgb());
    }

    @Test
    void shiftsAreFractionsOfTheSizeAndFillWithZero() {
        Sample marked = TestImages.marked(8, 8, 3, 4);
        // dx 0.25 of 8 pixels: two columns right; dy -0.125: one row up
        assertMarkedAt(ShiftScaleRotate.warp(marked, 0, 1, 0.25, -0.125), 2, 6);
        Sample white = TestImages.uniform(8, 8, 255, 255, 255);
        Sample shifted = ShiftScaleRotate.warp(white, 0, 1, 0.25, 0);
        byte[] rgb = shifted.rgb();
        byte[] mask = shifted.mask(TestImages.FORGERY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int expected = x < 2 ? 0 : 255;
                assertEquals(expected, rgb[(y * 8 + x) * 3] & 0xff, "image at (" + y + ", " + x + ")");
                assertEquals(expected, mask[y * 8 + x] & 0xff, "mask at (" + y + ", " + x + ")");
            }
        }
    }

    @Test
    void scaleZoomsAboutTheCentre() {
        // centre 4.5 on a 10 x 10 image; scale 2 sends x to 2 (x - 4.5) + 4.5: 3 -> 1.5 ..., so
        // the pixel at (3, 6) covers the 2 x 2 block at rows 1-2, columns 7-8
        Sample marked = TestImages.marked(10, 10, 3, 6);
        byte[] mask = ShiftScaleRotate.warp(marked, 0, 2, 0, 0).mask(TestImages.FORGERY);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                boolean inside = (y == 1 || y == 2) && (x == 7 || x == 8);
                assertEquals(inside ? 255 : 0, mask[y * 10 + x] & 0xff, "mask at (" + y + ", " + x + ")");
            }
        }
    }

    @Test
    void randomWarpsKeepMasksBinaryAndAligned() {
        Sample sample = TestImages.shapes(100);
        ShiftScaleRotate warp = new ShiftScaleRotate();
        for (long seed = 0; seed < 20; seed++) {
            Sample out = warp.apply(sample, new SplittableRandom(seed));
            assertEquals(100, out.height());
            assertTrue(assertAligned(out) > 500, "the disc stays mostly in view");
        }
    }

    @Test
    void drawsStayInTheRecipeRanges() {
        ShiftScaleRotate warp = new ShiftScaleRotate();
        SplittableRandom random = new SplittableRandom(9);
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < 2000; i++) {
            ShiftScaleRotate.Params p = warp.draw(random);
            double[] v = {p.angle(), p.scale(), p.dx(), p.dy()};
            for (int k = 0; k < 4; k++) {
                min[k] = Math.min(min[k], v[k]);
                max[k] = Math.max(max[k], v[k]);
            }
        }
        double[] limit = {45, 1.2, 0.0625, 0.0625};
        double[] lower = {-45, 0.8, -0.0625, -0.0625};
        for (int k = 0; k < 4; k++) {
            double span = limit[k] - lower[k];
            assertTrue(min[k] >= lower[k] && min[k] < lower[k] + 0.01 * span, "minimum of parameter " + k + ": " + min[k]);
            assertTrue(max[k] <= limit[k] && max[k] > limit[k] - 0.01 * span, "maximum of parameter " + k + ": " + max[k]);
        }
    }
}
