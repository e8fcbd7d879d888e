package io.lvnet.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.lvnet.model.layers.Bfloat16;
import io.lvnet.model.layers.MixedPrecisionParameters;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetOutput;
import io.lvnet.model.StageMaps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The forward and backward pass of a training step, recomputing stages as {@link Recompute} says.
 *
 * <p>Plain ({@link Recompute#NONE}): forward in training mode under a gradient collector, then
 * backward of the loss.
 *
 * <p>Recomputing (gradient checkpointing, stage by stage): the recomputed stages, always the first
 * ones, run without recording and their maps are made leaves; the rest of the network runs from
 * them, recorded, and is backpropagated, which leaves on each map the gradient {@code g} of the
 * loss with respect to it, from every reader. Then, last stage first, each recomputed stage runs
 * again, recorded, from its predecessor's maps, and is backpropagated from {@code sum(map * g)},
 * whose gradient with respect to the map is exactly {@code g}: its parameters get their gradients
 * and its predecessor's maps the rest of theirs. Every parameter gets the gradient of the plain
 * pass, computed by the same kernels, while a step holds the saved activations of one stage (or of
 * the part run recorded) at a time; the price is a second forward of the recomputed stages.
 *
 * <p>The second run must see what the first saw: the stages draw no random numbers, and the
 * running statistics of the batch norms, which every training-mode run updates, are put back to
 * their values from before it.
 */
public final class ForwardBackward {
    private final LvNet net;
    private final Recompute recompute;

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
     * @param recompute which stages to recompute instead of keeping their activations (less
     *     memory, more time; same gradients)
     */
    public ForwardBackward(LvNet net, Recompute recompute) {
        this.net = net;
        this.recompute = recompute;
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
        StageMaps maps = new StageMaps();
        int recomputed = 0; // the recomputed stages are 0 .. recomputed - 1
        while (recomputed < StageMaps.COUNT && recompute.covers(recomputed)) {
            recomputed++;
        }
        int first = recomputed;
        withoutGradients(() -> {
            for (int k = 0; k < first; k++) {
                net.stage(ps, k, images, maps, true);
            }
        });
        for (int k = 0; k < first; k++) {
            maps.of(k).forEach(a -> a.setRequiresGradient(true));
        }
        T metrics;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            for (int k = first; k < StageMaps.COUNT; k++) {
                net.stage(ps, k, images, maps, true);
            }
            Loss<T> loss = lossOf.apply(net.heads(ps, maps, true));
            if (!Double.isFinite(loss.value())) {
                return loss.metrics();
            }
            gc.backward(loss.loss());
            metrics = loss.metrics();
        }
        if (first > 0) {
            try (RunningStatistics kept = RunningStatistics.of(net)) {
                for (int k = first - 1; k >= 0; k--) {
                    backwardThroughStage(ps, images, maps, k);
                }
            }
        }
        passGradients(ps);
        return metrics;
    }

    /**
     * Recomputes stage {@code k}, recorded, from its predecessor's maps and backpropagates the
     * gradients its maps were left with; then frees what it made.
     */
    private void backwardThroughStage(ParameterStore ps, NDArray images, StageMaps maps, int k) {
        List<NDArray> kept = maps.of(k);
        List<PtNDArray> gradients = new ArrayList<>();
        for (NDArray map : kept) {
            gradients.add(JniUtils.getGradient((PtNDArray) map)); // null where nothing reached it
        }
        if (gradients.stream().allMatch(g -> g == null)) {
            return; // nothing downstream reads this stage: its parameters get no gradient
        }
        try (NDScope scope = new NDScope()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                StageMaps again = maps.inputsOf(k);
                net.stage(ps, k, images, again, true);
                List<NDArray> recomputed = again.of(k);
                NDArray surrogate = null;
                for (int i = 0; i < recomputed.size(); i++) {
                    if (gradients.get(i) != null) {
                        NDArray product = recomputed.get(i).mul(gradients.get(i));
                        // backward from a bfloat16 scalar would abort: DJL cannot name its type
                        NDArray term = (Bfloat16.isBfloat16(product) ? Bfloat16.toFloat32Recorded(product) : product).sum();
                        surrogate = surrogate == null ? term : surrogate.add(term);
                    }
                }
                gc.backward(surrogate);
            }
        } finally {
            gradients.stream().filter(g -> g != null).forEach(NDArray::close);
        }
    }

    /** In a mixed-precision step, the gradients of the weights' bfloat16 copies to the weights. */
    private static void passGradients(ParameterStore ps) {
        if (ps instanceof MixedPrecisionParameters mixed) {
            mixed.passGradients();
        }
    }

    private static void withoutGradients(Runnable body) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            body.run();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
