package io.lvnet.train;

import io.lvnet.model.LvNet;
import io.lvnet.weights.TensorData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything besides the model's weights that a training run needs to resume exactly: the
 * optimizer (moments and per-parameter step counts), the learning-rate schedule, the epoch,
 * the number of optimizer steps taken and the run's seed. Random state is not kept: every
 * draw of a step derives from (seed, step), see {@link StepSeed}.
 *
 * <p>The weights (with the batch-norm statistics) are saved separately, as a state dict; a
 * resume loads them into a network and then {@link #load}s this state bound to that network.
 */
public final class TrainingState implements AutoCloseable {
    private final Adam optimizer;
    private final StepSchedule schedule;
    private final long seed;
    private int epoch;
    private long step;
    /** The run's weight average, when it keeps one; not closed with this. */
    private WeightAverage average;
    /** What a loaded state says of its weight average, until {@link #continueAverage} takes it. */
    private SavedAverage savedAverage;

    /**
     * The weight average a checkpoint holds besides the weights (which are the average): its
     * decay, its updates and the network's own weights that training goes on from.
     */
    record SavedAverage(double decay, long updates, Map<String, TensorData> network) {
        SavedAverage {
            if (!(decay > 0 && decay < 1) || updates < 0) {
                throw new IllegalArgumentException("weight_average needs a decay in (0, 1) and updates >= 0, got "
                        + decay + " and " + updates);
            }
        }
    }

    /**
     * A run at epoch 0, step 0, with the optimizer's learning rate set for epoch 0.
     *
     * @param optimizer the optimizer, bound to the network being trained; closed with this
     * @param schedule the learning-rate schedule
     * @param seed the run's seed
     */
    public TrainingState(Adam optimizer, StepSchedule schedule, long seed) {
        this(optimizer, schedule, seed, 0, 0);
        optimizer.setLearningRate(schedule.learningRate(0));
    }

    /** A restored run; the optimizer keeps the learning rate it was given. */
    TrainingState(Adam optimizer, StepSchedule schedule, long seed, int epoch, long step) {
        if (epoch < 0 || step < 0) {
            throw new IllegalArgumentException("epoch and step must be >= 0, got " + epoch + ", " + step);
        }
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
    }

    /** A new run of {@code net} with the reference recipe (Adam settings and step schedule). */
    public static TrainingState start(LvNet net, long seed) {
        return new TrainingState(Adam.forNetwork(net, AdamSettings.reference()), StepSchedule.reference(), seed);
    }

    public Adam optimizer() {
        return optimizer;
    }

    public StepSchedule schedule() {
        return schedule;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The current epoch (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Optimizer steps completed so far; also the index of the next step. */
    public long step() {
        return step;
    }

    /** Enters {@code epoch}: the optimizer's learning rate becomes the schedule's for it. */
    public void beginEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.epoch = epoch;
        optimizer.setLearningRate(schedule.learningRate(epoch));
    }

    /** The weight average saved with this state and updated by the run; null for none. */
    public WeightAverage average() {
        return average;
    }

    /**
     * Binds the run's weight average (or null for none). A state loaded from a checkpoint must be
     * given an average of the same decay when it saved one, and none when it did not; the average
     * then continues the saved one and the network gets back its own weights.
     *
     * @throws IllegalArgumentException when the configuration and the checkpoint disagree
     */
    public void continueAverage(WeightAverage average, boolean resumed) {
        SavedAverage saved = savedAverage;
        if (resumed && saved == null && average != null) {
            throw new IllegalArgumentException("the run was trained without train.weight_average: resume it without");
        }
        if (saved != null && (average == null || average.decay() != saved.decay())) {
            throw new IllegalArgumentException("the run averages its weights (train.weight_average: " + saved.decay()
                    + "): resume it with the same setting");
        }
        if (saved != null) {
            average.resume(saved.network(), saved.updates());
        }
        this.average = average;
        this.savedAverage = null;
    }

    void restoredAverage(SavedAverage saved) {
        this.savedAverage = saved;
    }

    /** The randomness of the next step. */
    public StepSeed nextStepSeed() {
        return new StepSeed(seed, step);
    }

    /** Records that a step has been taken. */
    public void completeStep() {
        step++;
    }

    /**
     * Atomically writes this state to a safetensors file (moments as tensors, the rest as JSON
     * in the metadata: {@code exp_avg/<name>}, {@code exp_avg_sq/<name>}, and the counters,
     * schedule, seed and hyper-parameters as JSON under the metadata key {@code state}).
     */
    public void save(Path file) throws IOException {
        TrainingStateFile.write(file, this);
    }

    /**
     * Reads a state written by {@link #save} and binds it to {@code net}, whose weights should
     * already be those saved with it.
     *
     * @throws io.lvnet.weights.WeightsFormatException when the file is truncated, malformed or
     *     does not fit {@code net}
     */
    public static TrainingState load(Path file, LvNet net) throws IOException {
        return TrainingStateFile.read(file, net);
    }

    /** Frees the optimizer's moments. */
    @Override
    public void close() {
        optimizer.close();
    }
}
