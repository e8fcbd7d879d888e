package io.lvnet.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.OpenCvImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class AugmentationBenchmarkTest {
    @Test
    void aShortRunCountsItsSamples() throws IOException {
        byte[] composite = AugmentationBenchmark.syntheticComposite(60, 1);
        AugmentationBenchmark.Result result =
                AugmentationBenchmark.run(composite, AugmentationRecipe.reference(50), 2, 20, 0);
        assertEquals(20, result.samples());
        assertEquals(2, result.threads());
        assertTrue(result.samplesPerSecond() > 0);
    }

    @Test
    void compositesAreThreeFacesWide() throws IOException {
        byte[] picture = Files.readAllBytes(Path.of("..", "shared", "goldens", "resize_source.png"));
        for (byte[] png : new byte[][] {AugmentationBenchmark.syntheticComposite(40, 2),
                AugmentationBenchmark.compositeAround(picture, 40)}) {
            try (Mat decoded = OpenCvImages.decodeBgr(png, "composite")) {
                assertEquals(40, decoded.rows());
                assertEquals(120, decoded.cols());
            }
        }
    }
}
