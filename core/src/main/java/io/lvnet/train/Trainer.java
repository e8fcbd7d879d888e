package io.lvnet.train;

import ai.djl.ndarray.NDManager;
import io.lvnet.detect.ProgressListener;
import io.lvnet.eval.BinaryMetrics;
import io.lvnet.eval.Evaluation;
import io.lvnet.model.LvNet;
import io.lvnet.weights.AtomicFiles;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;

/**
 * The supervised training loop of the reference: per epoch, the step schedule's learning rate,
 * one pass of training steps, validation AUC, a checkpoint (weights and training state), and
 * the best weights by validation AUC. A run resumed from its last checkpoint continues exactly
 * as if it had not stopped.
 */
public final class Trainer {
    private final LvNet net;
    private final NDManager manager;
    private final TrainingState state;
    private final RunDirectory run;
    private final StepOptions options;
    private final TrainListener listener;
    private final LvNet labeller;

    /**
     * @param net the network, whose parameters {@code state}'s optimizer updates
     * @param manager where batches are created (the network's device)
     * @param state optimizer, schedule and counters: fresh, or loaded from {@code run}'s last checkpoint
     */
    public Trainer(LvNet net, NDManager manager, TrainingState state, RunDirectory run, StepOptions options,
            TrainListener listener) {
        this(net, manager, state, run, options, listener, null);
    }

    /**
     * A trainer whose semi-supervised steps take SSPSL's pseudo labels from a fixed network.
     *
     * @param labeller see {@link SemiSupervisedStep}; null for the reference's rule
     */
    public Trainer(LvNet net, NDManager manager, TrainingState state, RunDirectory run, StepOptions options,
            TrainListener listener, LvNet labeller) {
        this.labeller = labeller;
        this.net = net;
        this.manager = manager;
        this.state = state;
        this.run = run;
        this.options = options;
        this.listener = listener;
    }

    /** Trains from the state's epoch up to {@code epochs} epochs in all. */
    public void fit(BatchSource train, BatchSource validation, int epochs) throws IOException {
        TrainingStep step = net.config().variant() == io.lvnet.model.Variant.SEMI_SUPERVISED
                ? new SemiSupervisedStep(net, state, options.recomputeEarlyStages(), labeller)
                : new TrainStep(net, state, options);
        double bestAuc = run.epochs().stream().mapToDouble(EpochRecord::validationAuc).max().orElse(Double.NEGATIVE_INFINITY);
        for (int epoch = state.epoch(); epoch < epochs; epoch++) {
            state.beginEpoch(epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            long faces = 0;
            long correct = 0;
            int batches = train.batchesPerEpoch();
            Iterator<HostBatch> it = train.epoch(epoch);
            for (int b = 0; it.hasNext(); b++) {
                HostBatch batch = it.next();
                StepMetrics metrics;
                try (NDManager scope = manager.newSubManager()) {
                    metrics = step.run(batch, scope, epoch);
                }
                lossSum += metrics.loss() * batch.count();
                faces += batch.count();
                correct += metrics.correct();
                double rate = faces / ((System.nanoTime() - start) / 1e9);
                run.logStep(StepRecord.of(epoch, state.step(), state.schedule().learningRate(epoch), metrics, rate));
                listener.step(epoch, b, batches, metrics, correct / (double) faces, rate);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            listener.validating(epoch);
            Evaluation val = Evaluation.run(net, manager, validation, ProgressListener.NONE);
            BinaryMetrics frames = val.frames();
            double auc = frames.auc();
            boolean best = auc > bestAuc;
            bestAuc = Math.max(bestAuc, auc);
            // the state is saved pointing at the next epoch, so that a resume starts there
            state.beginEpoch(epoch + 1);
            WeightsFile.save(run.weights(epoch), net.config(), StateDicts.export(net));
            state.save(run.state(epoch));
            if (best) {
                java.nio.file.Path source = run.weights(epoch);
                AtomicFiles.write(run.best(), out -> Files.copy(source, out));
            }
            EpochRecord record = new EpochRecord(epoch, state.schedule().learningRate(epoch), lossSum / faces, auc,
                    frames.accuracy(0.5), patchAuc(val), correct / (double) faces, faces / trainSeconds, (System.nanoTime() - start) / 1e9, best);
            run.log(record);
            listener.epoch(record);
        }
    }

    private static double patchAuc(Evaluation val) {
        try {
            return val.patches().auc();
        } catch (IllegalArgumentException e) {
            return Double.NaN; // no forged patches in the validation set
        }
    }
}
