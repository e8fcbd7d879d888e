package io.lvnet.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The detection field's frame- or video-level measures of scores against binary labels
 * (1 = fake): ROC AUC, the ROC curve, equal error rate, average precision and accuracy.
 * Ties are handled as scikit-learn does, so figures compare with Python evaluations. Scores
 * must be finite: a NaN has no rank, and a diverged network's NaN scores would otherwise come
 * out as a perfect (or perfectly wrong) AUC, depending only on the order of the samples.
 */
public final class BinaryMetrics {
    private final double[] scores;
    private final int[] labels;
    private final int positives;
    private final int negatives;

    /**
     * Scores and labels of the same length; both classes must occur.
     *
     * @throws NonFiniteScoresException when a score is NaN or infinite
     * @throws IllegalArgumentException when the lengths differ, a label is not 0 or 1, or a
     *     class is missing
     */
    public BinaryMetrics(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        requireFinite(scores);
        int pos = 0;
        for (int l : labels) {
            if (l != 0 && l != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + l);
            }
            pos += l;
        }
        if (pos == 0 || pos == labels.length) {
            throw new IllegalArgumentException("AUC needs both real and fake samples (" + pos + " fake of " + labels.length + ")");
        }
        this.scores = scores.clone();
        this.labels = labels.clone();
        this.positives = pos;
        this.negatives = labels.length - pos;
    }

    /** One point of the ROC curve: rates at scores >= threshold. */
    public record RocPoint(double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    /** Area under the ROC curve (Mann-Whitney, ties counted half). */
    public double auc() {
        Integer[] order = order();
        double rankSumPositives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSumPositives += averageRank;
                }
            }
            i = j + 1;
        }
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** The ROC curve from (0, 0) to (1, 1), one point per distinct score, thresholds descending. */
    public List<RocPoint> roc() {
        Integer[] order = order();
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0;
        int fp = 0;
        for (int i = order.length - 1; i >= 0; i--) {
            if (labels[order[i]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (i == 0 || scores[order[i - 1]] != scores[order[i]]) {
                points.add(new RocPoint(scores[order[i]], (double) fp / negatives, (double) tp / positives));
            }
        }
        return points;
    }

    /** Equal error rate: where the false positive rate equals the false negative rate, interpolated on the ROC. */
    public double equalErrorRate() {
        List<RocPoint> roc = roc();
        for (int i = 1; i < roc.size(); i++) {
            RocPoint a = roc.get(i - 1);
            RocPoint b = roc.get(i);
            double da = a.falsePositiveRate() - (1 - a.truePositiveRate());
            double db = b.falsePositiveRate() - (1 - b.truePositiveRate());
            if (da <= 0 && db >= 0) {
                double t = da == db ? 0 : da / (da - db);
                return a.falsePositiveRate() + t * (b.falsePositiveRate() - a.falsePositiveRate());
            }
        }
        return 0.5;
    }

    /** Average precision: the sum over thresholds of precision times the recall gained (scikit-learn's definition). */
    public double averagePrecision() {
        Integer[] order = order();
        double ap = 0;
        int tp = 0;
        int seen = 0;
        double lastRecall = 0;
        for (int i = order.length - 1; i >= 0; i--) {
            seen++;
            tp += labels[order[i]];
            if (i == 0 || scores[order[i - 1]] != scores[order[i]]) {
                double recall = (double) tp / positives;
                ap += (recall - lastRecall) * ((double) tp / seen);
                lastRecall = recall;
            }
        }
        return ap;
    }

    /** Fraction of samples whose label equals {@code score >= threshold}. */
    public double accuracy(double threshold) {
        int right = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((scores[i] >= threshold ? 1 : 0) == labels[i]) {
                right++;
            }
        }
        return (double) right / scores.length;
    }

    /**
     * Refuses scores that are NaN or infinite, which no ranking measure can use.
     *
     * @throws NonFiniteScoresException naming how many there are and the first one
     */
    public static void requireFinite(double[] scores) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            throw new NonFiniteScoresException(String.format(java.util.Locale.ROOT,
                    "%d of %d scores are not finite (the first, #%d, is %s): no AUC, EER or AP from"
                            + " NaN or infinite scores", bad, scores.length, first, scores[first]));
        }
    }

    /** Number of samples. */
    public int size() {
        return scores.length;
    }

    /** Indices sorted by ascending score (stable). */
    private Integer[] order() {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        return idx;
    }
}
