package io.lvnet.calibrate;

import io.lvnet.eval.CalibrationMetrics;
import java.util.Locale;

/**
 * Fits a {@link Calibration} on held-out faces: their logit margins and labels (1 = fake).
 * Temperature scaling always; then, where each class has at least
 * {@value #ISOTONIC_MIN_PER_CLASS} faces (or when asked for), an isotonic regression on the
 * temperature-scaled probability; then the operating points on the calibrated probability.
 * Faces the calibration is fitted on must not be those it is judged on: fit on a validation
 * split, measure on the test split.
 */
public final class Calibrator {
    /** Fewer faces of a class than this, and no calibration is fitted. */
    public static final int MIN_PER_CLASS = 20;
    /** Fewer faces of a class than this, and {@link Method#AUTO} stops at the temperature. */
    public static final int ISOTONIC_MIN_PER_CLASS = 100;

    /** Which calibration to fit. */
    public enum Method {
        /** Isotonic after the temperature where there are enough faces, else the temperature alone. */
        AUTO,
        /** The temperature alone. */
        TEMPERATURE,
        /** The temperature, then an isotonic regression, whatever the number of faces (above the minimum). */
        ISOTONIC
    }

    private Calibrator() {
    }

    /**
     * Fits a calibration.
     *
     * @param margins each face's fake logit minus its real logit
     * @param labels 1 for fake, 0 for real
     * @param method which calibration
     * @param data the dataset, for the record
     * @param split its split, for the record and messages
     * @throws IllegalArgumentException in one line, for a split with one class, too few faces,
     *     or scores that do not rank fakes above real faces
     */
    public static Calibration fit(double[] margins, int[] labels, Method method, String data, String split) {
        if (margins.length != labels.length) {
            throw new IllegalArgumentException(margins.length + " margins for " + labels.length + " labels");
        }
        io.lvnet.eval.BinaryMetrics.requireFinite(margins);
        int fakes = 0;
        for (int y : labels) {
            if (y != 0 && y != 1) {
                throw new IllegalArgumentException("labels must be 0 or 1, got " + y);
            }
            fakes += y;
        }
        int reals = labels.length - fakes;
        if (fakes == 0 || reals == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "split '%s' has only %s faces (%d): calibration needs real and fake faces", split,
                    fakes == 0 ? "real" : "fake", labels.length));
        }
        if (Math.min(fakes, reals) < MIN_PER_CLASS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "split '%s' has %d real and %d fake faces: calibration needs at least %d of each", split, reals, fakes,
                    MIN_PER_CLASS));
        }
        TemperatureScaling t = TemperatureScaling.fit(margins, labels);
        boolean isotonic = method == Method.ISOTONIC
                || (method == Method.AUTO && Math.min(fakes, reals) >= ISOTONIC_MIN_PER_CLASS);
        IsotonicRegression iso = null;
        if (isotonic) {
            double[] scaled = new double[margins.length];
            double[] target = new double[margins.length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = t.probability(margins[i]);
                target[i] = labels[i];
            }
            iso = IsotonicRegression.fit(scaled, target);
        }
        double[] raw = new TemperatureScaling(1).probabilities(margins);
        double[] calibrated = new double[margins.length];
        for (int i = 0; i < calibrated.length; i++) {
            calibrated[i] = Calibration.probability(t, iso, margins[i]);
        }
        Calibration.FitInfo fit = new Calibration.FitInfo(data, split, labels.length, fakes,
                CalibrationMetrics.expectedCalibrationError(raw, labels), CalibrationMetrics.expectedCalibrationError(calibrated, labels),
                CalibrationMetrics.brier(raw, labels), CalibrationMetrics.brier(calibrated, labels));
        return new Calibration(t, iso, OperatingPoints.of(calibrated, labels), fit);
    }
}
