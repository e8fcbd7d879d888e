package io.lvnet.landmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader: dlib's encoding, crafted models computed by hand, and files it must refuse in one line. */
class ShapePredictorFileTest {
    @TempDir
    Path dir;

    @Test
    void theWriterEncodesTheModelsHeaderByteForByteAsDlibDid() throws IOException {
        // the real file's version and initial shape, re-encoded, are its first bytes: the test
        // writer (and so the crafted models below) speaks dlib's format, and the reader reads it
        ShapePredictor model = ShapePredictorFile.parse(ByteBuffer.wrap(DlibModelWriter.tinyModel(1)), "tiny");
        assertEquals(2, model.parts());
        float[] initial = realInitialShape();
        assertEquals(136, initial.length);
        byte[] encoded = new DlibModelWriter().signed(1).column(initial).bytes();
        byte[] head = new byte[encoded.length];
        try (InputStream in = Files.newInputStream(ShapePredictorFile.DEBIAN_MODEL)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        assertArrayEquals(head, encoded);
    }

    @Test
    void aCraftedTreeGoesLeftWhenTheDifferenceExceedsItsThresholdAndPixelsOutsideReadZero() throws IOException {
        ShapePredictor model = ShapePredictorFile.parse(ByteBuffer.wrap(DlibModelWriter.tinyModel(10)), "tiny");
        // feature 0 is pixel (5, 5) in the box [0, 0, 10, 10]; feature 1, pixel (15, 15), lies outside a 12 px picture
        Landmarks left = model.predict(picture(12, 11, 0), 0, 0, 10, 10);
        // point 0 moved to (-2.5, 2.5) and rounded as dlib rounds, floor(v + 0.5)
        assertArrayEquals(new int[][] {{-2, 3}, {10, 10}}, left.points());
        // 10 - 0 is not more than 10: right
        Landmarks right = model.predict(picture(12, 10, 0), 0, 0, 10, 10);
        assertArrayEquals(new int[][] {{0, 0}, {13, 9}}, right.points());
        // in a larger picture pixel (15, 15) is read: 11 - 200 < 10
        assertEquals(right, model.predict(picture(20, 11, 200), 0, 0, 10, 10));
        // the box maps the unit square onto its inclusive corners: [2, 3, 12, 23] scales x by 10, y by 20
        Landmarks moved = model.predict(picture(30, 0, 0), 2, 3, 12, 23);
        assertArrayEquals(new int[][] {{2, 3}, {15, 21}}, moved.points());
    }

    @Test
    void aMissingModelNamesTheDebianPackage() {
        LandmarkModelException e = assertThrows(LandmarkModelException.class,
                () -> ShapePredictorFile.read(dir.resolve("shape_predictor_68_face_landmarks.dat")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install libdlib-data"), e.getMessage());
    }

    @Test
    void truncatedModelsAreRefusedInOneLine() throws IOException {
        byte[] head = new byte[2_000_000];
        try (InputStream in = Files.newInputStream(ShapePredictorFile.DEBIAN_MODEL)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        for (int length : new int[] {0, 1, 7, 600, 100_003, 2_000_000}) {
            Path cut = dir.resolve("cut" + length + ".dat");
            Files.write(cut, Arrays.copyOf(head, length));
            LandmarkModelException e = assertThrows(LandmarkModelException.class, () -> ShapePredictorFile.read(cut));
            assertOneLine(e);
            assertTrue(e.getMessage().startsWith(cut + ": truncated"), e.getMessage());
        }
        byte[] tiny = DlibModelWriter.tinyModel(1);
        for (int length = 0; length < tiny.length; length++) {
            int n = length;
            LandmarkModelException e = assertThrows(LandmarkModelException.class,
                    () -> ShapePredictorFile.parse(ByteBuffer.wrap(Arrays.copyOf(tiny, n)), "tiny"));
            assertTrue(e.getMessage().startsWith("tiny: truncated"), n + ": " + e.getMessage());
        }
    }

    @Test
    void foreignFilesAreRefusedInOneLine() throws IOException {
        Path png = LandmarkGoldens.image("photo.png");
        assertForeign(ShapePredictorFile::read, png);
        Path text = Files.writeString(dir.resolve("model.dat"), "version: 1\nshape: 68 points\n");
        assertForeign(ShapePredictorFile::read, text);
        Path bzip2 = Files.write(dir.resolve("model.dat.bz2"), new byte[] {'B', 'Z', 'h', '9', 0x31, 0x41});
        LandmarkModelException e = assertThrows(LandmarkModelException.class, () -> ShapePredictorFile.read(bzip2));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("bzip2"), e.getMessage());
    }

    @Test
    void hostileModelsAreRefusedBeforeTheyAllocateOrIndexOutOfBounds() {
        assertRefused("version 2", new DlibModelWriter().signed(2).bytes(), "not a dlib shape predictor");
        // a billion cascade levels in a 20-byte file
        assertRefused("huge count", new DlibModelWriter().signed(1).column(0, 0, 1, 1).unsigned(1L << 30).bytes(), "truncated");
        assertRefused("huge matrix", new DlibModelWriter().signed(1).signed(-(1L << 40)).signed(-1).bytes(), "not a dlib shape predictor");
        assertRefused("odd shape", new DlibModelWriter().signed(1).column(0, 0, 1).bytes(), "not a dlib shape predictor");
        assertRefused("single point", new DlibModelWriter().signed(1).column(0.5f, 0.5f, 0.5f, 0.5f).bytes(), "single point");
        assertRefused("split past the features", DlibModelWriter.tinyModel(1, 2, 1), "compares feature pixel 2 of 2");
        assertRefused("anchor past the shape", DlibModelWriter.tinyModel(1, 1, 2), "at most 1 expected");
        // a leaf that is not a number
        DlibModelWriter nan = new DlibModelWriter().signed(1).column(0, 0, 1, 1).unsigned(1).unsigned(1)
                .unsigned(0).unsigned(1).column(Float.NaN, 0, 0, 0);
        assertRefused("NaN leaf", nan.bytes(), "NaN");
        // three leaves for one split
        DlibModelWriter leaves = new DlibModelWriter().signed(1).column(0, 0, 1, 1).unsigned(1).unsigned(1)
                .unsigned(1).unsigned(0).unsigned(1).float32(1).unsigned(3)
                .column(0, 0, 0, 0).column(0, 0, 0, 0).column(0, 0, 0, 0);
        assertRefused("three leaves", leaves.bytes(), "not a complete binary tree");
        // floats in dlib's old text encoding
        assertRefused("text float", new DlibModelWriter().signed(1).signed(-2).signed(-1).raw('1', '.', '5', ' ', '2', '.', '5', ' ').bytes(),
                "binary float encoding");
    }

    private static float[] realInitialShape() {
        return LandmarkGoldens.model().initialShape();
    }

    private static GrayImage picture(int size, int at55, int at1515) {
        byte[] px = new byte[size * size];
        px[5 * size + 5] = (byte) at55;
        if (size > 15) {
            px[15 * size + 15] = (byte) at1515;
        }
        return new GrayImage(size, size, px);
    }

    private interface Reader {
        ShapePredictor read(Path p) throws IOException;
    }

    private static void assertForeign(Reader reader, Path file) {
        LandmarkModelException e = assertThrows(LandmarkModelException.class, () -> reader.read(file));
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith(file + ": not a dlib shape predictor"), e.getMessage());
    }

    private static void assertRefused(String what, byte[] bytes, String expected) {
        LandmarkModelException e = assertThrows(LandmarkModelException.class,
                () -> ShapePredictorFile.parse(ByteBuffer.wrap(bytes), "crafted"), what);
        assertOneLine(e);
        assertTrue(e.getMessage().startsWith("crafted: ") && e.getMessage().contains(expected), what + ": " + e.getMessage());
    }

    private static void assertOneLine(Exception e) {
        assertTrue(!e.getMessage().isBlank() && e.getMessage().lines().count() == 1, e.getMessage());
    }
}
