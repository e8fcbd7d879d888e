package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceCrops.Border;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FaceCropsTest {
    private static final FaceCrops FFPP = new FaceCrops();
    private static final FaceCrops PAD = new FaceCrops(1.3, Border.ZERO_PAD);

    @Test
    void squareOfScaledLongerSideAroundTheBoxCentre() {
        // size int(60 * 1.3) = 78, centre ((100 + 140) // 2, (50 + 110) // 2) = (120, 80)
        FaceBox face = new FaceBox(100, 50, 40, 60, 0.9);
        assertEquals(new CropBox(81, 41, 78, 640, 480), FFPP.box(face, 640, 480));
        assertEquals(new CropBox(81, 41, 78, 640, 480), PAD.box(face, 640, 480));
        // odd sizes: the centre and the half side round down, as FaceForensics++'s integer division
        assertEquals(new CropBox(10, 5, 31, 100, 100),
                new FaceCrops(1.0, Border.SHIFT_AND_SHRINK).box(new FaceBox(10, 10, 31, 21, 1), 100, 100));
        // int() truncates the scaled size: 7 * 1.3 = 9.1 -> 9
        assertEquals(9, FFPP.box(new FaceBox(50, 50, 7, 5, 1), 100, 100).size());
        assertEquals(new CropBox(40, 40, 20, 100, 100),
                new FaceCrops(2.0, Border.SHIFT_AND_SHRINK).box(new FaceBox(45, 45, 10, 10, 1), 100, 100));
    }

    @Test
    void shiftsInsideAtTopLeftAndShrinksAtBottomRight() {
        // top-left: the 65 px square would start at (-7, -7); it is moved to (0, 0), size kept
        assertEquals(new CropBox(0, 0, 65, 200, 200), FFPP.box(new FaceBox(0, 0, 50, 50, 1), 200, 200));
        // bottom-right: size 39 at (171, 166) would end at (210, 205); it shrinks to 29 to fit
        assertEquals(new CropBox(171, 166, 29, 200, 200), FFPP.box(new FaceBox(180, 170, 20, 30, 1), 200, 200));
        // a face as large as the image: the largest square from the top-left corner
        assertEquals(new CropBox(0, 0, 80, 100, 80), FFPP.box(new FaceBox(0, 0, 100, 80, 1), 100, 80));
        assertTrue(FFPP.box(new FaceBox(180, 170, 20, 30, 1), 200, 200).insideImage());
    }

    @Test
    void zeroPadKeepsTheCentredSquare() {
        CropBox topLeft = PAD.box(new FaceBox(0, 0, 50, 50, 1), 200, 200);
        assertEquals(new CropBox(-7, -7, 65, 200, 200), topLeft);
        assertFalse(topLeft.insideImage());
        assertEquals(new CropBox(171, 166, 39, 200, 200), PAD.box(new FaceBox(180, 170, 20, 30, 1), 200, 200));
    }

    @Test
    void cropCopiesTheBoxPixels() {
        try (Mat image = coordinates(200, 150)) {
            try (FaceCrop crop = FFPP.crop(image, new FaceBox(100, 50, 40, 60, 1))) {
                assertEquals(new CropBox(81, 41, 78, 200, 150), crop.box());
                assertEquals(78, crop.image().cols());
                assertEquals(78, crop.image().rows());
                assertEquals(CV_8UC3, crop.image().type());
                try (UByteIndexer px = crop.image().createIndexer()) {
                    for (int[] at : new int[][] {{0, 0}, {77, 0}, {0, 77}, {77, 77}, {30, 12}}) {
                        assertEquals(81 + at[0], px.get(at[1], at[0], 0)); // blue = x
                        assertEquals(41 + at[1], px.get(at[1], at[0], 1)); // green = y
                        assertEquals(7, px.get(at[1], at[0], 2));
                    }
                }
                // the crop is a copy: drawing on the frame afterwards does not reach it
                image.put(Scalar.all(0));
                try (UByteIndexer px = crop.image().createIndexer()) {
                    assertEquals(81, px.get(0, 0, 0));
                }
            }
        }
    }

    @Test
    void paddedCropIsBlackOutsideTheImage() {
        try (Mat image = coordinates(200, 200);
                FaceCrop crop = PAD.crop(image, new FaceBox(180, 170, 20, 30, 1));
                UByteIndexer px = crop.image().createIndexer()) {
            // box (171, 166) size 39: columns 29.. and rows 34.. are outside the 200x200 image
            assertEquals(39, crop.image().cols());
            assertEquals(171 + 28, px.get(33, 28, 0));
            assertEquals(166 + 33, px.get(33, 28, 1));
            for (int c = 0; c < 3; c++) {
                assertEquals(0, px.get(33, 29, c));
                assertEquals(0, px.get(34, 28, c));
                assertEquals(0, px.get(38, 38, c));
            }
        }
    }

    @Test
    void maskCropIsBinaryWithTheSameBox() {
        try (Mat mask = new Mat(100, 100, CV_8UC1, Scalar.all(0))) {
            fill(mask, new Rect(40, 40, 20, 20), 255); // forged
            fill(mask, new Rect(40, 60, 20, 5), 100); // compression noise, below half
            fill(mask, new Rect(60, 40, 5, 20), 200); // faded edge, above half
            CropBox box = FFPP.box(new FaceBox(39, 39, 30, 30, 1), 100, 100);
            assertEquals(new CropBox(35, 35, 39, 100, 100), box);
            try (Mat crop = FaceCrops.cropMask(mask, box); UByteIndexer px = crop.createIndexer()) {
                assertEquals(CV_8UC1, crop.type());
                assertEquals(39, crop.cols());
                assertBinary(crop);
                assertEquals(255, px.get(5, 5)); // (40, 40)
                assertEquals(0, px.get(4, 5)); // (40, 39)
                assertEquals(0, px.get(25, 5)); // (40, 60): 100 is not forged
                assertEquals(255, px.get(5, 25)); // (60, 40): 200 is
                assertEquals(0, px.get(5, 30)); // (65, 40)
            }
            try (Mat any = FaceCrops.cropMask(mask, box, 0); UByteIndexer px = any.createIndexer()) {
                assertEquals(255, px.get(25, 5)); // threshold 0: every non-zero pixel is forged
            }
        }
    }

    @Test
    void colourMaskCountsAnyChannelAndLowResolutionMaskIsScaledNearest() {
        try (Mat red = new Mat(100, 100, CV_8UC4, Scalar.all(0))) {
            fill(red, new Rect(40, 40, 20, 20), new Scalar(0, 0, 200, 0)); // red only, no alpha
            CropBox box = FFPP.box(new FaceBox(40, 40, 20, 20, 1), 100, 100); // (37, 37) size 26
            try (Mat crop = FaceCrops.cropMask(red, box); UByteIndexer px = crop.createIndexer()) {
                assertEquals(255, px.get(3, 3));
                assertEquals(0, px.get(2, 3));
            }
        }
        // a 50x50 mask for a 100x100 frame: each mask pixel covers 2x2 frame pixels
        try (Mat half = new Mat(50, 50, CV_8UC1, Scalar.all(0))) {
            fill(half, new Rect(20, 20, 10, 10), 255); // frame pixels 40..59
            CropBox box = FFPP.box(new FaceBox(40, 40, 20, 20, 1), 100, 100);
            try (Mat crop = FaceCrops.cropMask(half, box); UByteIndexer px = crop.createIndexer()) {
                assertEquals(26, crop.cols());
                assertBinary(crop);
                assertEquals(255, px.get(3, 3)); // (40, 40)
                assertEquals(255, px.get(22, 22)); // (59, 59)
                assertEquals(0, px.get(23, 22)); // (59, 60)
                assertEquals(0, px.get(2, 3)); // (40, 39)
            }
        }
    }

    @Test
    void largestPicksTheBiggestBoxThenTheBestScore() {
        FaceBox small = new FaceBox(0, 0, 10, 10, 0.99);
        FaceBox big = new FaceBox(50, 50, 30, 20, 0.6);
        FaceBox bigBetter = new FaceBox(5, 5, 20, 30, 0.7);
        assertEquals(Optional.of(big), FaceCrops.largest(List.of(small, big)));
        assertEquals(Optional.of(bigBetter), FaceCrops.largest(List.of(big, small, bigBetter)));
        assertEquals(Optional.empty(), FaceCrops.largest(List.of()));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new FaceCrops(0, Border.ZERO_PAD));
        assertThrows(IllegalArgumentException.class, () -> new FaceBox(0, 0, 0, 10, 1));
        // SHIFT_AND_SHRINK cannot place a square for a face right of the image
        assertThrows(IllegalArgumentException.class, () -> FFPP.box(new FaceBox(300, 10, 20, 20, 1), 200, 200));
        CropBox box = FFPP.box(new FaceBox(10, 10, 20, 20, 1), 200, 200);
        try (Mat other = new Mat(100, 100, CV_8UC1, Scalar.all(0))) {
            assertThrows(IllegalArgumentException.class, () -> FaceCrops.cut(other, box));
            assertThrows(IllegalArgumentException.class, () -> FaceCrops.cropMask(other, box, 255));
        }
    }

    /** A BGR image whose pixel (x, y) is (x, y, 7), so every crop shows where it came from. */
    private static Mat coordinates(int width, int height) {
        Mat image = new Mat(height, width, CV_8UC3);
        try (UByteIndexer px = image.createIndexer()) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    px.put(y, x, 0, x);
                    px.put(y, x, 1, y);
                    px.put(y, x, 2, 7);
                }
            }
        }
        return image;
    }

    private static void fill(Mat image, Rect region, int value) {
        fill(image, region, Scalar.all(value));
    }

    private static void fill(Mat image, Rect region, Scalar value) {
        try (Mat roi = new Mat(image, region)) {
            roi.put(value);
        }
    }

    private static void assertBinary(Mat mask) {
        try (UByteIndexer px = mask.createIndexer()) {
            for (int y = 0; y < mask.rows(); y++) {
                for (int x = 0; x < mask.cols(); x++) {
                    int v = px.get(y, x);
                    assertTrue(v == 0 || v == 255, "mask value " + v + " at " + x + "," + y);
                }
            }
        }
    }
}
