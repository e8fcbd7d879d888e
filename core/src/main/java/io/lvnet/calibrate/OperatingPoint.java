package io.lvnet.calibrate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a detector's threshold can sit: at a false-positive rate of 1 % or 5 %, or at the equal error rate. */
public enum OperatingPoint {
    /** The lowest threshold at which at most 1 % of real faces are called fake. */
    FPR1(0.01),
    /** The lowest threshold at which at most 5 % of real faces are called fake. */
    FPR5(0.05),
    /** Where the false-positive and false-negative rates meet. */
    EER(Double.NaN);

    private final double falsePositiveRate;

    OperatingPoint(double falsePositiveRate) {
        this.falsePositiveRate = falsePositiveRate;
    }

    /** The target false-positive rate, NaN for the equal error rate. */
    public double falsePositiveRate() {
        return falsePositiveRate;
    }

    /** The name used on the command line and in JSON: fpr1, fpr5, eer. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The point of a label.
     *
     * @throws IllegalArgumentException naming the known labels
     */
    public static OperatingPoint of(String label) {
        for (OperatingPoint p : values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown operating point '" + label + "' (known: "
                + Arrays.stream(values()).map(OperatingPoint::label).collect(Collectors.joining(", ")) + ")");
    }
}
