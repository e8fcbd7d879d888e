package io.lvnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OverlapSuppressionTest {
    private static final OverlapSuppression RULES = OverlapSuppression.DEFAULT;

    @Test
    void twoOverlappingBoxesOfOneFaceBecomeTheBetterOne() {
        FaceBox weaker = new FaceBox(100, 100, 80, 80, 0.7);
        FaceBox better = new FaceBox(110, 104, 82, 82, 0.9);
        assertTrue(weaker.iou(better) > 0.3, "the test needs an IoU above the threshold: " + weaker.iou(better));
        assertEquals(List.of(better), RULES.apply(List.of(weaker, better)));
        assertEquals(List.of(better), RULES.apply(List.of(better, weaker)));
    }

    @Test
    void messi5SmallBoxInsideTheFaceBoxGoesAndTheFaceBoxStays() {
        // OpenCV's cascade on messi5.jpg: a false box half inside the face box, IoU 0.09
        FaceBox small = new FaceBox(224, 93, 39, 39, 7);
        FaceBox face = new FaceBox(244, 62, 85, 85, 5);
        assertTrue(small.iou(face) < 0.1);
        List<FaceBox> kept = RULES.apply(List.of(small, face));
        assertEquals(1, kept.size(), kept.toString());
        FaceBox k = kept.get(0);
        assertEquals(List.of(244, 62, 85, 85), List.of(k.x(), k.y(), k.width(), k.height()));
        // the face box takes over the better score of the box it swallowed
        assertEquals(7, k.score());
    }

    @Test
    void aSmallBoxWhollyInsideALargerOneGoesWhateverTheScores() {
        FaceBox eye = new FaceBox(130, 120, 20, 20, 0.99);
        FaceBox face = new FaceBox(100, 100, 100, 100, 0.6);
        List<FaceBox> kept = RULES.apply(List.of(eye, face));
        assertEquals(1, kept.size());
        assertEquals(100, kept.get(0).width());
    }

    @Test
    void facesSideBySideAndApartStaySeparateBestFirst() {
        // cheek to cheek: the boxes overlap by a tenth of each
        FaceBox left = new FaceBox(100, 100, 100, 100, 0.8);
        FaceBox right = new FaceBox(190, 105, 100, 100, 0.95);
        FaceBox far = new FaceBox(400, 50, 40, 40, 0.7);
        assertEquals(List.of(right, left, far), RULES.apply(List.of(far, left, right)));
        assertEquals(List.of(), RULES.apply(List.of()));
    }

    @Test
    void keepsWhatADetectionCarriesBesidesItsBox() {
        record Face(FaceBox box, String keypoints) {
        }
        Face part = new Face(new FaceBox(130, 120, 20, 20, 0.99), "part");
        Face whole = new Face(new FaceBox(100, 100, 100, 100, 0.6), "whole");
        List<Face> kept = RULES.apply(List.of(part, whole), Face::box,
                (f, score) -> new Face(new FaceBox(f.box().x(), f.box().y(), f.box().width(), f.box().height(), score),
                        f.keypoints()));
        assertEquals(1, kept.size());
        assertEquals("whole", kept.get(0).keypoints());
        assertEquals(0.99, kept.get(0).box().score());
    }

    @Test
    void containedShareIsTheSmallerBoxsShareInsideTheLarger() {
        assertEquals(741.0 / 1521, OverlapSuppression.containedShare(new FaceBox(224, 93, 39, 39),
                new FaceBox(244, 62, 85, 85)), 1e-12);
        assertEquals(1.0, OverlapSuppression.containedShare(new FaceBox(10, 10, 5, 5), new FaceBox(0, 0, 50, 50)));
        assertEquals(0.0, OverlapSuppression.containedShare(new FaceBox(0, 0, 5, 5), new FaceBox(5, 5, 5, 5)));
        assertArrayEquals(new double[] {0.3, 0.4}, new double[] {RULES.iouThreshold(), RULES.containmentThreshold()});
    }

    @Test
    void thresholdsOutsideTheUnitIntervalAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OverlapSuppression(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new OverlapSuppression(0.3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new OverlapSuppression(Double.NaN, 0.5));
    }
}
