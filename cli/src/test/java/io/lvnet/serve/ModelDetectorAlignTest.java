package io.lvnet.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.detect.FaceResult;
import io.lvnet.detect.LvNetModel;
import io.lvnet.landmarks.FaceAligner;
import io.lvnet.landmarks.LandmarkGoldens;
import io.lvnet.model.LvNetConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code serve --align}: the service crops found faces aligned, and says how its input maps back onto the upload. */
class ModelDetectorAlignTest {
    @Test
    void alignedServiceTurnsTheFaceAndKeepsTheDetectorsBox() throws Exception {
        Path photo = LandmarkGoldens.image("photo_rot12.png");
        DetectOptions options = DetectOptions.parse("", ServeLimits.defaults());
        try (LvNetModel model = LvNetModel.create(LvNetConfig.compact())) {
            FaceResult box = new ModelDetector(model, 8).detect(photo, "photo.png", options).files().get(0).faces().get(0);
            FaceResult aligned = new ModelDetector(model, 8).withAlignment(new FaceAligner(LandmarkGoldens.model()))
                    .detect(photo, "photo.png", options).files().get(0).faces().get(0);
            assertArrayEquals(box.box(), aligned.box());
            assertEquals(0.0, box.inputToImage()[1], 1e-12, "a box crop is not turned");
            double[] m = aligned.inputToImage();
            double degrees = Math.toDegrees(Math.atan2(m[3], m[0]));
            assertTrue(Math.abs(degrees) > 8 && Math.abs(degrees) < 16, "turned by " + degrees + " degrees, the photo by 12");
        }
    }
}
