package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A model's weights converted to another type, each once, keyed by the identity of the
 * original array. DJL's arrays compare by content and all hash to 0, so they cannot be keys of
 * an ordinary map: every lookup would compare tensors element by element. Safe for concurrent
 * passes.
 */
public final class ConvertedWeights {
    private final Map<Identity, NDArray> converted = new ConcurrentHashMap<>();

    /** An array compared by identity. */
    private record Identity(NDArray array) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.array == array;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(array);
        }
    }

    /** {@code weight} converted by {@code convert}, converting only the first time. */
    public NDArray get(NDArray weight, UnaryOperator<NDArray> convert) {
        return converted.computeIfAbsent(new Identity(weight), k -> convert.apply(weight));
    }
}
