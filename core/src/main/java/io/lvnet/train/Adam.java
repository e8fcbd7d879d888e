package io.lvnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.lvnet.model.layers.NamedBlock;
import io.lvnet.model.ReferenceNames;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with the semantics of PyTorch's {@code torch.optim.Adam} (no amsgrad), which the
 * reference trains with; DJL's own Adam differs (weight decay, bias correction, epsilon).
 *
 * <p>For each parameter that takes part in a step, with t its own step count:
 *
 * <pre>
 * g = grad + wd * p            (only for decayed parameters, see {@link #decays})
 * m = b1 * m + (1 - b1) * g
 * v = b2 * v + (1 - b2) * g * g
 * p = p - (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <p><b>Which parameters take part.</b> Exactly those PyTorch's Adam would update: a parameter
 * that requires a gradient and whose gradient is <em>defined</em>, i.e. some backward pass has
 * reached it since it was created or loaded. PyTorch skips a parameter whose {@code .grad} is
 * None; LVNet's structurally unused parameters (the RGB stream's exit flow, both Xception
 * classifiers, the CMCE and LFGA batch norms and CMCE's stage convolutions) never get a
 * gradient, so they are never changed, not even by weight decay, and get no moments. DJL's
 * {@code getGradient()} would hide the difference by returning zeros, so the gradient is read
 * through the PyTorch engine's {@link JniUtils#getGradient}, which returns null when undefined;
 * this ties the optimizer to the PyTorch engine, the only one this project runs on.
 *
 * <p>{@link #zeroGradients} zeroes gradients in place, as {@code zero_grad(set_to_none=False)}
 * of PyTorch 1.13 (the reference's version) does: a parameter that has been reached once keeps
 * stepping, with a zero gradient if a later pass does not reach it. DJL's gradient collector
 * does not zero anything, so without that call gradients would accumulate across steps.
 *
 * <p>Updates are made in place with autograd off, so the parameters keep their identity,
 * gradient attachment and type (float32). Moments live in a manager that this optimizer owns;
 * {@link #close} frees them.
 */
public final class Adam implements AutoCloseable {
    private final NDManager manager;
    private final AdamSettings settings;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private double learningRate;

    /** A parameter and its optimizer state. */
    private static final class Slot {
        final Parameter parameter;
        final boolean decayed;
        NDArray expAvg;
        NDArray expAvgSq;
        long steps;

        Slot(Parameter parameter, boolean decayed) {
            this.parameter = parameter;
            this.decayed = decayed;
        }

        void clear() {
            if (expAvg != null) {
                expAvg.close();
                expAvgSq.close();
            }
            expAvg = null;
            expAvgSq = null;
            steps = 0;
        }
    }

    /**
     * The saved state of one parameter, as PyTorch's optimizer state holds it.
     *
     * @param expAvg the first moment {@code exp_avg}, float32, the parameter's shape
     * @param expAvgSq the second moment {@code exp_avg_sq}
     * @param steps how many steps this parameter has taken ({@code step})
     */
    public record ParameterState(TensorData expAvg, TensorData expAvgSq, long steps) {
    }

    /**
     * An optimizer over {@code parameters}; those that take no gradient (buffers) are ignored.
     *
     * @param parameters parameters by name (reference names, which decide weight decay and key
     *     the saved state), in a stable order
     * @param settings hyper-parameters; the learning rate starts at theirs
     */
    public Adam(Map<String, Parameter> parameters, AdamSettings settings) {
        this.settings = settings;
        this.learningRate = settings.learningRate();
        NDManager owner = null;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            Parameter p = e.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            if (owner == null) {
                owner = NDManager.newBaseManager(p.getArray().getDevice());
            }
            slots.put(e.getKey(), new Slot(p, decays(e.getKey(), p.getArray().getShape())));
        }
        this.manager = owner == null ? NDManager.newBaseManager() : owner;
    }

    /** An optimizer over every trainable parameter of {@code net}, keyed by reference name. */
    public static Adam forNetwork(NamedBlock net, AdamSettings settings) {
        return new Adam(ReferenceNames.byReferenceName(net.namedParameters()), settings);
    }

    /**
     * Whether weight decay applies: only to parameters of more than one dimension that are not
     * biases, as the reference groups them (batch-norm scales and biases are not decayed).
     */
    public static boolean decays(String name, Shape shape) {
        boolean bias = name.equals("bias") || name.endsWith(".bias");
        return shape.dimension() > 1 && !bias;
    }

    public AdamSettings settings() {
        return settings;
    }

    /** The learning rate the next step uses. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate of the following steps (what a schedule does). */
    public void setLearningRate(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("learning rate must be >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** Names of the parameters this optimizer may update, in order. */
    public Set<String> parameterNames() {
        return Collections.unmodifiableSet(slots.keySet());
    }

    /** Zeroes every defined gradient in place; undefined ones stay undefined. */
    public void zeroGradients() {
        for (Slot s : slots.values()) {
            JniUtils.zeroGrad((PtNDArray) s.parameter.getArray());
        }
    }

    /**
     * Updates every parameter whose gradient is defined.
     *
     * @return how many parameters were updated
     */
    public int step() {
        boolean gradMode = JniUtils.isGradMode();
        // updates of leaves that require grad must not be recorded by autograd
        JniUtils.setGradMode(false);
        try {
            int updated = 0;
            for (Slot s : slots.values()) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    PtNDArray grad = JniUtils.getGradient((PtNDArray) s.parameter.getArray());
                    if (grad != null) {
                        update(s, grad);
                        updated++;
                    }
                }
            }
            return updated;
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * Updates as {@link #step} does when {@code loss} and every defined gradient are finite, and
     * otherwise changes nothing, not even the moments or step counts: one NaN or infinite
     * gradient would make every parameter it reaches NaN for good.
     *
     * @param loss the value of the loss the gradients come from
     * @return whether the parameters were updated
     */
    public boolean stepIfFinite(double loss) {
        if (!Double.isFinite(loss) || !gradientsFinite()) {
            return false;
        }
        step();
        return true;
    }

    /**
     * Whether every defined gradient is finite. One sum per gradient and a single read of their
     * total: a NaN or infinity anywhere makes the total NaN or infinite. (So would finite
     * gradients summing beyond float's range, about 3e38, which no sane step has.)
     */
    public boolean gradientsFinite() {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList sums = new NDList();
            for (Slot s : slots.values()) {
                PtNDArray grad = JniUtils.getGradient((PtNDArray) s.parameter.getArray());
                if (grad != null) {
                    sums.add(grad.sum());
                }
            }
            return sums.isEmpty() || Float.isFinite(NDArrays.stack(sums).sum().getFloat());
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** One PyTorch Adam update; temporaries belong to the caller's scope. */
    private void update(Slot s, NDArray grad) {
        NDArray p = s.parameter.getArray();
        if (s.expAvg == null) {
            s.expAvg = persistent(manager.zeros(p.getShape(), DataType.FLOAT32));
            s.expAvgSq = persistent(manager.zeros(p.getShape(), DataType.FLOAT32));
        }
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        // scalars are float32, as PyTorch's CPU kernels cast them for float tensors; the operand
        // order follows add(alpha=), addcmul_ and addcdiv_
        NDArray g = s.decayed ? grad.add(p.mul((float) settings.weightDecay())) : grad;
        s.expAvg.muli((float) b1).addi(g.mul((float) (1 - b1)));
        s.expAvgSq.muli((float) b2).addi(g.mul((float) (1 - b2)).mul(g));
        s.steps++;
        double bc1 = 1 - Math.pow(b1, s.steps);
        double bc2 = 1 - Math.pow(b2, s.steps);
        double stepSize = learningRate / bc1;
        NDArray denom = s.expAvgSq.sqrt().div((float) Math.sqrt(bc2)).add((float) settings.eps());
        p.addi(s.expAvg.mul((float) -stepSize).div(denom));
    }

    /** Takes an array out of any enclosing scope: moments outlive the step that made them. */
    private static NDArray persistent(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    /** The state of every parameter that has stepped, by name, in order (host copies). */
    public Map<String, ParameterState> state() {
        Map<String, ParameterState> out = new LinkedHashMap<>();
        slots.forEach((name, s) -> {
            if (s.expAvg != null) {
                out.put(name, new ParameterState(StateDicts.toTensorData(s.expAvg),
                        StateDicts.toTensorData(s.expAvgSq), s.steps));
            }
        });
        return out;
    }

    /**
     * Replaces the whole optimizer state: parameters absent from {@code state} start afresh,
     * as if they had never stepped. Nothing changes when the state does not fit.
     *
     * @throws IllegalArgumentException naming the entry when a name is unknown, a shape differs
     *     from the parameter's or a step count is not positive
     */
    public void restore(Map<String, ParameterState> state) {
        for (Map.Entry<String, ParameterState> e : state.entrySet()) {
            Slot s = slots.get(e.getKey());
            if (s == null) {
                throw new IllegalArgumentException("no trainable parameter named " + e.getKey());
            }
            long[] shape = s.parameter.getArray().getShape().getShape();
            ParameterState ps = e.getValue();
            if (!Arrays.equals(shape, ps.expAvg().shape()) || !Arrays.equals(shape, ps.expAvgSq().shape())) {
                throw new IllegalArgumentException("moments of " + e.getKey() + " have shapes "
                        + Arrays.toString(ps.expAvg().shape()) + " and " + Arrays.toString(ps.expAvgSq().shape())
                        + ", the parameter " + Arrays.toString(shape));
            }
            if (ps.steps() < 1) {
                throw new IllegalArgumentException("step count of " + e.getKey() + " is " + ps.steps());
            }
        }
        slots.values().forEach(Slot::clear);
        state.forEach((name, ps) -> {
            Slot s = slots.get(name);
            s.expAvg = persistent(hostCopy(ps.expAvg()));
            s.expAvgSq = persistent(hostCopy(ps.expAvgSq()));
            s.steps = ps.steps();
        });
    }

    /** An engine array with its own memory: the source may be a read-only mapped file. */
    private NDArray hostCopy(TensorData t) {
        return manager.create(t.toFloats(), new Shape(t.shape()));
    }

    /** Frees the moments. */
    @Override
    public void close() {
        manager.close();
    }
}
