package io.lvnet.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureScalingTest {
    /** Fixed margins and labels, overlapping classes: the best temperature is finite and not 1. */
    static final double[] MARGINS = {-6.0, -4.5, -3.2, -2.0, -1.1, -0.4, 0.3, 1.5, 2.2, 4.0,
        -2.5, -0.8, 0.1, 0.9, 1.8, 2.6, 3.3, 4.4, 5.7, 7.5};
    static final int[] LABELS = {0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1};

    /** The mean negative log-likelihood, written out plainly: -mean(y log p + (1 - y) log(1 - p)). */
    private static double nll(double t) {
        double sum = 0;
        for (int i = 0; i < MARGINS.length; i++) {
            double p = 1 / (1 + Math.exp(-MARGINS[i] / t));
            sum -= LABELS[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / MARGINS.length;
    }

    @Test
    void fitsTheTemperatureAGridSearchOfTheLikelihoodFinds() {
        double bestT = 0;
        double best = Double.POSITIVE_INFINITY;
        for (double t = 0.5; t <= 10; t += 1e-4) {
            double v = nll(t);
            if (v < best) {
                best = v;
                bestT = t;
            }
        }
        TemperatureScaling fit = TemperatureScaling.fit(MARGINS, LABELS);
        assertEquals(bestT, fit.temperature(), 2e-4, "grid minimum at " + bestT);
        assertTrue(bestT > 1.5 && bestT < 9.5, "the example is miscalibrated: " + bestT);
        assertEquals(best, fit.negativeLogLikelihood(MARGINS, LABELS), 1e-9);
        // and it is a minimum: either side is worse
        assertTrue(nll(fit.temperature() * 1.01) > best && nll(fit.temperature() / 1.01) > best);
    }

    @Test
    void probabilitiesAreTheSigmoidOfTheScaledMargin() {
        TemperatureScaling t = new TemperatureScaling(2);
        assertEquals(1 / (1 + Math.exp(-1.5)), t.probability(3), 1e-15);
        assertEquals(0.5, t.probability(0), 0);
        // no overflow far out
        assertEquals(0, t.probability(-5000), 0);
        assertEquals(1, t.probability(5000), 0);
    }

    @Test
    void separatedClassesStopAtTheSmallestTemperature() {
        TemperatureScaling t = TemperatureScaling.fit(new double[] {-2, -1, 1, 2}, new int[] {0, 0, 1, 1});
        assertEquals(1 / TemperatureScaling.MAX_INVERSE, t.temperature(), 1e-12);
    }

    @Test
    void scoresThatRankFakesBelowRealFacesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemperatureScaling.fit(new double[] {-2, -1, 1, 2}, new int[] {1, 1, 0, 0}));
        assertTrue(e.getMessage().contains("do not rank fakes above real faces"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(0));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(Double.NaN));
    }
}
