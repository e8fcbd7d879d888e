package io.lvnet.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One box per face: merges a detector's overlapping boxes, which would otherwise make one
 * face two (two crops, two scores, landmarks fitted in the wrong box).
 *
 * <p>Two rules, in this order:
 * <ol>
 * <li>Non-maximum suppression: of two boxes whose intersection over union exceeds
 *     {@link #iouThreshold()}, the one with the lower score goes (ties: the smaller one).
 * <li>Containment: a box lying mostly inside a larger one (their intersection over the
 *     smaller box's area exceeds {@link #containmentThreshold()}) goes, and the larger box
 *     keeps the better of the two scores. IoU misses this case, as a small box inside a large
 *     one has a small IoU with it: OpenCV's cascade finds {@code [224,93,39,39]} and
 *     {@code [244,62,85,85]} for the one face of its sample photo {@code messi5.jpg}, IoU 0.09,
 *     but half the small box lies in the face box. A false box on a part of a face (an eye, a
 *     cheek) is smaller than the face, so the larger box is the one kept.
 * </ol>
 * Faces of different people overlap little, even cheek to cheek, so neither rule merges them
 * at the default thresholds.
 *
 * @param iouThreshold IoU above which the lower-scored box goes, in (0, 1]
 * @param containmentThreshold share of the smaller box inside the larger above which the
 *     smaller goes, in (0, 1]; 1 turns the rule off
 */
public record OverlapSuppression(double iouThreshold, double containmentThreshold) {
    /**
     * What every detector of this package applies: IoU 0.3 (the suppression threshold of
     * MediaPipe's and OpenCV's face detectors) and containment 0.4, which merges the messi5
     * pair (0.49 of the small box inside) with room to spare.
     */
    public static final OverlapSuppression DEFAULT = new OverlapSuppression(0.3, 0.4);

    public OverlapSuppression {
        if (!(iouThreshold > 0 && iouThreshold <= 1) || !(containmentThreshold > 0 && containmentThreshold <= 1)) {
            throw new IllegalArgumentException("thresholds must be in (0, 1], got IoU " + iouThreshold
                    + ", containment " + containmentThreshold);
        }
    }

    /** The boxes left after both rules, best first ({@link Detections#BEST_FIRST}). */
    public List<FaceBox> apply(List<FaceBox> boxes) {
        return apply(boxes, Function.identity(), (kept, score) -> new FaceBox(kept.x(), kept.y(), kept.width(),
                kept.height(), score));
    }

    /**
     * Both rules on detections that carry more than a box (keypoints, say).
     *
     * @param box a detection's box
     * @param rescore the detection with another score, for a box that takes over the better
     *     score of a box it swallowed
     * @return the detections kept, best first
     */
    public <T> List<T> apply(List<T> detections, Function<T, FaceBox> box, Rescore<T> rescore) {
        Comparator<T> bestFirst = Comparator.comparing(box, Detections.BEST_FIRST);
        List<T> byScore = new ArrayList<>(detections);
        byScore.sort(bestFirst);
        List<T> survivors = new ArrayList<>();
        for (T d : byScore) {
            FaceBox b = box.apply(d);
            if (survivors.stream().noneMatch(s -> box.apply(s).iou(b) > iouThreshold)) {
                survivors.add(d);
            }
        }
        // largest first, so that a box meets every larger box before it could swallow a smaller one
        survivors.sort(Comparator.comparing(box, Comparator.comparingLong(FaceBox::area).reversed()));
        List<T> kept = new ArrayList<>();
        for (T d : survivors) {
            FaceBox b = box.apply(d);
            int host = -1;
            for (int i = 0; i < kept.size() && host < 0; i++) {
                if (containedShare(b, box.apply(kept.get(i))) > containmentThreshold) {
                    host = i;
                }
            }
            if (host < 0) {
                kept.add(d);
            } else if (b.score() > box.apply(kept.get(host)).score()) {
                kept.set(host, rescore.withScore(kept.get(host), b.score()));
            }
        }
        kept.sort(bestFirst);
        return List.copyOf(kept);
    }

    /** The share of {@code small}'s area that lies inside {@code large}. */
    static double containedShare(FaceBox small, FaceBox large) {
        long ix = Math.max(0, Math.min(small.x() + small.width(), large.x() + large.width()) - Math.max(small.x(), large.x()));
        long iy = Math.max(0, Math.min(small.y() + small.height(), large.y() + large.height()) - Math.max(small.y(), large.y()));
        return (double) (ix * iy) / small.area();
    }

    /** A detection with its score replaced. */
    @FunctionalInterface
    public interface Rescore<T> {
        /** {@code detection} with score {@code score}, all else the same. */
        T withScore(T detection, double score);
    }
}
