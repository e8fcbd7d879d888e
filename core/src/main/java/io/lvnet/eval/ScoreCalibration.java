package io.lvnet.eval;

import java.util.Map;

/** A calibration of the face score, as an evaluation report measures it. */
public interface ScoreCalibration {
    /** The calibrated fake probability of a face with this logit margin (fake logit minus real logit). */
    double probability(double margin);

    /** How it was fitted, e.g. "temperature" or "isotonic". */
    String method();

    /** Thresholds on the calibrated probability by operating point name (e.g. fpr1), in a fixed order. */
    Map<String, Double> thresholds();
}
