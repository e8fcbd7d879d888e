package io.lvnet.train;

import io.lvnet.data.HostBatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.lvnet.loss.CrossEntropy;
import io.lvnet.loss.PatchLabels;
import io.lvnet.loss.PatchSimilarityLoss;
import io.lvnet.model.LvNet;
import io.lvnet.model.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * The semi-supervised step of the reference, for data without forgery masks: classification
 * cross-entropy + SSPSL (pseudo patch labels from the projection's similarity to a real and a
 * fake prototype, the fake one taken inside the reference region) + during the first two
 * epochs the patch cross-entropy of real faces against their empty masks. No mixup, as in the
 * reference. A batch that holds only one class has no SSPSL term (it needs both prototypes).
 *
 * <p>The pseudo labels come from the network being trained, as in the reference, or from a
 * fixed labeller: with the live rule the labels drift, as the classifier learns, from where a
 * patch is to how fake its whole face looks, and teach the patch map that
 * ({@code docs/experiments.md}). The labeller runs with batch statistics, as the live rule does.
 *
 * <p>As {@link SupervisedStep}, a step whose loss or gradients are not finite updates nothing.
 */
public final class SemiSupervisedStep implements TrainingStep {
    /** Epochs during which real faces are also taught that none of their patches is forged. */
    static final int REAL_PATCH_EPOCHS = 2;

    private final LvNet net;
    private final TrainingState state;
    private final ForwardBackward pass;
    private final LvNet labeller;

    /** A step that recomputes every stage (see {@link ForwardBackward}). */
    public SemiSupervisedStep(LvNet net, TrainingState state) {
        this(net, state, Recompute.ALL, null);
    }

    /**
     * @param net the semi-supervised variant, bound to {@code state}'s optimizer
     * @param state the run's optimizer, schedule and counters; advanced by each step
     * @param recompute see {@link ForwardBackward}
     * @param labeller the network whose projections give SSPSL's pseudo labels, kept fixed; null
     *     for the reference's rule, the projections of {@code net} itself as it trains
     */
    public SemiSupervisedStep(LvNet net, TrainingState state, Recompute recompute, LvNet labeller) {
        if (net.config().variant() != Variant.SEMI_SUPERVISED
                || (labeller != null && labeller.config().variant() != Variant.SEMI_SUPERVISED)) {
            throw new IllegalArgumentException("semi-supervised training needs the semi-supervised variant (the projection head)");
        }
        this.labeller = labeller;
        this.net = net;
        this.state = state;
        this.pass = new ForwardBackward(net, recompute);
    }

    @Override
    public StepMetrics run(HostBatch batch, NDManager scope, int epoch) {
        if (batch.regions() == null) {
            throw new IllegalArgumentException("semi-supervised batches need reference regions");
        }
        StepSeed seed = state.nextStepSeed();
        seed.seedEngine();
        Adam adam = state.optimizer();
        adam.zeroGradients();
        int grid = net.config().patchGrid();
        int size = batch.size();
        long[] labels = batch.labels();
        StepMetrics metrics;
        try (NDScope ndScope = new NDScope()) {
            ndScope.suppressNotUsedWarning();
            NDArray targets = scope.create(labels);
            NDArray regions = PatchLabels.fromMasks(scope.create(batch.regions(), new Shape(batch.count(), 1, size, size)), grid);
            long[] real = indices(labels, 0);
            boolean bothClasses = real.length > 0 && real.length < labels.length;
            NDArray images = batch.images(scope);
            // a fixed labeller runs before the gradient recording starts: its labels are constants
            NDArray fixedProjection = labeller == null || !bothClasses ? null
                    : labeller.projection(new ParameterStore(scope, false), images, true);
            PseudoLabelQuality[] scored = new PseudoLabelQuality[1];
            metrics = pass.run(new ParameterStore(scope, false), images, out -> {
                NDArray classification = CrossEntropy.of(out.logits(), targets);
                NDArray loss = classification;
                if (bothClasses) {
                    PatchSimilarityLoss.Result sspsl = PatchSimilarityLoss.compute(out.segmentation(),
                            fixedProjection == null ? out.projection() : fixedProjection, labels, regions);
                    loss = loss.add(sspsl.loss());
                    scored[0] = score(sspsl.targets(), batch, real.length, scope, grid);
                }
                if (epoch < REAL_PATCH_EPOCHS && real.length > 0) {
                    NDArray realSeg = out.segmentation().get(scope.create(real));
                    loss = loss.add(CrossEntropy.patches(realSeg, scope.zeros(new Shape(real.length, 1, grid, grid))));
                }
                int correct = (int) out.logits().argMax(1).eq(targets).sum().getLong();
                float total = loss.getFloat();
                float cls = classification.getFloat();
                return new ForwardBackward.Loss<>(loss, total, new StepMetrics(labels.length, total, cls, total - cls, correct));
            });
            metrics = metrics.withPseudoLabels(scored[0]);
            if (!adam.stepIfFinite(metrics.loss())) {
                metrics = metrics.asSkipped();
            }
        }
        state.completeStep();
        return metrics;
    }

    /**
     * The batch's fake patches' pseudo labels (after the real patches in {@code targets}) against
     * their true masks; null unless every fake of the batch has a known mask.
     */
    private static PseudoLabelQuality score(NDArray targets, HostBatch batch, int reals, NDManager scope, int grid) {
        long[] fakes = indices(batch.labels(), 1);
        for (long f : fakes) {
            if (!batch.faces().get((int) f).maskKnown()) {
                return null;
            }
        }
        long cells = (long) grid * grid;
        NDArray labelled = targets.get(reals * cells + ":").toType(DataType.FLOAT32, false);
        NDArray forged = PatchLabels.fromMasks(batch.masks(scope).get(scope.create(fakes)), grid).reshape(-1);
        return new PseudoLabelQuality(labelled.size(), (long) labelled.sum().getFloat(), (long) forged.sum().getFloat(),
                (long) labelled.mul(forged).sum().getFloat());
    }

    private static long[] indices(long[] labels, long label) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                out.add((long) i);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
