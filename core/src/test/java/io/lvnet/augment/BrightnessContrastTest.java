package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BrightnessContrastTest {
    private static int[] adjusted(double alpha, double beta, int... values) {
        byte[] rgb = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            rgb[i * 3] = (byte) values[i];
        }
        byte[] out = BrightnessContrast.adjust(Sample.of(1, values.length, rgb), alpha, beta).rgb();
        int[] result = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = out[i * 3] & 0xff;
        }
        return result;
    }

    @Test
    void scalesThenOffsetsByAFractionOfTheMaximum() {
        // 100 * 1.2 + 0.1 * 255 = 145.5, truncated; 250 * 1.2 + 25.5 clamps to 255
        int[] brighter = adjusted(1.2, 0.1, 0, 100, 250);
        assertEquals(25, brighter[0]);
        assertEquals(145, brighter[1]);
        assertEquals(255, brighter[2]);
        // 10 * 0.8 - 51 clamps to 0; 200 * 0.8 - 51 = 109
        int[] darker = adjusted(0.8, -0.2, 10, 200);
        assertEquals(0, darker[0]);
        assertEquals(109, darker[1]);
        assertEquals(77, adjusted(1, 0, 77)[0]);
    }

    @Test
    void randomAdjustmentsStayWithinTwentyPercent() {
        // a mid-grey of 128 can move by at most 0.2 * 128 + 0.2 * 255 = 76.6
        Sample grey = TestImages.uniform(2, 2, 128, 128, 128);
        BrightnessContrast transform = new BrightnessContrast();
        int lowest = 255;
        int highest = 0;
        for (long seed = 0; seed < 500; seed++) {
            int v = transform.apply(grey, new SplittableRandom(seed)).rgb()[0] & 0xff;
            lowest = Math.min(lowest, v);
            highest = Math.max(highest, v);
        }
        assertTrue(lowest >= 128 - 77 && lowest < 128 - 50, "lowest " + lowest);
        assertTrue(highest <= 128 + 77 && highest > 128 + 50, "highest " + highest);
    }
}
