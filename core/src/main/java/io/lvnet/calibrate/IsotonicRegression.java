package io.lvnet.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Isotonic regression (Zadrozny and Elkan 2002): the non-decreasing function of a score that is
 * closest, in squared error, to the labels, found by pooling adjacent violators. Samples with
 * equal scores are pooled first (as scikit-learn does), and blocks of equal value are merged,
 * so the blocks' values strictly increase. The fitted function runs linearly between the
 * blocks' centres (each block's mean score), where scikit-learn's is flat inside a block: that
 * keeps it strictly increasing between the first and the last centre, and flat (the end
 * blocks' values) beyond them.
 */
public final class IsotonicRegression {
    private final double[] knotX;
    private final double[] knotY;

    private IsotonicRegression(double[] knotX, double[] knotY) {
        this.knotX = knotX;
        this.knotY = knotY;
    }

    /**
     * Fits {@code y} (e.g. labels 0/1) as a non-decreasing function of {@code x}.
     *
     * @throws IllegalArgumentException for no samples, unequal lengths or values that are not finite
     */
    public static IsotonicRegression fit(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(x.length + " scores for " + y.length + " targets");
        }
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("isotonic regression needs finite values (sample " + i + ")");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        // blocks as parallel lists: weight, sum of y, sum of x
        List<double[]> blocks = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            double[] last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
            if (last != null && x[order[k - 1]] == x[i]) {
                // equal scores are one sample: no function can tell them apart
                last[0] += 1;
                last[1] += y[i];
                last[2] += x[i];
            } else {
                blocks.add(new double[] {1, y[i], x[i]});
            }
            while (blocks.size() > 1) {
                double[] b = blocks.get(blocks.size() - 1);
                double[] a = blocks.get(blocks.size() - 2);
                if (a[1] / a[0] < b[1] / b[0]) {
                    break;
                }
                a[0] += b[0];
                a[1] += b[1];
                a[2] += b[2];
                blocks.remove(blocks.size() - 1);
            }
        }
        double[] kx = new double[blocks.size()];
        double[] ky = new double[blocks.size()];
        for (int b = 0; b < kx.length; b++) {
            kx[b] = blocks.get(b)[2] / blocks.get(b)[0];
            ky[b] = blocks.get(b)[1] / blocks.get(b)[0];
        }
        return new IsotonicRegression(kx, ky);
    }

    /**
     * A fitted function from its knots (as {@link #knotsX()} and {@link #knotsY()} give them).
     *
     * @throws IllegalArgumentException unless both are finite, of equal non-zero length, and
     *     strictly increasing
     */
    public static IsotonicRegression ofKnots(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("isotonic knots: " + x.length + " scores for " + y.length + " values");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || (i > 0 && (x[i] <= x[i - 1] || y[i] <= y[i - 1]))) {
                throw new IllegalArgumentException("isotonic knots must be finite and strictly increasing (knot " + i + ")");
            }
        }
        return new IsotonicRegression(x.clone(), y.clone());
    }

    /** The fitted value at {@code v}: linear between the blocks' centres, the end values beyond them. */
    public double apply(double v) {
        if (v <= knotX[0]) {
            return knotY[0];
        }
        int last = knotX.length - 1;
        if (v >= knotX[last]) {
            return knotY[last];
        }
        int i = Arrays.binarySearch(knotX, v);
        if (i >= 0) {
            return knotY[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (v - knotX[lo]) / (knotX[hi] - knotX[lo]);
        return knotY[lo] + t * (knotY[hi] - knotY[lo]);
    }

    /** Each block's mean score, strictly increasing. */
    public double[] knotsX() {
        return knotX.clone();
    }

    /** Each block's mean target (the pooled labels' rate), strictly increasing. */
    public double[] knotsY() {
        return knotY.clone();
    }
}
