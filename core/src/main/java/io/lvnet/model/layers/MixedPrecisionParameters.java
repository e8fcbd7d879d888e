package io.lvnet.model.layers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameter store of a bfloat16 mixed-precision training step. The weights and the
 * optimizer's state stay float32. The two streams and the modules between their stages (CMCE,
 * LFGA) compute in bfloat16 from the network's input on; MPFF, the Hadamard fusion, the heads and
 * the loss read the stage maps converted back to float32 (a conversion autograd records).
 *
 * <p>Each weight is read as a bfloat16 copy, made once per step by {@link Bfloat16#forTraining},
 * which autograd records where it is on: the gradient reaches the float32 weight in backward.
 * The first run of recomputed early stages has autograd off, and the recorded second run reuses
 * its copies: those become leaves of their own, and {@link #passGradients} hands their gradients
 * on (backward of {@code sum(w * g)}). The network's input and the SRM filter's output need no
 * gradient. Batch norms read
 * their float32 parameters as stored (libtorch normalises a bfloat16 input with float32
 * statistics), so their running statistics are updated in place. One store per step: the
 * weights change between steps.
 */
public final class MixedPrecisionParameters extends ParameterStore implements PassPrecision, AutoCloseable {
    private final Bfloat16 bfloat16;
    private final ConvertedWeights converted = new ConvertedWeights();
    private final List<NDArray[]> copies = new ArrayList<>();

    /**
     * @param scope the step's manager
     * @param bfloat16 the conversion
     */
    public MixedPrecisionParameters(NDManager scope, Bfloat16 bfloat16) {
        super(scope, false);
        this.bfloat16 = bfloat16;
    }

    /** An input that needs no gradient (the faces, the SRM filter's output) in bfloat16. */
    public NDArray toBfloat16(NDArray x) {
        return bfloat16.forTraining(x);
    }

    @Override
    public NDArray weightFor(NDArray w, NDArray x) {
        if (w == null || !Bfloat16.isBfloat16(x) || Bfloat16.isBfloat16(w)) {
            return w;
        }
        // once per step: recomputed early stages read the same copies, so their gradients add up
        return converted.get(w, weight -> {
            NDArray copy = bfloat16.forTraining(weight);
            NDScope.unregister(copy); // lives for the step, not the layer's scope: see close
            boolean recorded = JniUtils.isGradMode();
            if (!recorded) {
                // made where autograd is off (the first run of recomputed early stages): a leaf
                // of its own, whose gradient passGradients hands on
                copy.setRequiresGradient(true);
            }
            synchronized (copies) {
                copies.add(new NDArray[] {weight, copy, recorded ? null : copy});
            }
            return copy;
        });
    }

    /**
     * Adds the gradients left on the bfloat16 copies to their float32 weights' gradients. Call
     * once, after the step's backward passes.
     */
    public void passGradients() {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray surrogate = null;
            for (NDArray[] pair : copies) {
                if (pair[2] == null) {
                    continue; // recorded: its gradient went to the weight in backward
                }
                PtNDArray g = JniUtils.getGradient((PtNDArray) pair[1]); // null where nothing reached it
                if (g != null) {
                    NDArray term = pair[0].mul(Bfloat16.toFloat32(g)).sum();
                    surrogate = surrogate == null ? term : surrogate.add(term);
                }
            }
            if (surrogate != null) {
                gc.backward(surrogate);
            }
        }
    }

    /** Frees the step's bfloat16 copies of the weights. */
    @Override
    public void close() {
        for (NDArray[] pair : copies) {
            pair[1].close();
        }
        copies.clear();
    }
}
