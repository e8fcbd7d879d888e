package io.lvnet.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns BlazeFace's raw outputs into faces as MediaPipe's face detection graph does
 * ({@code TensorsToDetectionsCalculator}, then {@code NonMaxSuppressionCalculator} with the
 * weighted algorithm), in the coordinates of the model's input, [0, 1] on both axes.
 *
 * <p>Per anchor the model gives a score logit and 16 regressors: the box centre's offset from
 * the anchor, its width and height, then six keypoints' offsets, all in input pixels. Scores are clipped to [-100, 100] and squashed with the logistic function. Weighted
 * non-maximum suppression then replaces each cluster of boxes that overlap the cluster's best
 * box by more than IoU 0.3 with their score-weighted mean (keypoints too), scored as the best
 * box: steadier boxes than keeping one of them.
 */
final class BlazeFaceDecoder {
    /** Six keypoints: right eye, left eye, nose tip, mouth centre, right ear, left ear (the person's sides). */
    static final int KEYPOINTS = 6;
    /** Values per anchor: x, y, w, h, then (x, y) per keypoint. */
    static final int REGRESSORS = 4 + 2 * KEYPOINTS;
    /** MediaPipe's suppression threshold for face detection. */
    static final float NMS_IOU = 0.3f;

    private static final float SCORE_CLIP = 100f;

    private BlazeFaceDecoder() {
    }

    /**
     * A face in input coordinates.
     *
     * @param score probability that it is a face
     * @param coords {@code xmin, ymin, xmax, ymax}, then {@code x, y} of each keypoint
     */
    record Raw(float score, float[] coords) {
        float iou(Raw o) {
            float ix = Math.max(0, Math.min(coords[2], o.coords[2]) - Math.max(coords[0], o.coords[0]));
            float iy = Math.max(0, Math.min(coords[3], o.coords[3]) - Math.max(coords[1], o.coords[1]));
            float inter = ix * iy;
            float union = area() + o.area() - inter;
            return union <= 0 ? 0 : inter / union;
        }

        float area() {
            return Math.max(0, coords[2] - coords[0]) * Math.max(0, coords[3] - coords[1]);
        }
    }

    /**
     * The faces scoring at least {@code minScore}, after weighted suppression, best first.
     *
     * @param model the model that gave the outputs
     * @param regressors {@link BlazeFaceModel#anchorCount()} x {@link #REGRESSORS} values, anchor by anchor
     * @param logits one score logit per anchor
     */
    static List<Raw> decode(BlazeFaceModel model, float[] regressors, float[] logits, float minScore) {
        int count = model.anchorCount();
        if (logits.length != count || regressors.length != count * REGRESSORS) {
            throw new IllegalStateException("BlazeFace model gave " + logits.length + " scores and "
                    + regressors.length + " regressors, expected " + count + " and " + count * REGRESSORS);
        }
        float[] anchors = model.anchors();
        float scale = model.inputSize();
        List<Raw> candidates = new ArrayList<>();
        for (int a = 0; a < count; a++) {
            float logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, logits[a]));
            float score = (float) (1 / (1 + Math.exp(-logit)));
            if (score < minScore) {
                continue;
            }
            int r = a * REGRESSORS;
            float ax = anchors[2 * a];
            float ay = anchors[2 * a + 1];
            float cx = regressors[r] / scale + ax;
            float cy = regressors[r + 1] / scale + ay;
            float w = regressors[r + 2] / scale;
            float h = regressors[r + 3] / scale;
            float[] c = new float[REGRESSORS];
            c[0] = cx - w / 2;
            c[1] = cy - h / 2;
            c[2] = cx + w / 2;
            c[3] = cy + h / 2;
            for (int k = 0; k < KEYPOINTS; k++) {
                c[4 + 2 * k] = regressors[r + 4 + 2 * k] / scale + ax;
                c[5 + 2 * k] = regressors[r + 5 + 2 * k] / scale + ay;
            }
            if (w > 0 && h > 0) {
                candidates.add(new Raw(score, c));
            }
        }
        return weightedSuppression(candidates, NMS_IOU);
    }

    /** MediaPipe's weighted non-maximum suppression; the result is best first. */
    static List<Raw> weightedSuppression(List<Raw> detections, float iouThreshold) {
        List<Raw> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(Raw::score).reversed());
        List<Raw> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Raw best = remaining.get(0);
            List<Raw> rest = new ArrayList<>();
            float[] sum = new float[best.coords().length];
            float total = 0;
            for (Raw d : remaining) {
                if (d.iou(best) > iouThreshold || d == best) {
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += d.coords()[i] * d.score();
                    }
                    total += d.score();
                } else {
                    rest.add(d);
                }
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= total;
            }
            out.add(new Raw(best.score(), sum));
            remaining = rest;
        }
        return out;
    }
}
