package io.lvnet.testing;

import ai.djl.ndarray.NDManager;
import io.lvnet.model.LvNet;
import io.lvnet.model.LvNetConfig;
import io.lvnet.model.Variant;
import io.lvnet.weights.StateDicts;
import io.lvnet.weights.WeightsFormatException;
import java.util.EnumMap;
import java.util.Map;

/**
 * Full-size networks loaded with the goldens' formula weights, built once per JVM because
 * building and filling 63 M parameters takes seconds.
 */
public final class ReferenceModels {
    private static final NDManager MANAGER = NDManager.newBaseManager();
    private static final Map<Variant, LvNet> CACHE = new EnumMap<>(Variant.class);

    private ReferenceModels() {
    }

    /** The reference-size network of {@code variant} with formula weights (shared: do not train it). */
    public static synchronized LvNet formulaWeighted(Variant variant) {
        return CACHE.computeIfAbsent(variant, v -> build(v));
    }

    /** A fresh reference-size network with formula weights, owned by the caller's manager. */
    public static LvNet freshFormulaWeighted(Variant variant, NDManager manager) {
        LvNet net = LvNet.create(LvNetConfig.REFERENCE.withVariant(variant), manager);
        String keys = variant == Variant.SUPERVISED ? "lvnet_state_dict_keys.txt" : "lvnet_semi_state_dict_keys.txt";
        try {
            // counters and the SRM kernel keep their own values: a partial load by design
            StateDicts.load(net, FormulaWeights.forKeys(Goldens.keys(keys)), false);
        } catch (WeightsFormatException e) {
            throw new IllegalStateException(e);
        }
        return net;
    }

    private static LvNet build(Variant v) {
        return freshFormulaWeighted(v, MANAGER);
    }
}
