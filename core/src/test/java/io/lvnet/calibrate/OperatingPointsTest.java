package io.lvnet.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperatingPointsTest {
    /**
     * 20 real faces (.01 to .18, and two high ones at .6 and .9) and 10 fakes, three of them tied
     * with a real face (.9, .6, .15). The ROC, from the top: .95 (fpr 0, tpr .1), .9 (.05, .2),
     * .85 (.05, .3), .7 (.05, .4), .6 (.1, .5), .5, .4, .3, .2 (.1, .9), .18 (.15, .9), ...
     */
    static final double[] SCORES;
    static final int[] LABELS;

    static {
        double[] fakes = {0.95, 0.9, 0.85, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.15};
        SCORES = new double[30];
        LABELS = new int[30];
        for (int i = 0; i < 18; i++) {
            SCORES[i] = (i + 1) / 100.0;
        }
        SCORES[18] = 0.6;
        SCORES[19] = 0.9;
        for (int i = 0; i < 10; i++) {
            SCORES[20 + i] = fakes[i];
            LABELS[20 + i] = 1;
        }
    }

    @Test
    void thresholdsFallOnTheRocExactlyAndTiesStayTogether() {
        OperatingPoints p = OperatingPoints.of(SCORES, LABELS);
        // at 1 %: no real face may pass, and the fake tied with the real .9 cannot be had without it
        assertEquals(new OperatingPoints.Point(0.95, 0, 0.1), p.get(OperatingPoint.FPR1));
        // at 5 %: one real face (the .9) may pass; the lowest such threshold is .7, before the tie at .6
        assertEquals(new OperatingPoints.Point(0.7, 0.05, 0.4), p.get(OperatingPoint.FPR5));
        // equal error rate: at .2, 2 of 20 real faces and 1 of 10 fakes are wrong: both rates .1
        assertEquals(new OperatingPoints.Point(0.2, 0.1, 0.9), p.get(OperatingPoint.EER));
        assertEquals(0.2, p.lowestThreshold(), 0);
    }

    @Test
    void whenTheTopFaceIsRealNothingIsCalledFakeAtOnePercent() {
        OperatingPoints p = OperatingPoints.of(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 1, 1, 0});
        assertEquals(Math.nextUp(0.9), p.get(OperatingPoint.FPR1).threshold(), 0);
        assertEquals(0, p.get(OperatingPoint.FPR1).truePositiveRate(), 0);
    }

    @Test
    void verdictsFollowTheChosenPointWithInconclusiveBetween() {
        OperatingPoints p = OperatingPoints.of(SCORES, LABELS);
        VerdictRule strict = VerdictRule.at(p, OperatingPoint.FPR1);
        assertEquals(Verdict.FAKE, strict.judge(0.95));
        assertEquals(Verdict.INCONCLUSIVE, strict.judge(0.9));
        assertEquals(Verdict.INCONCLUSIVE, strict.judge(0.2));
        assertEquals(Verdict.REAL, strict.judge(0.19));
        VerdictRule five = VerdictRule.at(p, OperatingPoint.FPR5);
        assertEquals(Verdict.FAKE, five.judge(0.7));
        assertEquals(Verdict.INCONCLUSIVE, five.judge(0.5));
        // the least strict point leaves nothing inconclusive
        VerdictRule eer = VerdictRule.at(p, OperatingPoint.EER);
        assertEquals(Verdict.FAKE, eer.judge(0.2));
        assertEquals(Verdict.REAL, eer.judge(0.1999));
        VerdictRule plain = VerdictRule.threshold(0.5);
        assertEquals(Verdict.FAKE, plain.judge(0.5));
        assertEquals(Verdict.REAL, plain.judge(0.4999));
        assertNull(plain.operatingPoint());
    }

    @Test
    void theRuleIsChosenFromWhatTheUserGaveAndWhatTheWeightsCarry() {
        assertEquals(VerdictRule.threshold(0.5), VerdictRule.choose(null, null, null));
        assertEquals(VerdictRule.threshold(0.7), VerdictRule.choose(null, null, 0.7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerdictRule.choose(null, OperatingPoint.FPR5, null));
        assertTrue(e.getMessage().contains("no calibration"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VerdictRule.choose(null, OperatingPoint.FPR5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> VerdictRule.choose(null, null, 1.5));
        assertEquals(OperatingPoint.EER, OperatingPoint.of("eer"));
        assertThrows(IllegalArgumentException.class, () -> OperatingPoint.of("fpr10"));
    }
}
