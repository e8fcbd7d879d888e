package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceDetectorTest {
    private static CascadeFaceDetector cascade;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadCascade() throws IOException {
        cascade = CascadeFaceDetector.bundled();
    }

    @AfterAll
    static void closeCascade() {
        cascade.close();
    }

    @Test
    void cascadeFindsTheSyntheticFace() {
        try (Mat img = SyntheticFaces.face(320, 240, 160, 120, 72)) {
            List<FaceBox> faces = cascade.detect(img);
            assertEquals(1, faces.size(), faces.toString());
            FaceBox f = faces.get(0);
            assertInside(f, img);
            // the box is centred on the face and about as large as it (the oval is 110 x 144)
            assertEquals(160, f.x() + f.width() / 2.0, 15, f.toString());
            assertEquals(120, f.y() + f.height() / 2.0, 15, f.toString());
            assertTrue(f.width() > 90 && f.width() < 220, f.toString());
            assertTrue(f.score() >= CascadeFaceDetector.DEFAULT_MIN_NEIGHBORS, f.toString());
        }
    }

    @Test
    void cascadeFindsAnOffCentreFaceInGreyAndBgraImagesToo() {
        try (Mat img = SyntheticFaces.face(400, 300, 120, 170, 60); Mat grey = new Mat(); Mat bgra = new Mat()) {
            cvtColor(img, grey, COLOR_BGR2GRAY);
            cvtColor(img, bgra, COLOR_BGR2BGRA);
            for (Mat m : new Mat[] {img, grey, bgra}) {
                List<FaceBox> faces = cascade.detect(m);
                assertEquals(1, faces.size(), faces.toString());
                FaceBox f = faces.get(0);
                assertInside(f, m);
                assertEquals(120, f.x() + f.width() / 2.0, 15, f.toString());
                assertEquals(170, f.y() + f.height() / 2.0, 15, f.toString());
            }
        }
    }

    @Test
    void cascadeFindsNothingInBlankOrNoiseImages() {
        try (Mat blank = new Mat(240, 320, CV_8UC3, new Scalar(128, 128, 128, 0));
                Mat noise = new Mat(240, 320, CV_8UC3)) {
            assertEquals(List.of(), cascade.detect(blank));
            byte[] bytes = new byte[240 * 320 * 3];
            new Random(7).nextBytes(bytes);
            noise.data().put(bytes);
            for (FaceBox f : cascade.detect(noise)) {
                assertInside(f, noise); // false positives are allowed on noise, but inside the image
            }
        }
    }

    @Test
    void detectRejectsImagesItCannotRead() {
        try (Mat empty = new Mat(); Mat deep = new Mat(10, 10, CV_16UC3)) {
            assertThrows(IllegalArgumentException.class, () -> cascade.detect(empty));
            assertThrows(IllegalArgumentException.class, () -> cascade.detect(deep));
        }
    }

    @Test
    void closedDetectorRefusesToDetect() throws IOException {
        CascadeFaceDetector own = CascadeFaceDetector.bundled();
        own.close();
        own.close();
        try (Mat img = new Mat(50, 50, CV_8UC3, new Scalar(0, 0, 0, 0))) {
            assertThrows(IllegalStateException.class, () -> own.detect(img));
        }
    }

    @Test
    void badCascadeFilesGiveOneLineErrors() throws IOException {
        Path missing = dir.resolve("missing.xml");
        assertThrows(NoSuchFileException.class, () -> new CascadeFaceDetector(missing, 1.1, 5, 0.1));
        Path notXml = Files.writeString(dir.resolve("junk.xml"), "this is not xml");
        assertOneLine(assertThrows(IOException.class, () -> new CascadeFaceDetector(notXml, 1.1, 5, 0.1)), notXml);
        Path otherXml = Files.writeString(dir.resolve("other.xml"),
                "<?xml version=\"1.0\"?>\n<opencv_storage>\n<answer>42</answer>\n</opencv_storage>\n");
        assertOneLine(assertThrows(IOException.class, () -> new CascadeFaceDetector(otherXml, 1.1, 5, 0.1)), otherXml);
        Path bundled = CascadeFaceDetector.bundledCascade();
        assertThrows(IllegalArgumentException.class, () -> new CascadeFaceDetector(bundled, 1.0, 5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new CascadeFaceDetector(bundled, 1.1, 0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new CascadeFaceDetector(bundled, 1.1, 5, 1.0));
    }

    @Test
    void res10DetectorReportsMissingEmptyAndInvalidModelFiles() throws IOException {
        Path prototxt = Files.writeString(dir.resolve("deploy.prototxt"), "hello world");
        Path model = dir.resolve("res10_300x300_ssd_iter_140000.caffemodel");
        Files.write(model, randomBytes(4096));
        Path missing = dir.resolve("missing.caffemodel");
        Path empty = Files.createFile(dir.resolve("empty.caffemodel"));

        NoSuchFileException gone = assertThrows(NoSuchFileException.class,
                () -> DnnFaceDetector.res10(prototxt, missing));
        assertEquals(missing.toString(), gone.getFile());
        assertOneLine(assertThrows(IOException.class, () -> DnnFaceDetector.res10(prototxt, empty)), empty);
        IOException invalid = assertThrows(IOException.class, () -> DnnFaceDetector.res10(prototxt, model));
        assertOneLine(invalid, prototxt);
        assertFalse(invalid.getMessage().contains(".cpp"), invalid.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnnFaceDetector.res10(prototxt, model, 1.5));
    }

    @Test
    void yunetDetectorReportsMissingAndInvalidModelFiles() throws IOException {
        Path missing = dir.resolve("face_detection_yunet_2023mar.onnx");
        assertThrows(NoSuchFileException.class, () -> YuNetFaceDetector.load(missing));
        Path junk = Files.write(dir.resolve("junk.onnx"), randomBytes(4096));
        IOException invalid = assertThrows(IOException.class, () -> YuNetFaceDetector.load(junk));
        assertOneLine(invalid, junk);
        assertFalse(invalid.getMessage().contains(".cpp"), invalid.getMessage());
        Path notOnnx = Files.write(dir.resolve("model.bin"), randomBytes(64));
        assertOneLine(assertThrows(IOException.class, () -> YuNetFaceDetector.load(notOnnx)), notOnnx);
    }

    @Test
    void openCvReasonDropsBuildPathsAndFunctionNames() {
        String message = "OpenCV(4.13.0) /home/runner/work/opencv/modules/dnn/src/dnn_read.cpp:58: error: "
                + "(-2:Unspecified error) Cannot determine an origin framework of files: x.bin in function 'readNet'\n";
        assertEquals("Cannot determine an origin framework of files: x.bin", ModelFiles.openCvReason(message));
        assertEquals("plain reason", ModelFiles.openCvReason("plain reason\nsecond line"));
        assertEquals("not a valid model file", ModelFiles.openCvReason(null));
    }

    static void assertInside(FaceBox f, Mat img) {
        assertTrue(f.x() >= 0 && f.y() >= 0 && f.x() + f.width() <= img.cols()
                && f.y() + f.height() <= img.rows(), f + " outside " + img.cols() + "x" + img.rows());
    }

    static void assertOneLine(IOException e, Path file) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains(file.toString()), m);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }
}
