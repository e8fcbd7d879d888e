package io.lvnet.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void convertsBgrToRgbAndColourMasksToGrey() {
        try (Mat bgr = new Mat(2, 3, CV_8UC3, new Scalar(10, 20, 30, 0));
                Mat colourMask = new Mat(2, 3, CV_8UC3, new Scalar(255, 255, 255, 0));
                Mat greyMask = new Mat(2, 3, CV_8UC1, new Scalar(0))) {
            Map<String, Mat> masks = new LinkedHashMap<>();
            masks.put("mask", colourMask);
            masks.put("region", greyMask);
            Sample sample = Samples.fromBgr(bgr, masks);
            assertEquals(2, sample.height());
            assertEquals(3, sample.width());
            assertArrayEquals(new byte[] {30, 20, 10}, java.util.Arrays.copyOf(sample.rgb(), 3));
            assertArrayEquals(new byte[] {-1, -1, -1, -1, -1, -1}, sample.mask("mask"));
            assertArrayEquals(new byte[6], sample.mask("region"));
            assertEquals(List.of("mask", "region"), List.copyOf(sample.maskNames()));
        }
    }

    @Test
    void rejectsMismatchedSizes() {
        try (Mat bgr = new Mat(2, 3, CV_8UC3, new Scalar(0)); Mat mask = new Mat(3, 3, CV_8UC1, new Scalar(0))) {
            assertThrows(IllegalArgumentException.class, () -> Samples.fromBgr(bgr, Map.of("mask", mask)));
        }
        assertThrows(IllegalArgumentException.class, () -> Sample.of(2, 2, new byte[11]));
        assertThrows(IllegalArgumentException.class, () -> Sample.of(2, 2, new byte[12], Map.of("m", new byte[3])));
    }

    @Test
    void samplesAreImmutable() {
        byte[] rgb = new byte[12];
        byte[] mask = new byte[4];
        Sample sample = Sample.of(2, 2, rgb, Map.of("m", mask));
        rgb[0] = 1;
        mask[0] = 1;
        sample.rgb()[1] = 1;
        sample.mask("m")[1] = 1;
        assertArrayEquals(new byte[12], sample.rgb());
        assertArrayEquals(new byte[4], sample.mask("m"));
        assertThrows(IllegalArgumentException.class, () -> sample.mask("other"));
    }
}
