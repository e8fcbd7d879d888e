package io.lvnet.calibrate;

import java.util.Locale;

/**
 * How a fake probability becomes a {@link Verdict}. With a calibration's operating points: fake
 * at or above the chosen point's threshold; real below every operating point's threshold (no
 * operating point would call the face fake); inconclusive in between, where a less strict
 * operating point would call it fake but the chosen one does not. The least strict point thus
 * leaves no face inconclusive. Without operating points: fake at or above a plain threshold,
 * real below it.
 *
 * @param fakeFrom probability from which a face is fake
 * @param realBelow probability below which a face is real; at most {@code fakeFrom}
 * @param operatingPoint the chosen operating point, or null for a plain threshold
 */
public record VerdictRule(double fakeFrom, double realBelow, OperatingPoint operatingPoint) {
    /** The operating point of calibrated weights when none is chosen: few real faces called fake. */
    public static final OperatingPoint DEFAULT_OPERATING_POINT = OperatingPoint.FPR1;
    /** The threshold of weights without calibration when none is chosen. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    public VerdictRule {
        if (!(realBelow <= fakeFrom)) {
            throw new IllegalArgumentException("real below " + realBelow + " and fake from " + fakeFrom + " overlap");
        }
    }

    /** Fake at or above {@code threshold}, real below; nothing inconclusive. */
    public static VerdictRule threshold(double threshold) {
        return new VerdictRule(threshold, threshold, null);
    }

    /** The verdicts of the chosen operating point among {@code points}. */
    public static VerdictRule at(OperatingPoints points, OperatingPoint chosen) {
        double fake = points.get(chosen).threshold();
        return new VerdictRule(fake, Math.min(fake, points.lowestThreshold()), chosen);
    }

    /**
     * The rule for weights with {@code calibration} (null for none) and what the user chose:
     * a plain {@code threshold} if given, else the chosen operating point, else for calibrated
     * weights {@link #DEFAULT_OPERATING_POINT} and for others {@link #DEFAULT_THRESHOLD}.
     *
     * @throws IllegalArgumentException when both are chosen, or an operating point is chosen
     *     for weights without calibration
     */
    public static VerdictRule choose(Calibration calibration, OperatingPoint chosen, Double threshold) {
        if (chosen != null && threshold != null) {
            throw new IllegalArgumentException("choose a threshold or an operating point, not both");
        }
        if (threshold != null) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("the threshold must be in [0, 1], got " + threshold);
            }
            return threshold(threshold);
        }
        if (calibration == null) {
            if (chosen != null) {
                throw new IllegalArgumentException("the weights carry no calibration, so no operating points: calibrate them "
                        + "with 'lvnet calibrate', or give a --threshold");
            }
            return threshold(DEFAULT_THRESHOLD);
        }
        return calibration.rule(chosen == null ? DEFAULT_OPERATING_POINT : chosen);
    }

    /** The verdict on a face of this probability. */
    public Verdict judge(double probability) {
        if (probability >= fakeFrom) {
            return Verdict.FAKE;
        }
        return probability < realBelow ? Verdict.REAL : Verdict.INCONCLUSIVE;
    }

    /** Why a face of this probability is inconclusive under this rule; null where it is not. */
    public String inconclusiveReason(double probability) {
        if (judge(probability) != Verdict.INCONCLUSIVE) {
            return null;
        }
        return String.format(Locale.ROOT, "between the operating points: %.4f is below the %s threshold %.4f, but a less "
                + "strict operating point calls faces fake from %.4f", probability, operatingPoint.label(), fakeFrom, realBelow);
    }

    /** One line for people: the operating point and its thresholds. */
    public String describe() {
        if (operatingPoint == null) {
            return String.format(Locale.ROOT, "fake from %.4f", fakeFrom);
        }
        return String.format(Locale.ROOT, "operating point %s: fake from %.4f, real below %.4f", operatingPoint.label(),
                fakeFrom, realBelow);
    }
}
