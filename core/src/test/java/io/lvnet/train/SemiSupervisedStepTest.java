package io.lvnet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import org.junit.jupiter.api.Test;

class SemiSupervisedStepTest {
    private static final LvNetConfig TINY = new LvNetConfig(Variant.SEMI_SUPERVISED, 96, 0.125);

    /** The loss of one step from the same weights, batch and seed, at {@code epoch}. */
    private static float loss(HostBatch batch, int epoch) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(8);
            LvNet net = LvNet.create(TINY, m);
            try (TrainingState state = TrainingState.start(net, 1); NDManager scope = m.newSubManager()) {
                return (float) new SemiSupervisedStep(net, state).run(batch, scope, epoch).loss();
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
}
