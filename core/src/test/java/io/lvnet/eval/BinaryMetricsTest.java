package io.lvnet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void matchesScikitLearnOnItsDocumentationExample() {
        // sklearn: roc_auc_score([0,0,1,1],[0.1,0.4,0.35,0.8]) = 0.75; average_precision_score = 0.8333
        BinaryMetrics m = new BinaryMetrics(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1});
        assertEquals(0.75, m.auc(), 1e-12);
        assertEquals(0.8333333333, m.averagePrecision(), 1e-9);
        assertEquals(0.75, m.accuracy(0.5), 1e-12); // only the fake at 0.35 is missed
        assertEquals(0.5, m.equalErrorRate(), 1e-12);
        assertEquals(5, m.roc().size());
    }

    @Test
    void nonFiniteScoresAreRefusedWhateverTheirOrder() {
        // all-NaN scores, as a diverged network gives: sorting leaves them in input order, so the
        // AUC came out 1.0 with the real faces first (as validation orders them) and 0.0 otherwise
        double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (int[] labels : new int[][] {{0, 0, 1, 1}, {1, 1, 0, 0}}) {
            NonFiniteScoresException e = assertThrows(NonFiniteScoresException.class, () -> new BinaryMetrics(nan, labels));
            assertEquals("4 of 4 scores are not finite (the first, #0, is NaN): no AUC, EER or AP from NaN or infinite scores",
                    e.getMessage());
        }
        double[] one = {0.1, Double.POSITIVE_INFINITY, 0.7, 0.9};
        NonFiniteScoresException e = assertThrows(NonFiniteScoresException.class,
                () -> new BinaryMetrics(one, new int[] {0, 0, 1, 1}));
        assertTrue(e.getMessage().startsWith("1 of 4 scores are not finite (the first, #1, is Infinity)"), e.getMessage());
    }

    @Test
    void tiesCountHalfAndPerfectSeparationIsOne() {
        assertEquals(0.5, new BinaryMetrics(new double[] {0.3, 0.3, 0.3, 0.3}, new int[] {0, 1, 0, 1}).auc(), 1e-12);
        BinaryMetrics perfect = new BinaryMetrics(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1});
        assertEquals(1.0, perfect.auc(), 1e-12);
        assertEquals(0.0, perfect.equalErrorRate(), 1e-12);
        assertEquals(1.0, perfect.averagePrecision(), 1e-12);
    }

    @Test
    void aucEqualsTheProbabilityThatAFakeOutscoresARealFace() {
        Random r = new Random(3);
        int n = 400;
        double[] s = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            s[i] = Math.round((r.nextGaussian() + y[i]) * 4) / 4.0; // coarse scores make ties
        }
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, new BinaryMetrics(s, y).auc(), 1e-12);
    }

    @Test
    void refusesOneClassAndBadLabels() {
        assertThrows(IllegalArgumentException.class, () -> new BinaryMetrics(new double[] {1, 2}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new BinaryMetrics(new double[] {1, 2}, new int[] {0, 2}));
        assertThrows(IllegalArgumentException.class, () -> new BinaryMetrics(new double[] {1}, new int[] {0, 1}));
    }

    @Test
    void videoScoresAverageFramesOrFrameMaxima() {
        List<VideoScores.Face> faces = List.of(
                new VideoScores.Face("a", 0, 0.9, 1), new VideoScores.Face("a", 0, 0.1, 1), new VideoScores.Face("a", 1, 0.5, 1),
                new VideoScores.Face("b", 0, 0.4, 0), new VideoScores.Face("b", 1, 0.6, 0));
        // a: mean of faces 0.5 vs b 0.5 -> tie; maxima then mean: a (0.9+0.5)/2 = 0.7 > b 0.5
        assertEquals(0.5, VideoScores.meanOfFrames(faces).auc(), 1e-12);
        assertEquals(1.0, VideoScores.meanOfFrameMaxima(faces).auc(), 1e-12);
    }
}
