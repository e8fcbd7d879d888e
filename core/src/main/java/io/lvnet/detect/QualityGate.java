package io.lvnet.detect;

import java.util.Locale;

/**
 * When a face is too poor to judge: smaller than {@code minFacePx}, less sharp than
 * {@code minSharpness}, or blockier than {@code maxBlockiness} (see {@link FaceQuality}). Such a
 * face's verdict is inconclusive, with the reason, whatever its probability.
 *
 * @param minFacePx the smallest face side judged, in the picture's pixels
 * @param minSharpness the lowest sharpness judged
 * @param maxBlockiness the highest blockiness judged
 */
public record QualityGate(int minFacePx, double minSharpness, double maxBlockiness) {
    /** Limits measured on the synthetic benchmark: see {@code docs/experiments.md}, "Face quality". */
    public static final QualityGate DEFAULT = new QualityGate(40, 15, 2.0);
    /** Judges every face. */
    public static final QualityGate OFF = new QualityGate(0, 0, Double.POSITIVE_INFINITY);

    public QualityGate {
        if (minFacePx < 0 || !(minSharpness >= 0) || !(maxBlockiness >= 1)) {
            throw new IllegalArgumentException("the smallest face must be at least 0 px, the lowest sharpness at least 0 "
                    + "and the highest blockiness at least 1");
        }
    }

    /** Why the face cannot be judged, or null when it can. */
    public String reason(FaceQuality q) {
        if (q.facePx() < minFacePx) {
            return String.format(Locale.ROOT, "face too small to judge: %d px, needs %d", q.facePx(), minFacePx);
        }
        if (q.sharpness() < minSharpness) {
            return String.format(Locale.ROOT, "face too blurred to judge: sharpness %.1f, needs %.1f", q.sharpness(),
                    minSharpness);
        }
        if (q.blockiness() > maxBlockiness) {
            return String.format(Locale.ROOT, "face too compressed to judge: blockiness %.2f, at most %.2f", q.blockiness(),
                    maxBlockiness);
        }
        return null;
    }
}
