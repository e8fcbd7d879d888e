package io.lvnet.landmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predictor against dlib 19.24 itself, given dlib's boxes (goldens README, "Facial landmarks"). */
class ShapePredictorParityTest {

    @Test
    void everyGoldenFaceMatchesDlibWithinAPixel() {
        ShapePredictor model = LandmarkGoldens.model();
        assertEquals(68, model.parts());
        List<LandmarkGoldens.Face> faces = LandmarkGoldens.faces();
        assertEquals(11, faces.size(), "faces in dlib_landmarks.jsonl");
        Map<String, GrayImage> images = new HashMap<>();
        StringBuilder report = new StringBuilder();
        double worstMean = 0;
        double worst = 0;
        for (LandmarkGoldens.Face f : faces) {
            GrayImage image = images.computeIfAbsent(f.image(), LandmarkGoldens::gray);
            long[] b = f.box();
            Landmarks got = model.predict(image, b[0], b[1], b[2], b[3]);
            assertEquals(68, got.size());
            double sum = 0;
            double max = 0;
            for (int i = 0; i < 68; i++) {
                double d = Math.hypot(got.x(i) - f.points()[i][0], got.y(i) - f.points()[i][1]);
                sum += d;
                max = Math.max(max, d);
            }
            double mean = sum / 68;
            report.append(String.format(Locale.ROOT, "%s (%s): max %.3f mean %.3f%n", f.image(), f.boxesFrom(), max, mean));
            worst = Math.max(worst, max);
            worstMean = Math.max(worstMean, mean);
        }
        System.out.print(report);
        assertTrue(worst <= 1.0, "a point is more than a pixel from dlib's:\n" + report);
        assertTrue(worstMean <= 0.3, "mean distance over 0.3 px:\n" + report);
    }
}
