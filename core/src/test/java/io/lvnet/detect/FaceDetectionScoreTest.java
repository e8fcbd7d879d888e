package io.lvnet.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.FaceBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceDetectionScoreTest {
    private static final FaceBox FACE = new FaceBox(100, 100, 100, 100);

    @Test
    void countsFoundFacesTheirIouDuplicatesAndFalseBoxes() {
        FaceDetectionScore score = new FaceDetectionScore();
        // a good box: found, IoU 0.81
        score.add(List.of(FACE), List.of(new FaceBox(105, 105, 90, 90, 1)), 2_000_000);
        // a box on an eye and a loose face box (IoU 0.44): not found, but the face got two boxes
        score.add(List.of(FACE), List.of(new FaceBox(120, 130, 20, 20, 1), new FaceBox(80, 80, 150, 150, 1)), 2_000_000);
        // nothing on the face, a box elsewhere
        score.add(List.of(FACE), List.of(new FaceBox(300, 300, 50, 50, 1)), 4_000_000);
        FaceDetectionScore.Summary s = score.summary();
        assertEquals(3, s.pictures());
        assertEquals(3, s.faces());
        assertEquals(1, s.found());
        assertEquals(1 / 3.0, s.foundRate(), 1e-12);
        assertEquals(1, s.duplicates());
        assertEquals(1, s.falseBoxes());
        assertEquals(4, s.boxes());
        assertEquals((0.81 + 10000.0 / 22500 + 0) / 3, s.meanIou(), 1e-9);
        assertEquals(3 / 0.008, s.facesPerSecond(), 1e-6);
        assertTrue(s.describe().contains("found 1 (33.33 %)"), s.describe());
    }

    @Test
    void matchesFacesToBoxesOneToOne() {
        FaceDetectionScore score = new FaceDetectionScore();
        FaceBox other = new FaceBox(400, 100, 100, 100);
        // one box between two faces cannot find both
        score.add(List.of(FACE, other), List.of(new FaceBox(100, 100, 100, 100, 1)), 1);
        score.add(List.of(FACE, other), List.of(new FaceBox(400, 100, 100, 100, 1), new FaceBox(100, 100, 100, 100, 1)), 1);
        FaceDetectionScore.Summary s = score.summary();
        assertEquals(3, s.found());
        assertEquals(0, s.duplicates());
        assertEquals(0, s.falseBoxes());
    }
}
