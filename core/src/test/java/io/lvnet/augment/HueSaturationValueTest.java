package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HueSaturationValueTest {
    private static int[] pixel(Sample sample) {
        byte[] rgb = sample.rgb();
        return new int[] {rgb[0] & 0xff, rgb[1] & 0xff, rgb[2] & 0xff};
    }

    @Test
    void hueTurnsRedIntoGreenOrBlueAndWraps() {
        // OpenCV hue steps are 2 degrees: +60 is +120 degrees, -60 wraps to +240 degrees
        Sample red = TestImages.uniform(2, 2, 255, 0, 0);
        assertArrayEquals(new int[] {0, 255, 0}, pixel(HueSaturationValue.shift(red, 60, 0, 0)));
        assertArrayEquals(new int[] {0, 0, 255}, pixel(HueSaturationValue.shift(red, -60, 0, 0)));
        assertArrayEquals(new int[] {255, 0, 0}, pixel(HueSaturationValue.shift(red, 180, 0, 0)));
    }

    @Test
    void saturationAndValueAreClamped() {
        Sample colour = TestImages.uniform(2, 2, 200, 100, 50);
        int[] grey = pixel(HueSaturationValue.shift(colour, 0, -255, 0));
        assertEquals(grey[0], grey[1]);
        assertEquals(grey[0], grey[2]);
        assertEquals(200, grey[0], "no saturation leaves the value, the largest channel");
        assertArrayEquals(new int[] {0, 0, 0}, pixel(HueSaturationValue.shift(colour, 0, 0, -255)));
        int[] brighter = pixel(HueSaturationValue.shift(colour, 0, 0, 30));
        assertEquals(230, brighter[0]);
    }

    @Test
    void leavesMasksAlone() {
        Sample sample = TestImages.shapes(32);
        assertArrayEquals(sample.mask(TestImages.FORGERY),
                HueSaturationValue.shift(sample, 10, 10, 10).mask(TestImages.FORGERY));
    }
}
