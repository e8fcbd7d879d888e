package io.lvnet.train;

import io.lvnet.data.HostBatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.lvnet.model.Ablation;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SemiSupervisedStepTest {
    private static final LvNetConfig TINY = new LvNetConfig(Variant.SEMI_SUPERVISED, 96, 0.125);

    /** The loss of one step from the same weights, batch and seed, at {@code epoch}. */
    private static float loss(HostBatch batch, int epoch) {
        return loss(batch, epoch, -1);
    }

    /**
     * As {@link #loss(HostBatch, int)}, with pseudo labels from a fixed labeller whose weights
     * come from seed {@code labellerSeed} (8 is the trained network's own start), or the live
     * rule when it is negative.
     */
    private static float loss(HostBatch batch, int epoch, int labellerSeed) {
        return (float) step(batch, epoch, labellerSeed).loss();
    }

    /** What one step measures, as {@link #loss(HostBatch, int, int)} runs it. */
    private static StepMetrics step(HostBatch batch, int epoch, int labellerSeed) {
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet labeller = null;
            if (labellerSeed >= 0) {
                Engine.getInstance().setRandomSeed(labellerSeed);
                labeller = LvNet.create(TINY, m);
            }
            Engine.getInstance().setRandomSeed(8);
            LvNet net = LvNet.create(TINY, m);
            Map<String, TensorData> labellerBefore = labeller == null ? null : StateDicts.export(labeller);
            try (TrainingState state = TrainingState.start(net, 1); NDManager scope = m.newSubManager()) {
                StepMetrics metrics = new SemiSupervisedStep(net, state, Recompute.ALL, labeller).run(batch, scope, epoch);
                if (labeller != null) {
                    Map<String, TensorData> after = StateDicts.export(labeller);
                    labellerBefore.forEach((name, t) -> {
                        if (!name.contains("running_") && !name.contains("num_batches")) {
                            assertEquals(t.data(), after.get(name).data(), "the labeller is not trained: " + name);
                        }
                    });
                }
                return metrics;
            }
        }
    }

    private static HostBatch withRegions(HostBatch b) {
        float[] regions = new float[b.count() * b.size() * b.size()];
        for (int i = 0; i < b.count(); i++) {
            for (int p = 0; p < b.size() * b.size() / 3; p++) {
                regions[i * b.size() * b.size() + p] = 1;
            }
        }
        return new HostBatch(b.count(), b.size(), b.images(), b.labels(), b.masks(), regions, b.faces());
    }

    @Test
    void realFacesAreTaughtEmptyPatchMapsOnlyInTheFirstTwoEpochs() {
        HostBatch batch = withRegions(new ArrayBatchSource(4, 96, 4, 3).epoch(0).next());
        float early = loss(batch, 0);
        float later = loss(batch, 2);
        assertTrue(Float.isFinite(early) && Float.isFinite(later));
        assertTrue(early > later, "epoch 0 adds the real faces' patch term: " + early + " vs " + later);
        assertEquals(early, loss(batch, 1), 0f, "epochs 0 and 1 alike");
    }

    /** The step scores its fakes' pseudo labels against their masks, and only where every fake's mask is known. */
    @Test
    void pseudoLabelsAreScoredAgainstTheTrueMasksWhereKnown() {
        HostBatch batch = withRegions(new ArrayBatchSource(4, 96, 4, 3).epoch(0).next());
        PseudoLabelQuality q = step(batch, 2, -1).pseudoLabels();
        int grid = TINY.patchGrid();
        int cell = 96 / grid;
        long fakes = java.util.Arrays.stream(batch.labels()).filter(l -> l == 1).count();
        long forged = 0;
        for (int i = 0; i < batch.count(); i++) {
            for (int c = 0; c < grid * grid && batch.labels()[i] == 1; c++) {
                boolean any = false;
                for (int y = 0; y < cell && !any; y++) {
                    for (int x = 0; x < cell && !any; x++) {
                        any = batch.masks()[i * 96 * 96 + ((c / grid) * cell + y) * 96 + (c % grid) * cell + x] > 0;
                    }
                }
                forged += any ? 1 : 0;
            }
        }
        assertTrue(fakes > 0 && forged > 0, fakes + " fakes, " + forged + " forged patches");
        assertEquals(fakes * grid * grid, q.patches());
        assertEquals(forged, q.forged());
        assertTrue(q.both() <= Math.min(q.labelled(), q.forged()), q.toString());
        assertEquals(q.both() / (double) q.labelled(), q.precision(), 1e-12);

        java.util.List<HostBatch.FaceInfo> unknown = batch.faces().stream()
                .map(f -> new HostBatch.FaceInfo(f.video(), f.frame(), f.method(), f.compression(), false)).toList();
        HostBatch withoutMasks = new HostBatch(batch.count(), batch.size(), batch.images(), batch.labels(), batch.masks(),
                batch.regions(), unknown);
        assertEquals(null, step(withoutMasks, 2, -1).pseudoLabels(), "fakes without masks are not scored");
    }

    @Test
    void needsRegionsAndTheSemiSupervisedVariant() {
        HostBatch plain = new ArrayBatchSource(4, 96, 4, 3).epoch(0).next();
        assertThrows(IllegalArgumentException.class, () -> loss(plain, 0));
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet supervised = LvNet.create(TINY.withVariant(Variant.SUPERVISED), m);
            try (TrainingState state = TrainingState.start(supervised, 1)) {
                assertThrows(IllegalArgumentException.class, () -> new SemiSupervisedStep(supervised, state));
            }
        }
    }

    @Test
    void aFixedLabellerDecidesThePseudoLabels() {
        HostBatch batch = withRegions(new ArrayBatchSource(4, 96, 4, 3).epoch(0).next());
        float live = loss(batch, 2);
        assertEquals(live, loss(batch, 2, 8), 1e-6f, "a labeller equal to the network labels as the network does");
        float other = loss(batch, 2, 9);
        assertTrue(Float.isFinite(other) && Math.abs(other - live) > 1e-4f,
                "another labeller's labels change the SSPSL term: " + other + " vs " + live);
    }

    @Test
    void theProjectionAloneEqualsTheFullForwardsProjection() {
        for (Ablation ablation : new Ablation[] {Ablation.NONE, Ablation.parse("rgb-only"), Ablation.parse("srm-only")}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(3);
                LvNet net = LvNet.create(TINY.withAblation(ablation), m);
                NDArray x = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(2, 3, 96, 96));
                ParameterStore ps = new ParameterStore(m, false);
                NDArray full = net.forward(ps, x, false).projection();
                NDArray alone = net.projection(ps, x, false);
                assertEquals(full.getShape(), alone.getShape());
                assertTrue(full.sub(alone).abs().max().getFloat() < 1e-5f, ablation.describe());
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            LvNet supervised = LvNet.create(TINY.withVariant(Variant.SUPERVISED), m);
            assertThrows(IllegalStateException.class, () -> supervised.projection(new ParameterStore(m, false),
                    m.zeros(new ai.djl.ndarray.types.Shape(1, 3, 96, 96)), false));
        }
    }
}
