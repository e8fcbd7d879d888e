package io.lvnet.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Faces linked into people: by overlap, by appearance where boxes jump, and not across long gaps. */
class FaceTrackerTest {
    private static float[] look(long seed) {
        Random r = new Random(seed);
        byte[] rgb = new byte[32 * 32 * 3];
        r.nextBytes(rgb);
        return Appearance.of(rgb, 32);
    }

    private static FaceTracker.Sighting at(int x, int y, float[] look) {
        return new FaceTracker.Sighting(new int[] {x, y, 60, 60}, look);
    }

    @Test
    void twoPeopleKeepTheirNumbersWhateverOrderTheDetectorListsThem() {
        float[] a = look(1);
        float[] b = look(2);
        List<List<FaceTracker.Sighting>> frames = new ArrayList<>();
        for (int f = 0; f < 10; f++) {
            FaceTracker.Sighting left = at(20 + 3 * f, 40, a);
            FaceTracker.Sighting right = at(200 - 2 * f, 50 + f, b);
            frames.add(f % 2 == 0 ? List.of(left, right) : List.of(right, left));
        }
        List<int[]> people = FaceTracker.link(frames);
        for (int f = 0; f < 10; f++) {
            assertArrayEquals(f % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}, people.get(f), "frame " + f);
        }
    }

    @Test
    void aJumpingBoxIsFollowedByAppearanceAndANewcomerIsANewPerson() {
        float[] a = look(1);
        float[] b = look(2);
        float[] c = look(3);
        List<List<FaceTracker.Sighting>> frames = List.of(
                List.of(at(10, 10, a), at(200, 10, b)),
                List.of(at(12, 10, a), at(200, 12, b)),
                // a cut: both jump, each far from where either was
                List.of(at(400, 300, b), at(100, 300, a)),
                List.of(at(402, 300, b), at(100, 302, a), at(250, 150, c)));
        List<int[]> people = FaceTracker.link(frames);
        assertArrayEquals(new int[] {0, 1}, people.get(1));
        assertArrayEquals(new int[] {1, 0}, people.get(2));
        assertArrayEquals(new int[] {1, 0, 2}, people.get(3));
    }

    @Test
    void aPersonUnseenForLongerThanTheGapStartsAgain() {
        float[] a = look(1);
        List<List<FaceTracker.Sighting>> frames = new ArrayList<>();
        frames.add(List.of(at(10, 10, a)));
        for (int f = 0; f < FaceTracker.MAX_GAP; f++) {
            frames.add(List.of());
        }
        frames.add(List.of(at(10, 10, a))); // seen again exactly MAX_GAP frames later: the same person
        for (int f = 0; f <= FaceTracker.MAX_GAP; f++) {
            frames.add(List.of());
        }
        frames.add(List.of(at(10, 10, a))); // more than MAX_GAP frames later: a new track
        List<int[]> people = FaceTracker.link(frames);
        assertEquals(0, people.get(FaceTracker.MAX_GAP + 1)[0]);
        assertEquals(1, people.get(people.size() - 1)[0]);
    }

    @Test
    void overlapIsIntersectionOverUnion() {
        assertEquals(1.0, FaceTracker.iou(new int[] {0, 0, 10, 10}, new int[] {0, 0, 10, 10}), 1e-12);
        assertEquals(25.0 / 175.0, FaceTracker.iou(new int[] {0, 0, 10, 10}, new int[] {5, 5, 10, 10}), 1e-12);
        assertEquals(0.0, FaceTracker.iou(new int[] {0, 0, 10, 10}, new int[] {10, 0, 10, 10}), 1e-12);
    }
}
