package io.lvnet.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.lvnet.model.layers.NamedBlock;
import io.lvnet.model.ReferenceNames;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.TensorData;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average of a network's weights over its training steps (Polyak
 * averaging, as timm's {@code ModelEmaV2}): {@code average = d * average + (1 - d) * weights}
 * after every applied step, for every floating parameter and batch-norm statistic, with {@code d
 * = min(decay, (1 + n) / (10 + n))} at the n-th update so that the first steps are not held back
 * by the random initialisation. Validation and the saved weights use the average; training
 * goes on from the network's own weights.
 *
 * <p>The average is a pure function of the steps taken, so a run resumed with its saved average
 * and update count continues it exactly.
 */
public final class WeightAverage implements AutoCloseable {
    private final Map<String, Parameter> params;
    private final double decay;
    private final NDManager manager;
    /** The averaged copy of each floating parameter and buffer, by reference name. */
    private final Map<String, NDArray> average = new LinkedHashMap<>();
    private long updates;

    /**
     * Starts the average at the network's current weights.
     *
     * @param decay the largest weight of the old average per step, in (0, 1)
     */
    public WeightAverage(NamedBlock net, double decay) {
        this(ReferenceNames.byReferenceName(net.namedParameters()), decay);
    }

    /** Starts the average at these parameters' current values (floating ones only). */
    WeightAverage(Map<String, Parameter> params, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("weight_average must be between 0 and 1 (exclusive), got " + decay);
        }
        this.params = params;
        this.decay = decay;
        NDManager owner = null;
        for (Parameter p : params.values()) {
            owner = p.getArray().getManager();
            break;
        }
        this.manager = owner == null ? NDManager.newBaseManager() : owner.newSubManager();
        params.forEach((name, p) -> {
            NDArray a = p.getArray();
            if (a.getDataType().isFloating()) {
                NDArray copy = a.duplicate();
                copy.attach(manager);
                average.put(name, copy);
            }
        });
    }

    /** The per-step decay. */
    public double decay() {
        return decay;
    }

    /** The updates so far. */
    public long updates() {
        return updates;
    }

    /** Folds the network's weights after a step into the average. */
    public void update() {
        double d = Math.min(decay, (1.0 + updates) / (10.0 + updates));
        for (Map.Entry<String, NDArray> e : average.entrySet()) {
            NDArray w = params.get(e.getKey()).getArray();
            try (NDArray step = w.sub(e.getValue())) {
                // average + (1 - d) (w - average) = d average + (1 - d) w, in place
                e.getValue().addi(step.muli(1 - d));
            }
        }
        updates++;
    }

    /** Exchanges the network's weights and the average (twice: back as before). */
    public void swap() {
        for (Map.Entry<String, NDArray> e : average.entrySet()) {
            NDArray w = params.get(e.getKey()).getArray();
            NDArray held = w.duplicate();
            w.set(e.getValue().toByteBuffer());
            e.getValue().set(held.toByteBuffer());
            held.close();
        }
    }

    /** The average as host tensors by reference name. */
    public Map<String, TensorData> export() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        average.forEach((name, a) -> out.put(name, StateDicts.toTensorData(a)));
        return out;
    }

    /** The network's own values of the averaged parameters, by reference name: what training goes on from. */
    public Map<String, TensorData> networkWeights() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        average.keySet().forEach(name -> out.put(name, StateDicts.toTensorData(params.get(name).getArray())));
        return out;
    }

    /**
     * Continues a saved run: the average is what the network holds now (the checkpoint's weights,
     * which are the average), the network's own weights become {@code network}.
     *
     * @param network the network's own weights when the checkpoint was saved ({@link #networkWeights})
     * @param updates the updates the average had taken
     * @throws IllegalArgumentException when an entry is missing, stray or of another shape
     */
    public void resume(Map<String, TensorData> network, long updates) {
        if (!network.keySet().equals(average.keySet())) {
            throw new IllegalArgumentException("the saved network weights name other parameters than the network's");
        }
        for (String name : average.keySet()) {
            NDArray w = params.get(name).getArray();
            if (!Arrays.equals(network.get(name).shape(), w.getShape().getShape())) {
                throw new IllegalArgumentException("the saved network weight " + name + " has another shape");
            }
        }
        for (String name : average.keySet()) {
            params.get(name).getArray().set(FloatBuffer.wrap(network.get(name).toFloats()));
        }
        this.updates = updates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
