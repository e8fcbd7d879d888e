package io.lvnet.model.layers;






import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * The parameter store of an {@link LvNetModel} inference pass. In bfloat16 mode {@link
 * io.lvnet.model.LvNet} converts its input to bfloat16, each layer reads its weights in the type
 * of its input ({@link #valueFor}), and the network converts its outputs back to float32. Each
 * weight is converted once, on first use, and kept for every later pass (converting on every
 * pass would cost more than the narrower arithmetic saves). Safe for concurrent passes.
 */
public final class InferenceParameters extends ParameterStore implements PassPrecision {
    private final Bfloat16 bfloat16;
    private final ConvertedWeights converted;

    /**
     * @param scope the pass's manager
     * @param bfloat16 the conversion in bfloat16 mode, or null for float32 throughout
     * @param converted the model's weights converted so far (shared by its passes)
     */
    public InferenceParameters(NDManager scope, Bfloat16 bfloat16, ConvertedWeights converted) {
        super(scope, false);
        this.bfloat16 = bfloat16;
        this.converted = converted;
    }

    /** A store for float32 passes. */
    public InferenceParameters(NDManager scope) {
        this(scope, null, new ConvertedWeights());
    }

    /** Whether the pass computes in bfloat16. */
    public boolean inBfloat16() {
        return bfloat16 != null;
    }

    /**
     * {@code parameter}'s value for a layer applied to {@code x}: in bfloat16 when {@code x} is
     * (in a bfloat16 pass), else as {@code ps} stores it. Every layer reads its weights so, so
     * that a module the pass keeps in float32 gets float32 weights.
     */
    public static NDArray valueFor(ParameterStore ps, Parameter parameter, NDArray x, boolean training) {
        NDArray v = ps.getValue(parameter, x.getDevice(), training);
        return ps instanceof PassPrecision p ? p.weightFor(v, x) : v;
    }

    /** An activation in bfloat16 (bfloat16 mode only). */
    public NDArray toBfloat16(NDArray x) {
        return bfloat16.from(x);
    }

    @Override
    public NDArray weightFor(NDArray w, NDArray x) {
        if (w == null || bfloat16 == null || !Bfloat16.isBfloat16(x) || Bfloat16.isBfloat16(w)) {
            return w;
        }
        return converted(w);
    }

    private NDArray converted(NDArray w) {
        return converted.get(w, weight -> {
            NDArray c = bfloat16.from(weight);
            NDScope.unregister(c); // it lives as long as the model, not the pass that made it
            return c;
        });
    }
}
