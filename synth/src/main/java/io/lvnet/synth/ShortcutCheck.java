package io.lvnet.synth;

import io.lvnet.data.Raster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a dataset can be solved without looking at faces. Trivial classifiers see only
 * global statistics of a frame: its mean colour (B, G, R) and its high-frequency energy (the
 * mean absolute Laplacian of the grey image). If any of them, alone or combined by logistic
 * regression, separates real from fake well, a detector could learn that shortcut instead of
 * forgery traces. A good synthetic dataset keeps every such AUC near 0.5.
 */
public final class ShortcutCheck {
    /** Names of the features, in the order {@link #features} returns them. */
    public static final List<String> FEATURES = List.of("mean_blue", "mean_green", "mean_red", "high_frequency");

    private ShortcutCheck() {
    }

    /**
     * The global features of a BGR frame.
     *
     * @return mean B, mean G, mean R (0..255), mean absolute 4-neighbour Laplacian of the grey
     *     image
     */
    public static double[] features(Raster bgr) {
        int w = bgr.width();
        int h = bgr.height();
        byte[] d = bgr.data();
        double[] sum = new double[3];
        float[] grey = new float[w * h];
        for (int p = 0; p < w * h; p++) {
            int b = d[3 * p] & 0xff;
            int g = d[3 * p + 1] & 0xff;
            int r = d[3 * p + 2] & 0xff;
            sum[0] += b;
            sum[1] += g;
            sum[2] += r;
            grey[p] = 0.114f * b + 0.587f * g + 0.299f * r;
        }
        double lap = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                lap += Math.abs(4 * grey[p] - grey[p - 1] - grey[p + 1] - grey[p - w] - grey[p + w]);
            }
        }
        int n = w * h;
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n, lap / Math.max(1, (w - 2) * (h - 2))};
    }

    /**
     * How well the trivial classifiers do.
     *
     * @param featureAuc each feature's AUC as a score, taken in its better direction
     *     ({@code max(auc, 1 - auc)})
     * @param combinedAuc the AUC of a logistic regression on all features, fitted and scored on
     *     the same frames (optimistic, so an upper bound for this check)
     * @param real real frames seen
     * @param fake fake frames seen
     */
    public record Result(Map<String, Double> featureAuc, double combinedAuc, int real, int fake) {
        /** The best of all AUCs. */
        public double maxAuc() {
            return Math.max(combinedAuc, featureAuc.values().stream().mapToDouble(Double::doubleValue).max().orElse(0.5));
        }
    }

    /**
     * Scores the trivial classifiers.
     *
     * @param features one {@link #features} row per frame, in a fixed order (the fit is
     *     deterministic for a given order)
     * @param labels 0 real, 1 fake, per frame
     */
    public static Result evaluate(List<double[]> features, int[] labels) {
        int n = features.size();
        int k = FEATURES.size();
        Map<String, Double> per = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = features.get(i)[j];
            }
            double a = auc(s, labels);
            per.put(FEATURES.get(j), Math.max(a, 1 - a));
        }
        double[] scores = logistic(features, labels);
        int fake = 0;
        for (int l : labels) {
            fake += l;
        }
        return new Result(per, auc(scores, labels), n - fake, fake);
    }

    /**
     * Area under the ROC curve (ties count one half): the chance a random fake outscores a random
     * real frame. Scores must be finite ({@link io.lvnet.eval.BinaryMetrics#requireFinite}).
     */
    public static double auc(double[] scores, int[] labels) {
        io.lvnet.eval.BinaryMetrics.requireFinite(scores);
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long pos = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                if (labels[order[t]] == 1) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            return 0.5;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    /** Scores from a class-balanced logistic regression on standardised features (gradient descent, fixed steps). */
    private static double[] logistic(List<double[]> features, int[] labels) {
        int n = features.size();
        int k = FEATURES.size();
        double[] mean = new double[k];
        double[] sd = new double[k];
        for (double[] f : features) {
            for (int j = 0; j < k; j++) {
                mean[j] += f[j] / n;
            }
        }
        for (double[] f : features) {
            for (int j = 0; j < k; j++) {
                sd[j] += (f[j] - mean[j]) * (f[j] - mean[j]) / n;
            }
        }
        double[][] x = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                x[i][j] = (features.get(i)[j] - mean[j]) / Math.max(1e-9, Math.sqrt(sd[j]));
            }
        }
        int pos = 0;
        for (int l : labels) {
            pos += l;
        }
        double wPos = pos == 0 ? 0 : 0.5 / pos;
        double wNeg = pos == n ? 0 : 0.5 / (n - pos);
        double[] beta = new double[k + 1];
        for (int step = 0; step < 500; step++) {
            double[] grad = new double[k + 1];
            for (int i = 0; i < n; i++) {
                double z = beta[k];
                for (int j = 0; j < k; j++) {
                    z += beta[j] * x[i][j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double e = (p - labels[i]) * (labels[i] == 1 ? wPos : wNeg);
                for (int j = 0; j < k; j++) {
                    grad[j] += e * x[i][j];
                }
                grad[k] += e;
            }
            for (int j = 0; j <= k; j++) {
                beta[j] -= 2.0 * grad[j];
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double z = beta[k];
            for (int j = 0; j < k; j++) {
                z += beta[j] * x[i][j];
            }
            s[i] = z;
        }
        return s;
    }
}
