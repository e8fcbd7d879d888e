package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.weights.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceCropPreprocessorTest {
    private static final Path GOLDENS = Path.of("..", "shared", "goldens");
    private static final Path SOURCE = GOLDENS.resolve("resize_source.png");
    private static final int SIZE = 299;

    private static TensorData expectedRgb;
    private static TensorData expectedInput;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadGoldens() throws IOException {
        Map<String, TensorData> npz = io.lvnet.weights.NpzReader.read(GOLDENS.resolve("resize_expected.npz"));
        expectedRgb = npz.get("resized_rgb");
        expectedInput = npz.get("input");
        assertArrayEquals(new long[] {SIZE, SIZE, 3}, expectedRgb.shape());
        assertArrayEquals(new long[] {1, 3, SIZE, SIZE}, expectedInput.shape());
    }

    @Test
    void resizeMatchesOpenCvReference() throws IOException {
        byte[] actual = FaceCropPreprocessor.resizedRgb(SOURCE, SIZE);
        float[] expected = expectedRgb.toFloats();
        assertEquals(expected.length, actual.length);
        int pixelsOff = 0;
        for (int p = 0; p < SIZE * SIZE; p++) {
            boolean off = false;
            for (int c = 0; c < 3; c++) {
                int i = p * 3 + c;
                int diff = Math.abs((actual[i] & 0xff) - (int) expected[i]);
                assertTrue(diff <= 1, "pixel " + p + " channel " + c + " off by " + diff);
                off |= diff != 0;
            }
            pixelsOff += off ? 1 : 0;
        }
        assertTrue(pixelsOff <= SIZE * SIZE / 1000, pixelsOff + " pixels differ");
    }

    @Test
    void normalisedInputMatchesReference() throws IOException {
        float[] actual = FaceCropPreprocessor.normalisedChw(SOURCE, SIZE);
        float[] expected = expectedInput.toFloats();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6f, "element " + i);
        }
    }

    @Test
    void inMemoryVariantsAgreeWithTheFileVariant() throws IOException {
        byte[] fromFile = FaceCropPreprocessor.resizedRgb(SOURCE, SIZE);
        try (Mat decoded = OpenCvImages.decodeBgr(Files.readAllBytes(SOURCE), "source.png")) {
            assertEquals(CV_8UC3, decoded.type());
            assertEquals(400, decoded.cols());
            assertEquals(360, decoded.rows());
            assertArrayEquals(fromFile, FaceCropPreprocessor.resizedRgb(decoded, SIZE));
            assertArrayEquals(FaceCropPreprocessor.normalise(fromFile, SIZE),
                    FaceCropPreprocessor.normalisedChw(decoded, SIZE));
            // a face region of a frame: a non-continuous view gives what its copy gives
            try (Rect box = new Rect(37, 21, 180, 201); Mat region = new Mat(decoded, box);
                    Mat copy = region.clone()) {
                assertFalse(region.isContinuous());
                assertArrayEquals(FaceCropPreprocessor.resizedRgb(copy, SIZE),
                        FaceCropPreprocessor.resizedRgb(region, SIZE));
            }
        }
    }

    @Test
    void channelOrderIsConvertedToRgb() {
        // one pixel, resized to itself: BGR (10, 20, 30) must come out as RGB (30, 20, 10)
        try (Mat bgr = new Mat(1, 1, CV_8UC3); Mat grey = new Mat(1, 1, CV_8UC1);
                Mat bgra = new Mat(1, 1, CV_8UC4)) {
            bgr.data().put((byte) 10, (byte) 20, (byte) 30);
            grey.data().put((byte) 200);
            bgra.data().put((byte) 10, (byte) 20, (byte) 30, (byte) 255);
            assertArrayEquals(new byte[] {30, 20, 10}, FaceCropPreprocessor.resizedRgb(bgr, 1));
            assertArrayEquals(new byte[] {(byte) 200, (byte) 200, (byte) 200},
                    FaceCropPreprocessor.resizedRgb(grey, 1));
            assertArrayEquals(new byte[] {30, 20, 10}, FaceCropPreprocessor.resizedRgb(bgra, 1));
        }
    }

    @Test
    void normaliseIsChannelsFirstInMinusOneToOne() {
        // a 2x2 RGB image, pixels (0,255,128) (1,2,3) (4,5,6) (7,8,9), interleaved
        byte[] rgb = {0, (byte) 255, (byte) 128, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] chw = FaceCropPreprocessor.normalise(rgb, 2);
        assertEquals(12, chw.length);
        assertEquals(-1f, chw[0]); // R of pixel 0
        assertEquals(1f, chw[4]); // G of pixel 0
        assertEquals((128 / 255f - 0.5f) / 0.5f, chw[8]); // B of pixel 0
        assertEquals((1 / 255f - 0.5f) / 0.5f, chw[1]); // R of pixel 1
        assertEquals((9 / 255f - 0.5f) / 0.5f, chw[11]); // B of pixel 3
        assertThrows(IllegalArgumentException.class, () -> FaceCropPreprocessor.normalise(rgb, 1));
    }

    @Test
    void nonImageFileIsReportedOnOneLine() throws IOException {
        Path text = dir.resolve("notes.jpg");
        Files.writeString(text, "this is not an image\n");
        IOException e = assertThrows(IOException.class, () -> FaceCropPreprocessor.normalisedChw(text, SIZE));
        assertEquals("cannot read image " + text + ": not an image or unsupported format", e.getMessage());
        IOException d = assertThrows(IOException.class,
                () -> OpenCvImages.decodeBgr(new byte[] {1, 2, 3, 4}, "entry 7"));
        assertEquals("cannot read image entry 7: not an image or unsupported format", d.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("missing.png");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> FaceCropPreprocessor.resizedRgb(missing, SIZE));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
