package io.lvnet.train;

import io.lvnet.data.HostBatch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.lvnet.loss.CrossEntropy;
import io.lvnet.loss.Mixup;
import io.lvnet.loss.PatchLabels;
import io.lvnet.model.LvNet;

/**
 * One supervised optimizer step of LVNet on a batch: forward in training mode, loss =
 * cross-entropy of the logits against the labels + cross-entropy of the segmentation's patches
 * against the patch labels pooled from the masks, each term in its mixup form when mixup is
 * on; backward; one {@link Adam} step.
 *
 * <p>The step's randomness (dropout, mixup's lam and permutation) comes from {@link
 * TrainingState#nextStepSeed()}, so the step is a function of the weights, the optimizer state,
 * the batch and (seed, step): a run resumed from saved weights and {@link TrainingState} takes
 * bit-identical steps. Every array the step creates is closed before it returns.
 *
 * <p>A step whose loss or gradients are NaN or infinite updates nothing (see {@link
 * Adam#stepIfFinite}) and says so in its metrics; it still counts as a step.
 */
public final class SupervisedStep implements TrainingStep {
    private final LvNet net;
    private final TrainingState state;
    private final boolean mixup;
    private final ForwardBackward pass;
    private final StepOptions options;

    /**
     * @param net the network, bound to {@code state}'s optimizer
     * @param state the run's optimizer, schedule and counters; advanced by each step
     * @param options mixup (the reference's default) and which stages to recompute
     */
    public SupervisedStep(LvNet net, TrainingState state, StepOptions options) {
        this.net = net;
        this.state = state;
        this.mixup = options.mixup();
        this.pass = new ForwardBackward(net, options.recompute());
        this.options = options;
    }

    @Override
    public StepMetrics run(HostBatch batch, ai.djl.ndarray.NDManager scope, int epoch) {
        return run(batch.images(scope), batch.labels(scope), batch.masks(scope));
    }

    /**
     * Trains on one batch.
     *
     * @param images B x 3 x H x W, normalised to [-1, 1], H = W = the network's input size
     * @param labels B class indices (0 = real, 1 = fake), any integer type
     * @param masks B x 1 x H x W binary forgery masks (all zero for real faces)
     * @return the loss terms and accuracy of the batch before the update, and whether the
     *     update was skipped
     */
    public StepMetrics run(NDArray images, NDArray labels, NDArray masks) {
        int batch = checkShapes(images, labels, masks);
        StepSeed seed = state.nextStepSeed();
        seed.seedEngine();
        Mixup mix = mixup ? Mixup.draw(seed.random(), batch) : Mixup.none(batch);
        Adam adam = state.optimizer();
        adam.zeroGradients();
        StepMetrics metrics;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray targets = labels.toType(DataType.INT64, false);
            NDArray patchTargets = PatchLabels.fromMasks(masks, net.config().patchGrid());
            NDArray dominant = mix.lam() >= 0.5 ? targets : mix.permute(targets);
            metrics = pass.run(options.parametersFor(images.getManager()), mix.mix(images), out -> {
                NDArray classification = mix.loss(t -> CrossEntropy.of(out.logits(), t), targets);
                NDArray patches = mix.loss(t -> CrossEntropy.patches(out.segmentation(), t), patchTargets);
                NDArray loss = classification.add(patches);
                int correct = (int) out.logits().argMax(1).eq(dominant).sum().getLong();
                float total = loss.getFloat();
                return new ForwardBackward.Loss<>(loss, total,
                        new StepMetrics(batch, total, classification.getFloat(), patches.getFloat(), correct));
            });
            if (!adam.stepIfFinite(metrics.loss())) {
                metrics = metrics.asSkipped();
            }
        }
        state.completeStep();
        return metrics;
    }

    private int checkShapes(NDArray images, NDArray labels, NDArray masks) {
        Shape s = images.getShape();
        int size = net.config().inputSize();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != size || s.get(3) != size) {
            throw new IllegalArgumentException("images must be B x 3 x " + size + " x " + size + ", got " + s);
        }
        long b = s.get(0);
        if (!labels.getShape().equals(new Shape(b))) {
            throw new IllegalArgumentException("labels must have shape (" + b + "), got " + labels.getShape());
        }
        if (!masks.getShape().equals(new Shape(b, 1, size, size))) {
            throw new IllegalArgumentException("masks must be " + b + " x 1 x " + size + " x " + size
                    + ", got " + masks.getShape());
        }
        return Math.toIntExact(b);
    }
}
