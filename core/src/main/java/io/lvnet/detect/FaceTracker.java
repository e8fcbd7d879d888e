package io.lvnet.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Links the faces of a video's sampled frames into people. A face continues the track whose last
 * box it overlaps most (intersection over union at least {@link #MIN_IOU}); where boxes jump
 * (a cut, fast motion, sparse sampling), a face still unmatched continues the unmatched track it
 * looks most like ({@link #MIN_APPEARANCE}), if that track was seen within {@link #MAX_GAP}
 * sampled frames. Anything else starts a new person. Matching is greedy, best pair first, and
 * each track takes at most one face per frame.
 */
public final class FaceTracker {
    /** The least box overlap that continues a track. */
    static final double MIN_IOU = 0.3;
    /** The least appearance similarity (cosine of {@link Appearance} signatures) that continues a track whose box jumped. */
    static final double MIN_APPEARANCE = 0.85;
    /** Sampled frames a track may go unseen and still be continued. */
    static final int MAX_GAP = 8;

    /** One face to link: its box and appearance. */
    public record Sighting(int[] box, float[] appearance) {
    }

    private static final class Track {
        final int id;
        int[] box;
        float[] appearance;
        int lastFrame;

        Track(int id, Sighting s, int frame) {
            this.id = id;
            update(s, frame);
        }

        void update(Sighting s, int frame) {
            box = s.box();
            appearance = s.appearance();
            lastFrame = frame;
        }
    }

    private FaceTracker() {
    }

    /**
     * @param frames each sampled frame's faces, in frame order
     * @return for each frame, each face's person (0, 1, 2, ... in order of first appearance)
     */
    public static List<int[]> link(List<List<Sighting>> frames) {
        List<Track> tracks = new ArrayList<>();
        List<int[]> people = new ArrayList<>(frames.size());
        for (int f = 0; f < frames.size(); f++) {
            List<Sighting> faces = frames.get(f);
            int[] person = new int[faces.size()];
            java.util.Arrays.fill(person, -1);
            boolean[] taken = new boolean[tracks.size()];
            int frame = f;
            List<Track> live = tracks.stream().filter(t -> frame - t.lastFrame - 1 <= MAX_GAP).toList();
            match(faces, live, tracks, person, taken, true, f);
            match(faces, live, tracks, person, taken, false, f);
            for (int i = 0; i < faces.size(); i++) {
                if (person[i] < 0) {
                    Track t = new Track(tracks.size(), faces.get(i), f);
                    tracks.add(t);
                    person[i] = t.id;
                }
            }
            people.add(person);
        }
        return people;
    }

    /** Greedy matching of the faces still unmatched to the live tracks not yet taken in this frame. */
    private static void match(List<Sighting> faces, List<Track> live, List<Track> all, int[] person, boolean[] taken,
            boolean byOverlap, int frame) {
        while (true) {
            double best = byOverlap ? MIN_IOU : MIN_APPEARANCE;
            int bestFace = -1;
            Track bestTrack = null;
            for (int i = 0; i < faces.size(); i++) {
                if (person[i] >= 0) {
                    continue;
                }
                for (Track t : live) {
                    if (taken[t.id]) {
                        continue;
                    }
                    double s = byOverlap ? iou(faces.get(i).box(), t.box)
                            : Appearance.similarity(faces.get(i).appearance(), t.appearance);
                    if (s >= best) {
                        best = s;
                        bestFace = i;
                        bestTrack = t;
                    }
                }
            }
            if (bestTrack == null) {
                return;
            }
            person[bestFace] = bestTrack.id;
            taken[bestTrack.id] = true;
            bestTrack.update(faces.get(bestFace), frame);
        }
    }

    /** Intersection over union of two x, y, width, height boxes. */
    static double iou(int[] a, int[] b) {
        long w = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
        long h = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
        double inter = (double) w * h;
        double union = (double) a[2] * a[3] + (double) b[2] * b[3] - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
