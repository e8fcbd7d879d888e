package io.lvnet.augment;

import static io.lvnet.augment.TestImages.psnr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JpegCompressionTest {
    private final Sample smooth = TestImages.smooth(96, 128);

    @Test
    void reallyRecompressesAndStaysClose() {
        for (int quality : new int[] {60, 80, 100}) {
            byte[] out = JpegCompression.recompress(smooth, quality).rgb();
            assertFalse(Arrays.equals(smooth.rgb(), out), "quality " + quality + " changed nothing");
            double psnr = psnr(smooth.rgb(), out);
            assertTrue(psnr > 30 && psnr < 70, "PSNR " + psnr + " dB at quality " + quality);
        }
    }

    @Test
    void lowerQualityLosesMore() {
        double low = psnr(smooth.rgb(), JpegCompression.recompress(smooth, 60).rgb());
        double high = psnr(smooth.rgb(), JpegCompression.recompress(smooth, 100).rgb());
        assertTrue(high > low + 3, "PSNR at quality 100 " + high + " dB, at 60 " + low + " dB");
    }

    @Test
    void aFlatColourSurvivesAndChannelOrderIsKept() {
        // the encoder takes RGB for BGR, but decoding swaps nothing: red stays red
        byte[] out = JpegCompression.recompress(TestImages.uniform(16, 16, 200, 40, 10), 90).rgb();
        for (int i = 0; i < out.length; i += 3) {
            assertTrue(Math.abs((out[i] & 0xff) - 200) <= 3 && Math.abs((out[i + 1] & 0xff) - 40) <= 3
                    && Math.abs((out[i + 2] & 0xff) - 10) <= 3, "pixel " + i / 3);
        }
    }

    @Test
    void qualityIsDrawnFromSixtyToAHundredInclusive() {
        JpegCompression jpeg = new JpegCompression();
        SplittableRandom random = new SplittableRandom(4);
        int[] counts = new int[101];
        for (int i = 0; i < 4100; i++) {
            counts[jpeg.drawQuality(random)]++;
        }
        for (int q = 0; q <= 100; q++) {
            if (q < 60) {
                assertEquals(0, counts[q], "quality " + q);
            } else {
                assertTrue(counts[q] > 50, "quality " + q + " drawn " + counts[q] + " times in 4100");
            }
        }
    }

    @Test
    void leavesMasksAlone() {
        Sample sample = TestImages.shapes(32);
        assertArrayEquals(sample.mask(TestImages.FORGERY), JpegCompression.recompress(sample, 60).mask(TestImages.FORGERY));
    }
}
