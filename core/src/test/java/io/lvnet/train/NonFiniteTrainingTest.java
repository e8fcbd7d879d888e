package io.lvnet.train;

import io.lvnet.data.BatchSource;

import io.lvnet.data.HostBatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs whose numbers stop being numbers: a NaN in an input image, and a learning rate of 1e30.
 * Nothing NaN is ever applied or saved, and {@code best.safetensors} never holds it.
 */
class NonFiniteTrainingTest {
    private static final LvNetConfig TINY = new LvNetConfig(Variant.SUPERVISED, 96, 0.125);
    private static final BatchSource VALIDATION = new ArrayBatchSource(4, 96, 4, 2);

    @TempDir
    Path dir;

    /** Two batches of two faces per epoch; in epoch 0 the second holds a pixel that is NaN. */
    private static BatchSource nanInSecondBatch() {
        ArrayBatchSource clean = new ArrayBatchSource(4, 96, 2, 1);
        return new BatchSource() {
            @Override
            public int batchesPerEpoch() {
                return clean.batchesPerEpoch();
            }

            @Override
            public long facesPerEpoch() {
                return clean.facesPerEpoch();
            }

            @Override
            public Iterator<HostBatch> epoch(int epoch) {
                List<HostBatch> batches = new ArrayList<>();
                clean.epoch(epoch).forEachRemaining(batches::add);
                if (epoch == 0) {
                    HostBatch b = batches.get(1);
                    float[] images = b.images().clone();
                    images[images.length / 2] = Float.NaN;
                    batches.set(1, new HostBatch(b.count(), b.size(), images, b.labels(), b.masks(), b.regions(), b.faces()));
                }
                return batches.iterator();
            }
        };
    }

    private static void fit(RunDirectory run, BatchSource train, int epochs, StepOptions options, double lr) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(42);
            LvNet net = LvNet.create(TINY, m);
            AdamSettings adam = AdamSettings.reference().withLearningRate(lr);
            try (TrainingState state = new TrainingState(Adam.forNetwork(net, adam), new StepSchedule(lr, 0.5, 5), 7)) {
                new EpochLoop(net, m, state, run, options, TrainListener.NONE).fit(train, VALIDATION, epochs);
            }
        }
    }

    private static StepOptions options(NonFiniteLoss policy) {
        return new StepOptions(false, Recompute.NONE, policy);
    }

    @Test
    void aNanInputStopsTheRunNamingTheStepAndSavesNothing() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("stop"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> fit(run, nanInSecondBatch(), 2, options(NonFiniteLoss.STOP), 5e-4));
        assertEquals("epoch 0, step 2: the loss is NaN; the step was not applied and the run stops"
                + " (train.non_finite_loss: skip would skip such steps)", e.getMessage());
        assertTrue(Files.notExists(run.best()) && Files.notExists(run.weights(0)), "nothing of the epoch is saved");
        List<StepRecord> steps = run.steps();
        assertEquals(2, steps.size(), "the failed step is in the log");
        assertTrue(!steps.get(0).skipped() && steps.get(1).skipped() && Double.isNaN(steps.get(1).loss()), steps.toString());
    }

    @Test
    void skippingLeavesTheWeightsAndStatisticsFiniteAndCountsTheStep() throws Exception {
        RunDirectory run = new RunDirectory(dir.resolve("skip"));
        fit(run, nanInSecondBatch(), 1, options(new NonFiniteLoss(true, 1)), 5e-4);
        EpochRecord epoch = run.epochs().get(0);
        assertEquals(1, epoch.skippedSteps());
        assertTrue(Double.isFinite(epoch.trainLoss()) && Double.isFinite(epoch.validationAuc()), epoch.toString());
        assertEquals(List.of(false, true), run.steps().stream().map(StepRecord::skipped).toList());
        assertTrue(Files.exists(run.best()));
        // the NaN batch went through the batch norms too: their running statistics were put back
        WeightsFile.read(run.best(), 96).stateDict().forEach((name, t) -> assertFinite(name, t));

        RunDirectory capped = new RunDirectory(dir.resolve("capped"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> fit(capped, nanInSecondBatch(), 1, options(new NonFiniteLoss(true, 0)), 5e-4));
        assertEquals("epoch 0, step 2: 1 steps of this epoch had a non-finite loss or gradient, more than"
                + " train.max_skipped_steps (0): the run stops", e.getMessage());
        assertTrue(Files.notExists(capped.best()));
    }

    @Test
    void aDivergedNetworkNeverBecomesBest() throws Exception {
        // lr 1e30: the first update throws the weights to about 1e30, and the next forward overflows
        RunDirectory stopped = new RunDirectory(dir.resolve("stop"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> fit(stopped, new ArrayBatchSource(4, 96, 2, 1), 1, options(NonFiniteLoss.STOP), 1e30));
        assertTrue(e.getMessage().startsWith("epoch 0, step 2: "), e.getMessage());
        assertTrue(Files.notExists(stopped.best()));
        // skipping every step after the first, the weights stay finite but score NaN: validation says so
        RunDirectory skipped = new RunDirectory(dir.resolve("skip"));
        TrainingDivergedException v = assertThrows(TrainingDivergedException.class,
                () -> fit(skipped, new ArrayBatchSource(4, 96, 2, 1), 1, options(new NonFiniteLoss(true, 5)), 1e30));
        assertTrue(v.getMessage().startsWith("epoch 0: "), v.getMessage());
        assertTrue(v.getMessage().endsWith("the epoch was not saved and the run stops"), v.getMessage());
        assertEquals(1, v.getMessage().lines().count());
        assertTrue(Files.notExists(skipped.best()) && Files.notExists(skipped.weights(0)));
    }

    private static void assertFinite(String name, TensorData t) {
        if (t.type().isFloating()) {
            for (float f : t.toFloats()) {
                assertTrue(Float.isFinite(f), name + " holds " + f);
            }
        }
    }
}
