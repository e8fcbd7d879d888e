package io.lvnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.landmarks.GrayImage;
import io.lvnet.perturb.Perturbation;
import io.lvnet.perturb.PerturbationKind;
import io.lvnet.data.Raster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Face size, sharpness and blockiness on pictures whose values are known, and the gate's reasons. */
class FaceQualityTest {
    private static byte[] rgbOf(int size, java.util.function.IntBinaryOperator grey) {
        byte[] rgb = new byte[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                byte v = (byte) grey.applyAsInt(x, y);
                int i = 3 * (y * size + x);
                rgb[i] = v;
                rgb[i + 1] = v;
                rgb[i + 2] = v;
            }
        }
        return rgb;
    }

    private static GrayImage greyOf(int w, int h, java.util.function.IntBinaryOperator grey) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) grey.applyAsInt(x, y);
            }
        }
        return new GrayImage(w, h, px);
    }

    @Test
    void sharpnessIsTheLaplaciansVariance() {
        assertEquals(0, FaceQuality.sharpness(rgbOf(32, (x, y) -> 77), 32), 1e-9, "a flat face has no detail");
        // a 0/255 checkerboard: every inner pixel's Laplacian is +-4 * 255, so the variance is 1020^2
        // (the grey weights sum to 1 only to float precision)
        assertEquals(1020.0 * 1020.0, FaceQuality.sharpness(rgbOf(32, (x, y) -> (x + y) % 2 == 0 ? 255 : 0), 32), 5.0);
        // a linear ramp has a zero Laplacian
        assertEquals(0, FaceQuality.sharpness(rgbOf(32, (x, y) -> 3 * x), 32), 1e-3);
    }

    @Test
    void blockinessComparesStepsOnTheGridWithStepsInsideIt() {
        assertEquals(1.0, FaceQuality.blockiness(greyOf(64, 64, (x, y) -> 2 * x + y), 0, 0), 1e-9,
                "a ramp steps evenly everywhere");
        // constant 8 x 8 blocks of different values, placed on the picture's grid: every step is on a border
        GrayImage blocks = greyOf(64, 64, (x, y) -> ((x + 3) / 8 * 37 + (y + 5) / 8 * 53) % 200);
        assertTrue(FaceQuality.blockiness(blocks, 3, 5) > 20, "aligned with the crop's offset");
        assertTrue(FaceQuality.blockiness(blocks, 0, 0) < 0.2, "the same steps, read off the grid");
        assertEquals(1.0, FaceQuality.blockiness(greyOf(64, 64, (x, y) -> 100 + x / 16), 0, 0), 1e-9,
                "a nearly flat picture is no evidence of blocks, even with its few steps on the grid");
    }

    @Test
    void jpegRaisesBlockinessAndBlurLowersSharpness() {
        Random r = new Random(1);
        Raster face = Raster.blank(160, 160, 3);
        for (int i = 0; i < face.data().length; i += 3) {
            int x = (i / 3) % 160;
            int y = (i / 3) / 160;
            int v = (int) (128 + 60 * Math.sin(x / 7.0) * Math.cos(y / 9.0) + r.nextGaussian() * 6);
            face.data()[i] = (byte) Math.max(0, Math.min(255, v));
            face.data()[i + 1] = (byte) Math.max(0, Math.min(255, v + 10));
            face.data()[i + 2] = (byte) Math.max(0, Math.min(255, v - 10));
        }
        FaceQuality clean = measure(face);
        FaceQuality jpeg = measure(new Perturbation(PerturbationKind.JPEG, 10).apply(face, 0));
        FaceQuality blurred = measure(new Perturbation(PerturbationKind.BLUR, 3).apply(face, 0));
        assertTrue(clean.blockiness() < 1.2 && jpeg.blockiness() > QualityGate.DEFAULT.maxBlockiness(),
                clean + " / " + jpeg);
        assertTrue(clean.sharpness() > 10 * blurred.sharpness() && blurred.sharpness() < QualityGate.DEFAULT.minSharpness(),
                clean + " / " + blurred);
        assertNull(QualityGate.DEFAULT.reason(clean));
        assertTrue(QualityGate.DEFAULT.reason(jpeg).startsWith("face too compressed to judge: blockiness"));
        assertTrue(QualityGate.DEFAULT.reason(blurred).startsWith("face too blurred to judge: sharpness"));
    }

    @Test
    void theGateNamesTheFirstShortcoming() {
        QualityGate gate = new QualityGate(40, 15, 2.0);
        assertEquals("face too small to judge: 32 px, needs 40", gate.reason(new FaceQuality(32, 5, 3, null)));
        assertNull(gate.reason(new FaceQuality(40, 15, 2.0, null)), "the limits themselves are judged");
        assertNull(QualityGate.OFF.reason(new FaceQuality(1, 0, 50, null)));
    }

    private static FaceQuality measure(Raster bgr) {
        byte[] rgb = io.lvnet.data.FaceCropPreprocessor.resizedRgb(bgr.toMat(), 112);
        return FaceQuality.measure(new int[] {0, 0, bgr.width(), bgr.height()}, GrayImage.of(bgr), 0, 0, rgb, 112);
    }
}
