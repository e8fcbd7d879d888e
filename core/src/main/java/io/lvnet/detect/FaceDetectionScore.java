package io.lvnet.detect;

import io.lvnet.data.FaceBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well a face detector's boxes match the true faces of pictures, added up picture by
 * picture. Not thread-safe.
 *
 * <p>Per picture: a true face is <em>found</em> when a box not yet matched to another face has
 * IoU {@value #FOUND_IOU} or more with it (faces matched greedily, best IoU first). A box
 * <em>lies on</em> a face when their IoU is at least {@value #ON_FACE_IOU} or at least half the
 * box is inside the face box (a box on an eye or a cheek lies on the face too); each box counts
 * for the face it overlaps most. A face with two or more boxes on it is a <em>duplicate</em>; a
 * box on no face is a <em>false box</em>. The IoU of a face is that of its best box (0 if none).
 */
public final class FaceDetectionScore {
    /** IoU with the true box from which a face counts as found. */
    public static final double FOUND_IOU = 0.5;
    /** IoU from which a box lies on a face. */
    public static final double ON_FACE_IOU = 0.3;

    private int pictures;
    private int faces;
    private int found;
    private int duplicates;
    private int falseBoxes;
    private int boxes;
    private double iouSum;
    private long nanos;

    /**
     * Adds one picture.
     *
     * @param truth the picture's faces
     * @param detected the detector's boxes
     * @param detectNanos how long the detector took on it
     */
    public void add(List<FaceBox> truth, List<FaceBox> detected, long detectNanos) {
        pictures++;
        faces += truth.size();
        boxes += detected.size();
        nanos += detectNanos;
        int[] onFace = new int[truth.size()];
        for (FaceBox b : detected) {
            int best = -1;
            double bestIou = -1;
            for (int t = 0; t < truth.size(); t++) {
                double iou = b.iou(truth.get(t));
                if ((iou >= ON_FACE_IOU || insideShare(b, truth.get(t)) >= 0.5) && iou > bestIou) {
                    best = t;
                    bestIou = iou;
                }
            }
            if (best < 0) {
                falseBoxes++;
            } else {
                onFace[best]++;
            }
        }
        for (int n : onFace) {
            duplicates += n >= 2 ? 1 : 0;
        }
        for (FaceBox t : truth) {
            iouSum += detected.stream().mapToDouble(t::iou).max().orElse(0);
        }
        found += matched(truth, detected);
    }

    /** Faces matched one to one with boxes at IoU {@value #FOUND_IOU} or more, best pairs first. */
    private static int matched(List<FaceBox> truth, List<FaceBox> detected) {
        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < truth.size(); t++) {
            for (int d = 0; d < detected.size(); d++) {
                double iou = truth.get(t).iou(detected.get(d));
                if (iou >= FOUND_IOU) {
                    pairs.add(new double[] {iou, t, d});
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b[0], a[0]));
        boolean[] faceUsed = new boolean[truth.size()];
        boolean[] boxUsed = new boolean[detected.size()];
        int n = 0;
        for (double[] p : pairs) {
            int t = (int) p[1];
            int d = (int) p[2];
            if (!faceUsed[t] && !boxUsed[d]) {
                faceUsed[t] = true;
                boxUsed[d] = true;
                n++;
            }
        }
        return n;
    }

    /** The share of {@code box} inside {@code face}. */
    private static double insideShare(FaceBox box, FaceBox face) {
        long ix = Math.max(0, Math.min(box.x() + box.width(), face.x() + face.width()) - Math.max(box.x(), face.x()));
        long iy = Math.max(0, Math.min(box.y() + box.height(), face.y() + face.height()) - Math.max(box.y(), face.y()));
        return (double) (ix * iy) / box.area();
    }

    /** The totals so far. */
    public Summary summary() {
        double seconds = nanos / 1e9;
        return new Summary(pictures, faces, found, faces == 0 ? 0 : (double) found / faces, faces == 0 ? 0 : iouSum / faces,
                duplicates, falseBoxes, boxes, seconds > 0 ? pictures / seconds : 0, seconds > 0 ? faces / seconds : 0);
    }

    /**
     * A detector's figures.
     *
     * @param pictures pictures scanned
     * @param faces true faces in them
     * @param found faces found (IoU {@value #FOUND_IOU} or more)
     * @param foundRate {@code found / faces}
     * @param meanIou mean IoU of each face's best box, 0 for a face without one
     * @param duplicates faces with two or more boxes on them
     * @param falseBoxes boxes on no face
     * @param boxes all boxes reported
     * @param picturesPerSecond pictures per second of detection (image decoding not counted)
     * @param facesPerSecond true faces per second of detection
     */
    public record Summary(int pictures, int faces, int found, double foundRate, double meanIou, int duplicates,
            int falseBoxes, int boxes, double picturesPerSecond, double facesPerSecond) {
        /** One line for people. */
        public String describe() {
            return String.format(Locale.ROOT, "%d pictures, %d faces: found %d (%.2f %%) at IoU %.1f, mean IoU %.3f, "
                    + "%d faces with two boxes, %d false boxes; %.1f faces/s", pictures, faces, found, 100 * foundRate,
                    FOUND_IOU, meanIou, duplicates, falseBoxes, facesPerSecond);
        }
    }
}
