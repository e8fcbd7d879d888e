package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The loss plot's smoothing: a centred mean that shrinks at the ends. */
class MovingAverageTest {
    @Test
    void centredMeanWithShorterWindowsAtTheEnds() {
        double[] v = {0, 3, 6, 9, 12};
        // window 3: (0+3)/2, (0+3+6)/3, (3+6+9)/3, (6+9+12)/3, (9+12)/2
        assertArrayEquals(new double[] {1.5, 3, 6, 9, 10.5}, RunDirectory.movingAverage(v, 3), 1e-12);
        assertArrayEquals(v, RunDirectory.movingAverage(v, 1), 0);
    }
}
