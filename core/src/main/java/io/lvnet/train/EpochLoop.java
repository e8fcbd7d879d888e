package io.lvnet.train;

import io.lvnet.data.BatchSource;

import io.lvnet.data.HostBatch;

import ai.djl.ndarray.NDManager;
import io.lvnet.progress.ProgressListener;
import io.lvnet.eval.BinaryMetrics;
import io.lvnet.eval.Evaluation;
import io.lvnet.eval.NonFiniteScoresException;
import io.lvnet.memory.HeapTrimmer;
import io.lvnet.memory.NativeHeap;
import io.lvnet.memory.ResidentMemory;
import io.lvnet.model.LvNet;
import io.lvnet.provenance.ModelCard;
import io.lvnet.files.AtomicFiles;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import io.lvnet.weights.WeightsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The supervised training loop of the reference: per epoch, the step schedule's learning rate,
 * one pass of training steps, validation AUC, a checkpoint (weights and training state), and
 * the best weights by validation AUC. A run resumed from its last checkpoint continues exactly
 * as if it had not stopped.
 *
 * <p>Nothing that is not a number gets saved: a step whose loss or gradients are NaN or
 * infinite is never applied, and stops the run or is skipped as {@link NonFiniteLoss} says;
 * an epoch whose weights or validation scores are not finite stops the run before its
 * checkpoint, so {@code best.safetensors} only ever holds finite weights that scored a real AUC.
 *
 * <p>Each step and epoch record carries the process's resident memory ({@link ResidentMemory}),
 * each epoch record also the most held during that epoch; after each validation pass and every
 * {@value HeapTrimmer#EVERY_STEPS} steps or minute of steps ({@link HeapTrimmer}) the Java heap is collected and the
 * native heaps hand their free pages back ({@link NativeHeap}), so resident memory follows what
 * is in use.
 */
public final class EpochLoop {
    /** When freed native memory goes back to the system. */
    private final HeapTrimmer trimmer = new HeapTrimmer();
    /** The longest the epoch's closing reading waits for the trimmed memory to leave. */
    private static final long SETTLE_MILLIS = 2_000;

    private final LvNet net;
    private final NDManager manager;
    private final TrainingState state;
    private final RunDirectory run;
    private final StepOptions options;
    private final TrainListener listener;
    private final LvNet labeller;
    /** The card every checkpoint carries, with that epoch's metrics; null for none. */
    private ModelCard card;


    /**
     * @param net the network, whose parameters {@code state}'s optimizer updates
     * @param manager where batches are created (the network's device)
     * @param state optimizer, schedule and counters: fresh, or loaded from {@code run}'s last checkpoint
     */
    public EpochLoop(LvNet net, NDManager manager, TrainingState state, RunDirectory run, StepOptions options,
            TrainListener listener) {
        this(net, manager, state, run, options, listener, null);
    }

    /**
     * A trainer whose semi-supervised steps take SSPSL's pseudo labels from a fixed network.
     *
     * @param labeller see {@link SemiSupervisedStep}; null for the reference's rule
     */
    public EpochLoop(LvNet net, NDManager manager, TrainingState state, RunDirectory run, StepOptions options,
            TrainListener listener, LvNet labeller) {
        this.labeller = labeller;
        this.net = net;
        this.manager = manager;
        this.state = state;
        this.run = run;
        this.options = options;
        this.listener = listener;
    }

    /**
     * Writes {@code card}, with each epoch's validation metrics, into that epoch's weights (and so
     * into {@code best.safetensors}).
     */
    public EpochLoop withModelCard(ModelCard card) {
        this.card = card;
        return this;
    }

    /**
     * Trains from the state's epoch up to {@code epochs} epochs in all. The run's logs are first
     * cut back to the epochs before the state's (see {@link RunDirectory#keepUpTo}).
     *
     * @throws TrainingDivergedException when a step, the weights or the validation scores are
     *     not finite (see {@link NonFiniteLoss}); the epoch in progress is then not saved
     */
    public void fit(BatchSource train, BatchSource validation, int epochs) throws IOException {
        TrainingStep step = net.config().variant() == io.lvnet.model.Variant.SEMI_SUPERVISED
                ? new SemiSupervisedStep(net, state, options.recompute(), labeller)
                : new SupervisedStep(net, state, options);
        run.keepUpTo(state.epoch() - 1);
        run.warmUpCharts();
        double bestAuc = run.epochs().stream().mapToDouble(EpochRecord::validationAuc).max().orElse(Double.NEGATIVE_INFINITY);
        double runPeak = ResidentMemory.now().peakMb();
        // validated and saved instead of the network's own weights, which training goes on from
        WeightAverage average = state.average();
        for (int epoch = state.epoch(); epoch < epochs; epoch++) {
            state.beginEpoch(epoch);
            boolean epochPeakKnown = ResidentMemory.resetPeak();
            long start = System.nanoTime();
            double lossSum = 0;
            long faces = 0;
            long trained = 0;
            long correct = 0;
            int skipped = 0;
            double rssSum = 0;
            int rssSteps = 0;
            PseudoLabelQuality pseudoLabels = PseudoLabelQuality.NONE;
            int batches = train.batchesPerEpoch();
            Iterator<HostBatch> it = train.epoch(epoch);
            for (int b = 0; it.hasNext(); b++) {
                StepMetrics metrics = step(step, it.next(), epoch);
                if (average != null && !metrics.skipped()) {
                    average.update();
                }
                trimmer.afterStep();
                faces += metrics.faces();
                pseudoLabels = pseudoLabels.plus(metrics.pseudoLabels());
                if (metrics.skipped()) {
                    skipped++;
                } else {
                    lossSum += metrics.loss() * metrics.faces();
                    trained += metrics.faces();
                    correct += metrics.correct();
                }
                double rate = faces / ((System.nanoTime() - start) / 1e9);
                StepRecord record = StepRecord.of(epoch, state.step(), state.schedule().learningRate(epoch), metrics, rate,
                        ResidentMemory.now());
                run.logStep(record);
                if (!Double.isNaN(record.rssMb())) {
                    rssSum += record.rssMb();
                    rssSteps++;
                }
                if (metrics.skipped()) {
                    NonFiniteLoss policy = options.nonFiniteLoss();
                    if (!policy.skip()) {
                        throw TrainingDivergedException.step(epoch, state.step(), metrics);
                    }
                    if (skipped > policy.maxSkippedPerEpoch()) {
                        throw TrainingDivergedException.tooManySkipped(epoch, state.step(), skipped, policy.maxSkippedPerEpoch());
                    }
                }
                listener.step(epoch, b, batches, record, correct / (double) trained);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            if (average != null) {
                average.swap();
            }
            Map<String, TensorData> weights = StateDicts.export(net);
            requireFinite(weights, epoch);
            // validation starts from the floor, whenever the last periodic trim ran, so that its
            // working set comes on top of what the run holds and not of the steps' leftovers
            trimmer.trim();
            listener.validating(epoch);
            Evaluation val = Evaluation.run(net, manager, validation, ProgressListener.NONE);
            BinaryMetrics frames;
            double patchAuc;
            try {
                frames = val.frames();
                patchAuc = patchAuc(val);
            } catch (NonFiniteScoresException e) {
                throw TrainingDivergedException.validation(epoch, e);
            }
            if (average != null) {
                average.swap();
            }
            double auc = frames.auc();
            boolean best = auc > bestAuc;
            bestAuc = Math.max(bestAuc, auc);
            // the state is saved pointing at the next epoch, so that a resume starts there
            state.beginEpoch(epoch + 1);
            WeightsFile.save(run.weights(epoch), net.config(), weights, cardMetadata(epoch, auc, frames.accuracy(0.5),
                    patchAuc, lossSum / trained, correct / (double) trained));
            state.save(run.state(epoch));
            if (best) {
                Path source = run.weights(epoch);
                AtomicFiles.write(run.best(), out -> Files.copy(source, out));
            }
            // what the run holds once validation's freed buffers are handed back: a leak raises this
            // floor; read before the trim, it caught a chance part of G1's young generation and of
            // jemalloc's undecayed pages (+18 % swings over flat runs). The working set is the peak.
            trimmer.trim();
            ResidentMemory memory = ResidentMemory.settled(SETTLE_MILLIS);
            runPeak = Math.max(runPeak, memory.peakMb());
            EpochRecord record = new EpochRecord(epoch, state.schedule().learningRate(epoch), lossSum / trained, auc,
                    frames.accuracy(0.5), patchAuc, correct / (double) trained, faces / trainSeconds,
                    (System.nanoTime() - start) / 1e9, best, skipped, memory.rssMb(), runPeak,
                    epochPeakKnown ? memory.peakMb() : Double.NaN, rssSteps == 0 ? Double.NaN : rssSum / rssSteps,
                    pseudoLabels.precision(), pseudoLabels.recall(), pseudoLabels.labelledShare(), memory.anonMb(),
                    memory.fileMb(), Runtime.getRuntime().totalMemory() / (1024.0 * 1024.0), nativeLiveMb());
            run.log(record);
            listener.epoch(record);
        }
    }

    /**
     * One step. Under {@link NonFiniteLoss#skip} the batch-norm statistics are kept and put back
     * when the step is skipped: its forward pass has already run them through the bad batch.
     */
    private StepMetrics step(TrainingStep step, HostBatch batch, int epoch) {
        RunningStatistics kept = options.nonFiniteLoss().skip() ? RunningStatistics.of(net) : null;
        StepMetrics metrics;
        try (NDManager scope = manager.newSubManager()) {
            metrics = step.run(batch, scope, epoch);
        } catch (RuntimeException e) {
            if (kept != null) {
                kept.discard();
            }
            throw e;
        }
        if (kept != null && metrics.skipped()) {
            kept.close(); // puts the statistics back
        } else if (kept != null) {
            kept.discard();
        }
        return metrics;
    }

    private Map<String, String> cardMetadata(int epoch, double auc, double accuracy, double patchAuc, double loss,
            double trainAccuracy) {
        if (card == null) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("val_auc", auc);
        m.put("val_acc", accuracy);
        m.put("val_patch_auc", Double.isFinite(patchAuc) ? patchAuc : null);
        m.put("train_loss", loss);
        m.put("train_acc", trainAccuracy);
        return Map.of(ModelCard.METADATA_KEY, card.withMetrics(m).toJson());
    }

    /** Refuses weights with a NaN or infinite value, naming the first such tensor. */
    private static void requireFinite(Map<String, TensorData> weights, int epoch) {
        for (Map.Entry<String, TensorData> e : weights.entrySet()) {
            TensorData t = e.getValue();
            if (!t.type().isFloating()) {
                continue;
            }
            int bad = 0;
            for (float v : t.toFloats()) {
                bad += Float.isFinite(v) ? 0 : 1;
            }
            if (bad > 0) {
                throw TrainingDivergedException.weights(epoch, e.getKey(), bad, t.numel());
            }
        }
    }

    private static double patchAuc(Evaluation val) {
        try {
            return val.patches().auc();
        } catch (IllegalArgumentException e) {
            return Double.NaN; // no forged patches in the validation set
        }
    }

    /** {@link NativeHeap#liveBytes} in MiB, NaN where the allocator does not say. */
    private static double nativeLiveMb() {
        long bytes = io.lvnet.memory.NativeHeap.liveBytes();
        return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
    }
}
