package io.lvnet.augment;

import static io.lvnet.augment.TestImages.psnr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DownUpResizeTest {
    private static Sample checkerWithMask(int h, int w) {
        byte[] rgb = new byte[h * w * 3];
        byte[] mask = new byte[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) (((x + y) & 1) == 0 ? 220 : 30);
                Arrays.fill(rgb, 3 * (y * w + x), 3 * (y * w + x) + 3, v);
                mask[y * w + x] = (byte) (x >= w / 3 && x < 2 * w / 3 && y >= h / 3 ? 255 : 0);
            }
        }
        return Sample.of(h, w, rgb, Map.of("mask", mask));
    }

    @Test
    void halfSizeAndBackWashesOutPixelDetailButKeepsSizeAndMasks() {
        Sample s = checkerWithMask(40, 60);
        Sample out = DownUpResize.downUp(s, 0.5);
        assertEquals(40, out.height());
        assertEquals(60, out.width());
        assertArrayEquals(s.mask("mask"), out.mask("mask"), "the forged region does not move");
        // a one-pixel checkerboard is beyond half resolution: it comes back close to its mean grey
        int grey = 0;
        for (byte b : out.rgb()) {
            grey += Math.abs((b & 0xff) - 125) < 30 ? 1 : 0;
        }
        assertTrue(grey > out.rgb().length * 0.8, grey + " of " + out.rgb().length + " near grey");
    }

    @Test
    void smoothImagesSurviveAndLessResizingLosesLess() {
        Sample smooth = TestImages.smooth(96, 128);
        double half = psnr(smooth.rgb(), DownUpResize.downUp(smooth, 0.5).rgb());
        double most = psnr(smooth.rgb(), DownUpResize.downUp(smooth, 0.9).rgb());
        assertTrue(half > 20, "PSNR at 0.5: " + half);
        assertTrue(most > half, "PSNR at 0.9 " + most + " dB, at 0.5 " + half + " dB");
    }

    @Test
    void aFactorThatChangesNoSizeChangesNothing() {
        Sample s = checkerWithMask(10, 10);
        assertSame(s, DownUpResize.downUp(s, 0.99));
    }

    @Test
    void theFactorIsDrawnFromTheGeneratorSoTheSameSeedGivesTheSameFace() {
        DownUpResize t = new DownUpResize(0.3, 0.9);
        Sample s = TestImages.smooth(64, 64);
        byte[] a = t.apply(s, new SplittableRandom(7)).rgb();
        byte[] b = t.apply(s, new SplittableRandom(7)).rgb();
        assertArrayEquals(a, b);
        boolean differs = false;
        for (int seed = 8; seed < 14 && !differs; seed++) {
            differs = !Arrays.equals(a, t.apply(s, new SplittableRandom(seed)).rgb());
        }
        assertTrue(differs, "other seeds draw other factors");
    }

    @Test
    void factorsOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DownUpResize(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DownUpResize(0.6, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DownUpResize(0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new DownUpResize(Double.NaN, 0.5));
    }

    @Test
    void theUploadsRecipeIsNamedInConfigurationsAndEndsAtTheInputSize() {
        assertEquals(Augmentation.UPLOADS, Augmentation.parse("uploads"));
        AugmentationRecipe r = Augmentation.UPLOADS.recipe(32);
        Sample out = r.transforms().apply(TestImages.smooth(50, 70), new SplittableRandom(1));
        assertEquals(32, out.height());
        assertEquals(32, out.width());
        assertFalse(r.transforms().toString().isEmpty());
    }
}
