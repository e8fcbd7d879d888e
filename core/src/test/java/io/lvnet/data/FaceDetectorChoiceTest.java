package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceDetectorChoiceTest {
    @Test
    void theDefaultIsBothBlazeFaceModels() throws IOException {
        assertEquals(FaceDetectorChoice.Kind.BLAZEFACE, FaceDetectorChoice.DEFAULT.kind());
        try (FaceDetector d = FaceDetectorChoice.DEFAULT.open()) {
            assertInstanceOf(TwoStageBlazeFace.class, d);
        }
        try (FaceDetector d = new PerThreadFaceDetectors().get()) {
            assertInstanceOf(TwoStageBlazeFace.class, d);
        }
    }

    @Test
    void bundledDetectorsByName() throws IOException {
        assertEquals(FaceDetectorChoice.Kind.HAAR, FaceDetectorChoice.Kind.bundled("Haar"));
        assertEquals(FaceDetectorChoice.Kind.BLAZEFACE_SHORT, FaceDetectorChoice.Kind.bundled("blazeface-short"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaceDetectorChoice.Kind.bundled("yunet"));
        assertTrue(e.getMessage().contains("blazeface, blazeface-short, haar"), e.getMessage());
        try (FaceDetector d = FaceDetectorChoice.bundled(FaceDetectorChoice.Kind.HAAR).open()) {
            assertInstanceOf(CascadeFaceDetector.class, d);
        }
        try (FaceDetector d = FaceDetectorChoice.bundled(FaceDetectorChoice.Kind.BLAZEFACE_SHORT).open()) {
            assertInstanceOf(BlazeFaceDetector.class, d);
        }
        assertTrue(FaceDetectorChoice.DEFAULT.describe().contains("BlazeFace"));
    }

    @Test
    void modelFilesNameYunetOrRes10() {
        FaceDetectorChoice yunet = FaceDetectorChoice.files(List.of(Path.of("face_detection_yunet_2023mar.onnx")));
        assertEquals(FaceDetectorChoice.Kind.YUNET, yunet.kind());
        assertTrue(yunet.describe().endsWith("face_detection_yunet_2023mar.onnx"), yunet.describe());
        assertEquals(FaceDetectorChoice.Kind.RES10,
                FaceDetectorChoice.files(List.of(Path.of("deploy.prototxt"), Path.of("res10.caffemodel"))).kind());
        assertThrows(IllegalArgumentException.class, () -> FaceDetectorChoice.files(List.of(Path.of("model.bin"))));
        assertThrows(IllegalArgumentException.class, () -> FaceDetectorChoice.files(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new FaceDetectorChoice(FaceDetectorChoice.Kind.HAAR, List.of(Path.of("x.onnx"))));
        assertThrows(NoSuchFileException.class, () -> FaceDetectorChoice.files(List.of(Path.of("missing.onnx"))).open());
    }
}
