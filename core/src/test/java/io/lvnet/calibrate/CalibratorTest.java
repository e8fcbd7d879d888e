package io.lvnet.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.eval.BinaryMetrics;
import io.lvnet.eval.CalibrationMetrics;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibratorTest {
    /**
     * Faces whose true fake probability is sigmoid(margin / 3 + 1): an over-confident network
     * (temperature 3) whose fakes are also more common than its softmax thinks (the + 1), as
     * when a model trained on balanced classes meets four fakes to a real face.
     */
    static Object[] faces(int n, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            z[i] = r.nextGaussian() * 8;
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-(z[i] / 3 + 1))) ? 1 : 0;
        }
        return new Object[] {z, y};
    }

    @Test
    void calibrationLowersTheErrorOnNewFacesAndKeepsTheirOrder() {
        Object[] fit = faces(4000, 1);
        Object[] test = faces(4000, 2);
        double[] z = (double[]) test[0];
        int[] y = (int[]) test[1];
        double[] raw = new TemperatureScaling(1).probabilities(z);
        for (Calibrator.Method m : new Calibrator.Method[] {Calibrator.Method.TEMPERATURE, Calibrator.Method.AUTO}) {
            Calibration c = Calibrator.fit((double[]) fit[0], (int[]) fit[1], m, "generated", "val");
            double[] cal = c.probabilities(z);
            double before = CalibrationMetrics.expectedCalibrationError(raw, y);
            double after = CalibrationMetrics.expectedCalibrationError(cal, y);
            // the temperature alone cannot make fakes more common than the softmax says: it helps, the isotonic step more
            assertTrue(m == Calibrator.Method.AUTO ? after < before / 4 : after < before, m + ": " + before + " -> " + after);
            assertEquals(new BinaryMetrics(raw, y).auc(), new BinaryMetrics(cal, y).auc(), 0, m + ": AUC unchanged");
            assertEquals(4000, c.fit().faces());
            assertTrue(c.fit().eceAfter() < c.fit().eceBefore());
        }
        // only the isotonic regression can move the probabilities up for the common fakes: it gets to 0.03
        Calibration auto = Calibrator.fit((double[]) fit[0], (int[]) fit[1], Calibrator.Method.AUTO, "generated", "val");
        assertNotNull(auto.isotonic());
        assertTrue(CalibrationMetrics.expectedCalibrationError(auto.probabilities(z), y) < 0.03);
    }

    @Test
    void calibratedProbabilitiesStrictlyIncreaseEvenWhereTheIsotonicRegressionIsFlat() {
        Object[] fit = faces(1000, 3);
        Calibration c = Calibrator.fit((double[]) fit[0], (int[]) fit[1], Calibrator.Method.ISOTONIC, "generated", "val");
        double last = -1;
        for (double m = -60; m <= 60; m += 0.25) {
            double p = c.probability(m);
            assertTrue(p > last && p > 0 && p < 1, "at " + m + ": " + p + " after " + last);
            last = p;
        }
    }

    @Test
    void autoAddsTheIsotonicRegressionOnlyWithEnoughFacesOfEachClass() {
        Object[] few = faces(2000, 4);
        int[] y = ((int[]) few[1]).clone();
        double[] z = (double[]) few[0];
        // keep 60 real faces only
        int reals = 0;
        java.util.List<Integer> keep = new java.util.ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == 1 || reals++ < 60) {
                keep.add(i);
            }
        }
        double[] zk = keep.stream().mapToDouble(i -> z[i]).toArray();
        int[] yk = keep.stream().mapToInt(i -> y[i]).toArray();
        assertNull(Calibrator.fit(zk, yk, Calibrator.Method.AUTO, "d", "val").isotonic());
        assertNotNull(Calibrator.fit(zk, yk, Calibrator.Method.ISOTONIC, "d", "val").isotonic());
    }

    @Test
    void refusesOneClassTooFewFacesAndScoresThatDoNotRank() {
        double[] z = new double[50];
        int[] fakes = new int[50];
        java.util.Arrays.fill(fakes, 1);
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> Calibrator.fit(z, fakes, Calibrator.Method.AUTO, "d", "val"));
        assertEquals("split 'val' has only fake faces (50): calibration needs real and fake faces", one.getMessage());

        int[] y = new int[50];
        for (int i = 0; i < 19; i++) {
            y[i] = 0;
        }
        for (int i = 19; i < 50; i++) {
            y[i] = 1;
        }
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Calibrator.fit(z, y, Calibrator.Method.AUTO, "d", "val"));
        assertEquals("split 'val' has 19 real and 31 fake faces: calibration needs at least 20 of each", few.getMessage());

        double[] backwards = new double[40];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i < 20 ? 1 : 0;
            backwards[i] = i;
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Calibrator.fit(backwards, labels, Calibrator.Method.AUTO, "d", "val"));
        assertTrue(wrong.getMessage().contains("do not rank fakes above real faces"), wrong.getMessage());
        double[] nan = new double[40];
        nan[3] = Double.NaN;
        assertThrows(ArithmeticException.class, () -> Calibrator.fit(nan, labels, Calibrator.Method.AUTO, "d", "val"));
    }
}
