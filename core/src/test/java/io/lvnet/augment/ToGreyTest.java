package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ToGreyTest {
    @Test
    void makesTheThreeChannelsEqualToTheLuma() {
        Sample sample = TestImages.noise(20, 30, 1);
        byte[] in = sample.rgb();
        byte[] out = new ToGrey().apply(sample, new SplittableRandom(0)).rgb();
        for (int i = 0; i < out.length; i += 3) {
            assertEquals(out[i], out[i + 1], "red and green at pixel " + i / 3);
            assertEquals(out[i], out[i + 2], "red and blue at pixel " + i / 3);
            double luma = 0.299 * (in[i] & 0xff) + 0.587 * (in[i + 1] & 0xff) + 0.114 * (in[i + 2] & 0xff);
            assertTrue(Math.abs((out[i] & 0xff) - luma) <= 1, "grey " + (out[i] & 0xff) + " vs luma " + luma);
        }
    }

    @Test
    void leavesMasksAlone() {
        Sample sample = TestImages.shapes(32);
        Sample out = ToGrey.grey(sample);
        assertArrayEquals(sample.mask(TestImages.FORGERY), out.mask(TestImages.FORGERY));
        assertArrayEquals(sample.mask(TestImages.REGION), out.mask(TestImages.REGION));
    }
}
