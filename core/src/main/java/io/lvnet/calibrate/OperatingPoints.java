package io.lvnet.calibrate;

import io.lvnet.eval.BinaryMetrics;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of the {@link OperatingPoint}s on a set of scored faces, read off its ROC
 * curve exactly (one point per distinct score, so tied faces fall on the same side): a face is
 * called fake when its score is at or above the threshold.
 *
 * @param points each operating point's threshold and the rates it gave on the faces it was set on
 */
public record OperatingPoints(Map<OperatingPoint, Point> points) {
    /**
     * One operating point.
     *
     * @param threshold score from which a face is called fake
     * @param falsePositiveRate share of real faces at or above it
     * @param truePositiveRate share of fake faces at or above it
     */
    public record Point(double threshold, double falsePositiveRate, double truePositiveRate) {
    }

    public OperatingPoints {
        if (!points.keySet().containsAll(List.of(OperatingPoint.values()))) {
            throw new IllegalArgumentException("operating points missing: need " + List.of(OperatingPoint.values()));
        }
        points = Map.copyOf(new EnumMap<>(points));
    }

    /**
     * The operating points of {@code scores} against {@code labels} (1 = fake). At a target
     * false-positive rate: the ROC point with the most fakes found among those within the
     * target; when not even the highest score is within it, a threshold just above every
     * score. At the equal error rate: the ROC point whose larger error rate (false positives
     * or false negatives) is smallest, the higher threshold on a tie.
     *
     * @throws IllegalArgumentException when a class is missing
     */
    public static OperatingPoints of(double[] scores, int[] labels) {
        List<BinaryMetrics.RocPoint> roc = new BinaryMetrics(scores, labels).roc();
        double top = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            top = Math.max(top, s);
        }
        Map<OperatingPoint, Point> out = new EnumMap<>(OperatingPoint.class);
        for (OperatingPoint p : OperatingPoint.values()) {
            if (p != OperatingPoint.EER) {
                out.put(p, atFalsePositiveRate(roc, p.falsePositiveRate(), Math.nextUp(top)));
            }
        }
        BinaryMetrics.RocPoint best = null;
        for (BinaryMetrics.RocPoint r : roc.subList(1, roc.size())) {
            double worse = Math.max(r.falsePositiveRate(), 1 - r.truePositiveRate());
            if (best == null || worse < Math.max(best.falsePositiveRate(), 1 - best.truePositiveRate())) {
                best = r;
            }
        }
        out.put(OperatingPoint.EER, new Point(best.threshold(), best.falsePositiveRate(), best.truePositiveRate()));
        return new OperatingPoints(out);
    }

    private static Point atFalsePositiveRate(List<BinaryMetrics.RocPoint> roc, double target, double aboveAll) {
        Point chosen = new Point(aboveAll, 0, 0);
        // thresholds descend along the curve, so the rates only grow: the last point within the target finds most fakes
        for (BinaryMetrics.RocPoint r : roc.subList(1, roc.size())) {
            if (r.falsePositiveRate() > target) {
                break;
            }
            chosen = new Point(r.threshold(), r.falsePositiveRate(), r.truePositiveRate());
        }
        return chosen;
    }

    /** The point of one operating point. */
    public Point get(OperatingPoint p) {
        return points.get(p);
    }

    /** The lowest threshold of all: below it, no operating point calls a face fake. */
    public double lowestThreshold() {
        return points.values().stream().mapToDouble(Point::threshold).min().orElseThrow();
    }
}
