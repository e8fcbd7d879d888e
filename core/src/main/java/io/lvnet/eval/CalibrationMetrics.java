package io.lvnet.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How far predicted fake probabilities are from the rates at which faces turn out fake: the
 * expected calibration error over equal-width bins, the Brier score, the reliability diagram's
 * bins, and the true positive rate at a fixed false-positive rate.
 */
public final class CalibrationMetrics {
    /** Bins of the expected calibration error and the reliability diagram (the common choice since Guo et al.). */
    public static final int DEFAULT_BINS = 15;

    private CalibrationMetrics() {
    }

    /**
     * One bin of the reliability diagram.
     *
     * @param from the bin's lower edge (included)
     * @param to its upper edge (excluded, but 1 is in the last bin)
     * @param count faces whose probability falls in it
     * @param meanProbability their mean predicted probability (NaN when empty)
     * @param fakeRate the share of them that are fake (NaN when empty)
     */
    public record Bin(double from, double to, int count, double meanProbability, double fakeRate) {
    }

    /** Equal-width bins of [0, 1] with the faces whose probability falls in each. */
    public static List<Bin> reliability(double[] probabilities, int[] labels, int bins) {
        check(probabilities, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1");
        }
        int[] count = new int[bins];
        double[] sumP = new double[bins];
        int[] fakes = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int b = Math.min(bins - 1, (int) Math.floor(probabilities[i] * bins));
            count[b]++;
            sumP[b] += probabilities[i];
            fakes[b] += labels[i];
        }
        List<Bin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            out.add(new Bin((double) b / bins, (double) (b + 1) / bins, count[b],
                    count[b] == 0 ? Double.NaN : sumP[b] / count[b], count[b] == 0 ? Double.NaN : (double) fakes[b] / count[b]));
        }
        return out;
    }

    /**
     * Expected calibration error: the mean over bins, weighted by their share of faces, of
     * |mean predicted probability - share of fakes|.
     */
    public static double expectedCalibrationError(double[] probabilities, int[] labels, int bins) {
        double sum = 0;
        for (Bin b : reliability(probabilities, labels, bins)) {
            if (b.count() > 0) {
                sum += b.count() * Math.abs(b.meanProbability() - b.fakeRate());
            }
        }
        return sum / probabilities.length;
    }

    /** {@link #expectedCalibrationError(double[], int[], int)} over {@value #DEFAULT_BINS} bins. */
    public static double expectedCalibrationError(double[] probabilities, int[] labels) {
        return expectedCalibrationError(probabilities, labels, DEFAULT_BINS);
    }

    /** Brier score: the mean squared difference between probability and label. */
    public static double brier(double[] probabilities, int[] labels) {
        check(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - labels[i];
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    /**
     * The highest share of fakes found by any threshold that calls at most {@code falsePositiveRate}
     * of the real faces fake (read off the ROC, no interpolation).
     */
    public static double truePositiveRateAt(double[] scores, int[] labels, double falsePositiveRate) {
        double best = 0;
        for (BinaryMetrics.RocPoint r : new BinaryMetrics(scores, labels).roc()) {
            if (r.falsePositiveRate() <= falsePositiveRate) {
                best = Math.max(best, r.truePositiveRate());
            }
        }
        return best;
    }

    private static void check(double[] p, int[] y) {
        if (p.length != y.length || p.length == 0) {
            throw new IllegalArgumentException(p.length + " probabilities for " + y.length + " labels");
        }
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("probability " + i + " is " + p[i] + ", not in [0, 1]");
            }
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + y[i]);
            }
        }
    }
}
