package io.lvnet.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CropTransform;
import io.lvnet.data.FaceBox;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {
    private static final int SIDE = 256;
    private static final double SCALE = 1.3;

    @Test
    void theTemplateIsArcFacesWithTheCropsMargin() {
        double[][] t = FaceAligner.template(112, 1.0);
        assertArrayEquals(FaceAligner.TEMPLATE_112[2], t[2], 1e-12);
        // a wider crop draws the same face smaller about the centre
        double[][] wide = FaceAligner.template(112, SCALE);
        assertEquals(56 + (FaceAligner.TEMPLATE_112[0][0] - 56) / SCALE, wide[0][0], 1e-9);
    }

    @Test
    void pointsOnTheTemplateNeedNoAlignment() {
        CropTransform t = FaceAligner.toTemplate(FaceAligner.template(SIDE, SCALE), SIDE, SCALE);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, t.coefficients(), 1e-9);
    }

    /** Points that are the template turned, scaled and moved are carried exactly back onto it. */
    @Test
    void aTurnedScaledAndMovedFaceIsCarriedBackOntoTheTemplate() {
        double angle = Math.toRadians(-31);
        double s = 0.62;
        CropTransform moved = new CropTransform(s * Math.cos(angle), -s * Math.sin(angle), 300,
                s * Math.sin(angle), s * Math.cos(angle), 95);
        double[][] template = FaceAligner.template(SIDE, SCALE);
        double[][] face = new double[5][];
        for (int i = 0; i < 5; i++) {
            face[i] = moved.apply(template[i][0], template[i][1]);
        }
        CropTransform t = FaceAligner.toTemplate(face, SIDE, SCALE);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(template[i], t.apply(face[i][0], face[i][1]), 1e-9);
        }
        assertEquals(1 / s, t.scale(), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> FaceAligner.toTemplate(new double[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}, {1, 1}}, SIDE, SCALE));
    }

    /**
     * The golden photo turned by 12 degrees, aligned, shows its face as the upright photo aligned
     * does: the five points land on the template, the eyes level, the same in both.
     */
    @Test
    void theTurnedPhotoAlignsAsTheUprightOne() throws IOException {
        FaceAligner aligner = new FaceAligner(LandmarkGoldens.model());
        double[][] upright = alignedFivePoints(aligner, "photo.png");
        double[][] turned = alignedFivePoints(aligner, "photo_rot12.png");
        double[][] template = FaceAligner.template(SIDE, SCALE);
        // the five points are fitted together, so the eyes keep what tilt this face's shape gives them
        assertEquals(tilt(upright), tilt(turned), 2.0, "eye tilt after alignment, upright against turned photo");
        for (double[][] p : new double[][][] {upright, turned}) {
            assertTrue(Math.abs(tilt(p)) < 4, "the eyes tilt by " + tilt(p) + " degrees after alignment");
            for (int i = 0; i < 5; i++) {
                double d = Math.hypot(p[i][0] - template[i][0], p[i][1] - template[i][1]);
                assertTrue(d < 0.05 * SIDE, "point " + i + " lies " + d + " px from the template");
            }
        }
        for (int i = 0; i < 5; i++) {
            double d = Math.hypot(upright[i][0] - turned[i][0], upright[i][1] - turned[i][1]);
            System.out.printf("aligned point %d: upright %.1f,%.1f turned %.1f,%.1f template %.1f,%.1f%n", i, upright[i][0],
                    upright[i][1], turned[i][0], turned[i][1], template[i][0], template[i][1]);
            assertTrue(d < 0.02 * SIDE, "point " + i + " differs by " + d + " px between the upright and the turned photo");
        }
    }

    private static double tilt(double[][] five) {
        return Math.toDegrees(Math.atan2(five[1][1] - five[0][1], five[1][0] - five[0][0]));
    }

    /** The five points of a golden photo's face (dlib's points on its golden box), carried into its aligned crop. */
    private static double[][] alignedFivePoints(FaceAligner aligner, String name) throws IOException {
        LandmarkGoldens.Face golden = LandmarkGoldens.faces().stream()
                .filter(f -> f.image().equals(name) && f.boxesFrom().startsWith("dlib")).findFirst().orElseThrow();
        long[] b = golden.box();
        FaceBox box = new FaceBox((int) b[0], (int) b[1], (int) (b[2] - b[0] + 1), (int) (b[3] - b[1] + 1), 1);
        GrayImage grey = LandmarkGoldens.gray(name);
        CropTransform t = aligner.transform(grey, box, SIDE, SCALE);
        double[][] five = FaceAligner.fivePoints(LandmarkGoldens.model().predict(grey, box));
        double[][] out = new double[5][];
        for (int i = 0; i < 5; i++) {
            out[i] = t.apply(five[i][0], five[i][1]);
        }
        return out;
    }
}
