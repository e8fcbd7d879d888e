/**
 * Calibrated face scores and the verdicts drawn from them: temperature scaling and isotonic
 * regression of the network's logit margin, fitted on held-out faces ({@link Calibrator}); the
 * thresholds of operating points at fixed false-positive rates and at the equal error rate
 * ({@link OperatingPoints}); how a calibration travels in a weights file's metadata
 * ({@link Calibration}); the verdict rule {@code lvnet detect} applies ({@link VerdictRule});
 * and the measures of calibration {@code lvnet eval} reports ({@link io.lvnet.eval.CalibrationMetrics}).
 */
package io.lvnet.calibrate;
