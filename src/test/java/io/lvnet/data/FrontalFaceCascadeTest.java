package io.lvnet.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class FrontalFaceCascadeTest {
    @Test
    void aCascadeMadeInsideAPointerScopeOutlivesTheScope() {
        FrontalFaceCascade cascade;
        try (PointerScope scope = new PointerScope()) {
            cascade = new FrontalFaceCascade();
        }
        try (Mat grey = new Mat(120, 120, CV_8UC3, new Scalar(128, 128, 128, 0))) {
            assertTrue(cascade.detect(grey, 24).isEmpty());
        } finally {
            cascade.close();
        }
    }
}
