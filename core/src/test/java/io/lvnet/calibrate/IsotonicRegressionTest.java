package io.lvnet.calibrate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IsotonicRegressionTest {
    @Test
    void poolsAdjacentViolatorsAsByHand() {
        // y = 1 3 2 4 3 5 at x = 1..6: (3, 2) pool to 2.5 at x 2.5, (4, 3) to 3.5 at x 4.5
        IsotonicRegression iso = IsotonicRegression.fit(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 3, 2, 4, 3, 5});
        assertArrayEquals(new double[] {1, 2.5, 4.5, 6}, iso.knotsX(), 1e-12);
        assertArrayEquals(new double[] {1, 2.5, 3.5, 5}, iso.knotsY(), 1e-12);
        // linear between the blocks' centres, flat beyond the ends
        assertEquals(2.0, iso.apply(2), 1e-12);
        assertEquals(3.0, iso.apply(3.5), 1e-12);
        assertEquals(1, iso.apply(-10), 0);
        assertEquals(5, iso.apply(10), 0);
    }

    @Test
    void aViolationReachesBackOverSeveralBlocks() {
        // 1 2 3 then 0: the 0 pools with 3 (1.5), which now violates 2 and pools with it (5/3), which 1 does not violate
        IsotonicRegression iso = IsotonicRegression.fit(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 0});
        assertArrayEquals(new double[] {1, 3}, iso.knotsX(), 1e-12);
        assertArrayEquals(new double[] {1, 5.0 / 3}, iso.knotsY(), 1e-12);
    }

    @Test
    void tiedScoresArePooledAndEqualBlocksMerged() {
        // labels 0 1 0 0 1 1 at scores .1 .2 .2 .3 .4 .5 (given out of order):
        // the tied .2s become one point of mean .5 and weight 2; the 0 at .3 pools with it to 1/3 at (.2+.2+.3)/3;
        // the 1s at .4 and .5 are equal blocks and merge into one at .45
        IsotonicRegression iso = IsotonicRegression.fit(new double[] {0.5, 0.2, 0.1, 0.3, 0.2, 0.4},
                new double[] {1, 1, 0, 0, 0, 1});
        assertArrayEquals(new double[] {0.1, 0.7 / 3, 0.45}, iso.knotsX(), 1e-12);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1}, iso.knotsY(), 1e-12);
    }

    @Test
    void knotsRoundTripAndBadKnotsAreRefused() {
        IsotonicRegression iso = IsotonicRegression.ofKnots(new double[] {0.2, 0.6}, new double[] {0.1, 0.9});
        assertEquals(0.5, iso.apply(0.4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> IsotonicRegression.ofKnots(new double[] {0.2, 0.2}, new double[] {0.1, 0.9}));
        assertThrows(IllegalArgumentException.class, () -> IsotonicRegression.ofKnots(new double[] {0.2, 0.6}, new double[] {0.9, 0.1}));
        assertThrows(IllegalArgumentException.class, () -> IsotonicRegression.ofKnots(new double[] {0.2}, new double[] {0.1, 0.9}));
        assertThrows(IllegalArgumentException.class, () -> IsotonicRegression.fit(new double[] {Double.NaN}, new double[] {1}));
    }
}
