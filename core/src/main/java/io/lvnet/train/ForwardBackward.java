package io.lvnet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.MixedPrecisionParameters;
import io.lvnet.model.EarlyStages;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The forward and backward pass of a training step, optionally recomputing the early stages.
 *
 * <p>Plain: forward in training mode under a gradient collector, then backward of the loss.
 *
 * <p>Recomputing (gradient checkpointing of the early stages): stages 0..2 of both streams
 * and their CMCE work at the highest resolutions and, at 299 px, hold about half of what a
 * step keeps for backward. They first run without recording; the rest of the network runs from
 * their maps, made leaves, and is backpropagated, which leaves each map's gradient {@code g} on
 * it; then the early stages run again, recorded, and are backpropagated from {@code
 * sum(map * g)}, whose gradient with respect to the map is exactly {@code g}. Every parameter
 * gets the gradient of the plain pass, computed by the same kernels, while the two halves'
 * activations are never held at once; the price is a second forward of the early stages.
 *
 * <p>The second run must see what the first saw: the early stages draw no random numbers, and
 * the running statistics of the batch norms, which every training-mode run updates, are put
 * back to their values from before it.
 */
public final class ForwardBackward {
    private final LvNet net;
    private final boolean recomputeEarlyStages;

    /**
     * The loss to differentiate and the step's metrics, computed from the forward's output.
     *
     * @param loss the scalar loss
     * @param value its value, read once for the metrics: when it is NaN or infinite there is
     *     no backward pass (its gradients could only be NaN)
     * @param metrics what the step measured
     */
    public record Loss<T>(NDArray loss, double value, T metrics) {
    }

    /**
     * @param net the network being trained
     * @param recomputeEarlyStages whether to recompute the early stages instead of keeping
     *     their activations (less memory, a little more time; same gradients)
     */
    public ForwardBackward(LvNet net, boolean recomputeEarlyStages) {
        this.net = net;
        this.recomputeEarlyStages = recomputeEarlyStages;
    }

    /**
     * Runs the network on {@code images} in training mode and accumulates the gradients of
     * {@code lossOf}'s loss into the parameters, unless that loss is not finite: then the
     * gradients are left as they were.
     *
     * @return the metrics {@code lossOf} computed
     */
    public <T> T run(ParameterStore ps, NDArray images, Function<LvNetOutput, Loss<T>> lossOf) {
        try {
            return runOnce(ps, images, lossOf);
        } finally {
            if (ps instanceof MixedPrecisionParameters mixed) {
                mixed.close();
            }
        }
    }

    private <T> T runOnce(ParameterStore ps, NDArray images, Function<LvNetOutput, Loss<T>> lossOf) {
        T metrics;
        if (!recomputeEarlyStages) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Loss<T> loss = lossOf.apply(net.forward(ps, images, true));
                if (!Double.isFinite(loss.value())) {
                    return loss.metrics();
                }
                gc.backward(loss.loss());
                metrics = loss.metrics();
            }
            passGradients(ps);
            return metrics;
        }
        EarlyStages early = withoutGradients(() -> net.earlyStages(ps, images, true));
        List<NDArray> leaves = early.distinct();
        leaves.forEach(a -> a.setRequiresGradient(true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Loss<T> loss = lossOf.apply(net.forwardFromEarlyStages(ps, early, true));
            if (!Double.isFinite(loss.value())) {
                return loss.metrics();
            }
            gc.backward(loss.loss());
            metrics = loss.metrics();
        }
        List<PtNDArray> gradients = new ArrayList<>();
        for (NDArray leaf : leaves) {
            gradients.add(JniUtils.getGradient((PtNDArray) leaf)); // null where nothing reached it
        }
        try (RunningStatistics kept = RunningStatistics.of(net)) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                List<NDArray> maps = net.earlyStages(ps, images, true).distinct();
                NDArray surrogate = null;
                for (int i = 0; i < maps.size(); i++) {
                    if (gradients.get(i) != null) {
                        NDArray product = maps.get(i).mul(gradients.get(i));
                        // backward from a bfloat16 scalar would abort: DJL cannot name its type
                        NDArray term = (Bfloat16.isBfloat16(product) ? Bfloat16.toFloat32Recorded(product) : product).sum();
                        surrogate = surrogate == null ? term : surrogate.add(term);
                    }
                }
                if (surrogate != null) {
                    gc.backward(surrogate);
                }
            }
        }
        passGradients(ps);
        return metrics;
    }

    /** In a mixed-precision step, the gradients of the weights' bfloat16 copies to the weights. */
    private static void passGradients(ParameterStore ps) {
        if (ps instanceof MixedPrecisionParameters mixed) {
            mixed.passGradients();
        }
    }

    private static <T> T withoutGradients(Supplier<T> body) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
