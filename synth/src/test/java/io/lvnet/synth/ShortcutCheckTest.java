package io.lvnet.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lvnet.data.CanonicalDataset;
import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShortcutCheckTest {
    @TempDir
    Path tmp;

    @Test
    void aucCountsCorrectlyOrderedPairsAndHalvesTies() {
        assertEquals(1.0, ShortcutCheck.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}));
        assertEquals(0.0, ShortcutCheck.auc(new double[] {0.9, 0.8, 0.2, 0.1}, new int[] {0, 0, 1, 1}));
        assertEquals(0.5, ShortcutCheck.auc(new double[] {1, 1, 1, 1}, new int[] {0, 1, 0, 1}));
        // pairs (real, fake): (0.1,0.4) ok, (0.1,0.35) ok, (0.8,0.4) wrong, (0.8,0.35) wrong -> 0.5;
        // then one tie with a third real frame at 0.4: (0.4,0.4) half, (0.4,0.35) wrong
        assertEquals(2.5 / 6, ShortcutCheck.auc(new double[] {0.1, 0.8, 0.4, 0.4, 0.35}, new int[] {0, 0, 0, 1, 1}), 1e-12);
    }

    @Test
    void aucRefusesScoresThatAreNotNumbers() {
        org.junit.jupiter.api.Assertions.assertThrows(io.lvnet.eval.NonFiniteScoresException.class,
                () -> ShortcutCheck.auc(new double[] {0.2, Double.NaN}, new int[] {0, 1}));
    }

    @Test
    void theCombinedClassifierFindsAShortcutWhenThereIsOne() {
        SplittableRandom r = new SplittableRandom(1);
        List<double[]> features = new ArrayList<>();
        int[] labels = new int[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
            // fakes a little redder and a little less blue: weak alone, strong together
            double shift = labels[i] == 1 ? 6 : 0;
            features.add(new double[] {100 - shift + r.nextGaussian() * 8, 100 + r.nextGaussian() * 8,
                100 + shift + r.nextGaussian() * 8, 10 + r.nextGaussian()});
        }
        ShortcutCheck.Result s = ShortcutCheck.evaluate(features, labels);
        assertTrue(s.combinedAuc() > 0.75, s.toString());
        assertTrue(s.combinedAuc() > s.featureAuc().get("mean_red") && s.combinedAuc() > s.featureAuc().get("mean_blue"),
                s.toString());
        assertTrue(s.featureAuc().get("high_frequency") < 0.6, s.toString());
        assertEquals(200, s.fake());
    }

    /**
     * The acceptance check: on a generated dataset, frame features recomputed from the files,
     * no trivial classifier on mean colour or global high-frequency energy beats AUC 0.65.
     */
    @Test
    void trivialClassifiersCannotTellSyntheticRealFromFake() throws IOException {
        SynthOptions options = new SynthOptions(10, 1, 2, 96, 21, List.of(CompressionLevel.NONE, CompressionLevel.HEAVY),
                List.of(Method.values()), false, 2);
        SynthSummary summary = new SynthGenerator(options).generate(tmp.resolve("d"), "test", done -> { });
        CanonicalDataset ds = CanonicalDataset.open(tmp.resolve("d"));
        List<double[]> features = new ArrayList<>();
        int[] labels = new int[ds.frames().size()];
        for (int i = 0; i < labels.length; i++) {
            FrameRecord r = ds.frames().get(i);
            Raster image = Images.bgr(ds.resolve(r.image()));
            features.add(ShortcutCheck.features(image));
            labels[i] = r.label();
        }
        ShortcutCheck.Result s = ShortcutCheck.evaluate(features, labels);
        System.out.printf(Locale.ROOT, "shortcut check on %d real and %d fake frames: %s, logistic %.3f%n", s.real(),
                s.fake(), s.featureAuc(), s.combinedAuc());
        assertTrue(s.maxAuc() <= 0.65, s.toString());
        assertEquals(summary.shortcut().combinedAuc(), s.combinedAuc(), 1e-9);
    }
}
