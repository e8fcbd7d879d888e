package io.lvnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationMetricsTest {
    static final double[] P = {0.05, 0.15, 0.12, 0.55, 0.6, 0.95, 0.9, 1.0};
    static final int[] Y = {0, 0, 1, 1, 0, 1, 1, 1};

    @Test
    void expectedCalibrationErrorAndBrierAsByHand() {
        // 4 bins: [0, .25): .05 .15 .12 -> mean .10666.., fakes 1/3; [.5, .75): .55 .6 -> .575, 1/2;
        // [.75, 1]: .95 .9 1.0 -> .95, 1 (1.0 falls in the last bin)
        double ece = (3 * Math.abs(0.32 / 3 - 1.0 / 3) + 2 * Math.abs(0.575 - 0.5) + 3 * Math.abs(0.95 - 1)) / 8;
        assertEquals(ece, CalibrationMetrics.expectedCalibrationError(P, Y, 4), 1e-12);
        List<CalibrationMetrics.Bin> bins = CalibrationMetrics.reliability(P, Y, 4);
        assertEquals(0, bins.get(1).count());
        assertTrue(Double.isNaN(bins.get(1).meanProbability()));
        assertEquals(3, bins.get(3).count());
        double brier = (0.05 * 0.05 + 0.15 * 0.15 + 0.88 * 0.88 + 0.45 * 0.45 + 0.6 * 0.6 + 0.05 * 0.05 + 0.1 * 0.1 + 0) / 8;
        assertEquals(brier, CalibrationMetrics.brier(P, Y), 1e-12);
        assertEquals(0, CalibrationMetrics.expectedCalibrationError(new double[] {0, 1}, new int[] {0, 1}), 0);
    }

    @Test
    void truePositiveRateAtAFalsePositiveRate() {
        // reals at .05 .15 .6: none may pass at 0 % (fakes 1.0 .95 .9 found), one (the .6) at 34 % (and the .55)
        assertEquals(3.0 / 5, CalibrationMetrics.truePositiveRateAt(P, Y, 0.0), 1e-12);
        assertEquals(4.0 / 5, CalibrationMetrics.truePositiveRateAt(P, Y, 0.34), 1e-12);
        assertEquals(1.0, CalibrationMetrics.truePositiveRateAt(P, Y, 1.0), 1e-12);
    }

    @Test
    void refusesWhatIsNotAProbability() {
        assertThrows(IllegalArgumentException.class, () -> CalibrationMetrics.brier(new double[] {1.2}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> CalibrationMetrics.brier(new double[] {Double.NaN}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> CalibrationMetrics.brier(new double[] {0.2}, new int[] {2}));
    }
}
