package io.lvnet.augment;

import static io.lvnet.augment.TestImages.assertAligned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomResizedCropTest {
    @Test
    void cropAndResizeMapsABlockExactly() {
        // a 10 x 10 block at rows 40-49, columns 60-69 of a 100 x 100 image; the crop
        // (top 30, left 50, side 50) enlarged twice puts it at rows and columns 20-39
        int n = 100;
        byte[] rgb = new byte[n * n * 3];
        byte[] mask = new byte[n * n];
        for (int y = 40; y < 50; y++) {
            for (int x = 60; x < 70; x++) {
                rgb[(y * n + x) * 3] = (byte) 255;
                mask[y * n + x] = (byte) 255;
            }
        }
        Sample out = RandomResizedCrop.cropAndResize(Sample.of(n, n, rgb, Map.of("m", mask)), 30, 50, 50, 100);
        assertEquals(100, out.height());
        assertEquals(100, out.width());
        byte[] outMask = out.mask("m");
        byte[] outRgb = out.rgb();
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                boolean inside = y >= 20 && y < 40 && x >= 20 && x < 40;
                assertEquals(inside ? 255 : 0, outMask[y * 100 + x] & 0xff, "mask at (" + y + ", " + x + ")");
                boolean deepInside = y >= 21 && y < 39 && x >= 21 && x < 39;
                boolean farOutside = y < 19 || y >= 41 || x < 19 || x >= 41;
                int red = outRgb[(y * 100 + x) * 3] & 0xff;
                if (deepInside) {
                    assertEquals(255, red, "image inside the block at (" + y + ", " + x + ")");
                } else if (farOutside) {
                    assertEquals(0, red, "image outside the block at (" + y + ", " + x + ")");
                }
            }
        }
    }

    @Test
    void randomCropsGiveTheOutputSizeAndKeepMasksAligned() {
        Sample sample = TestImages.shapes(120);
        RandomResizedCrop crop = new RandomResizedCrop(100);
        for (long seed = 0; seed < 20; seed++) {
            Sample out = crop.apply(sample, new SplittableRandom(seed));
            assertEquals(100, out.height());
            assertEquals(100, out.width());
            assertAligned(out);
        }
    }

    @Test
    void drawnWindowsCoverThirtyToHundredPercentOfTheAreaAndFit() {
        RandomResizedCrop crop = new RandomResizedCrop(299);
        SplittableRandom random = new SplittableRandom(3);
        int n = 300;
        int smallest = n;
        int largest = 0;
        for (int i = 0; i < 2000; i++) {
            RandomResizedCrop.Window w = crop.drawWindow(n, n, random);
            assertTrue(w.top() >= 0 && w.left() >= 0 && w.top() + w.side() <= n && w.left() + w.side() <= n, w.toString());
            smallest = Math.min(smallest, w.side());
            largest = Math.max(largest, w.side());
        }
        int minSide = (int) Math.round(Math.sqrt(0.3) * n);
        assertTrue(smallest >= minSide && smallest <= minSide + 3, "smallest side " + smallest);
        assertTrue(largest >= n - 3 && largest <= n, "largest side " + largest);
    }

    @Test
    void windowsThatNeverFitFallBackToTheCentredSquare() {
        RandomResizedCrop.Window w = new RandomResizedCrop(10).drawWindow(10, 1000, new SplittableRandom(1));
        assertEquals(new RandomResizedCrop.Window(0, 495, 10), w);
    }

    @Test
    void cropsOutsideTheImageAreRejected() {
        Sample sample = TestImages.shapes(20);
        assertThrows(IllegalArgumentException.class, () -> RandomResizedCrop.cropAndResize(sample, 5, 5, 16, 10));
    }
}
