package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class CropTransformTest {

    @Test
    void aBoxCropMapsTheBoxOntoTheCropAndBack() {
        CropTransform t = CropTransform.of(new CropBox(40, 10, 100, 640, 480), 50);
        assertArrayEquals(new double[] {0, 0}, t.apply(40, 10), 1e-12);
        assertArrayEquals(new double[] {50, 50}, t.apply(140, 110), 1e-12);
        assertArrayEquals(new double[] {140, 110}, t.inverse().apply(50, 50), 1e-12);
        assertEquals(0.5, t.scale(), 1e-12);
        assertEquals(new FaceBox(5, 5, 40, 40, 0.9), t.box(new FaceBox(50, 20, 80, 80, 0.9), 50));
    }

    @Test
    void theInverseUndoesARotationScaleAndShift() {
        double angle = Math.toRadians(23);
        double s = 1.7;
        CropTransform t = new CropTransform(s * Math.cos(angle), -s * Math.sin(angle), 12.5,
                s * Math.sin(angle), s * Math.cos(angle), -40);
        double[] p = t.apply(31.25, -7.5);
        assertArrayEquals(new double[] {31.25, -7.5}, t.inverse().apply(p[0], p[1]), 1e-9);
        double[] c = t.scaled(2, 3).apply(1, 1);
        double[] plain = t.apply(1, 1);
        assertArrayEquals(new double[] {2 * plain[0], 3 * plain[1]}, c, 1e-12);
    }

    /** At the box's own size the warp is the cut, black where the box leaves the picture. */
    @Test
    void warpingByABoxCropIsTheCut() {
        try (Mat picture = new Mat(30, 40, CV_8UC3)) {
            UByteIndexer px = picture.createIndexer();
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    for (int c = 0; c < 3; c++) {
                        px.put(y, x, c, (x * 7 + y * 13 + c * 5) & 0xff);
                    }
                }
            }
            CropBox box = new CropBox(25, -4, 20, 40, 30);
            try (Mat cut = FaceCrops.cut(picture, box); Mat warped = CropTransform.of(box, 20).warp(picture, 20, INTER_NEAREST)) {
                assertEquals(Raster.of(cut), Raster.of(warped));
            }
        }
    }

    @Test
    void aMapThatIsNotFiniteOrCollapsesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CropTransform(Double.NaN, 0, 0, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CropTransform(1, 2, 0, 2, 4, 0));
    }
}
