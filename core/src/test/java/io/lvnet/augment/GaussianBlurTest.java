package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianBlurTest {
    @Test
    void anImpulseSpreadsToTheThreeByThreeBinomialKernel() {
        // sigma 0 with kernel 3 is OpenCV's fixed [1 2 1] / 4 per axis: 255 / 16 * [1 2 1; 2 4 2; 1 2 1]
        int n = 9;
        byte[] rgb = new byte[n * n * 3];
        for (int c = 0; c < 3; c++) {
            rgb[(4 * n + 4) * 3 + c] = (byte) 255;
        }
        byte[] out = new GaussianBlur().apply(Sample.of(n, n, rgb), new SplittableRandom(0)).rgb();
        int[][] expected = {{16, 32, 16}, {32, 64, 32}, {16, 32, 16}};
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean near = Math.abs(y - 4) <= 1 && Math.abs(x - 4) <= 1;
                int want = near ? expected[y - 3][x - 3] : 0;
                for (int c = 0; c < 3; c++) {
                    int got = out[(y * n + x) * 3 + c] & 0xff;
                    assertEquals(want, got, 1.0, "pixel (" + y + ", " + x + ") channel " + c);
                }
            }
        }
    }

    @Test
    void leavesMasksAlone() {
        Sample sample = TestImages.shapes(32);
        assertArrayEquals(sample.mask(TestImages.REGION), GaussianBlur.blur(sample, 3).mask(TestImages.REGION));
    }
}
