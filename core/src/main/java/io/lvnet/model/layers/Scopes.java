package io.lvnet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Early release of intermediate arrays. DJL frees an array only when it or its manager is
 * closed, so without scopes a forward pass would hold every intermediate map until the end
 * (gigabytes at batch 8), although autograd keeps only what backward needs (and keeps that
 * alive itself).
 */
public final class Scopes {
    private Scopes() {
    }

    /**
     * Runs {@code body} and closes every array it created except its result, which passes to
     * the enclosing scope, if any.
     */
    public static NDArray scoped(Supplier<NDArray> body) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    /** {@link #scoped(Supplier)} for several results. */
    public static NDList scopedList(Supplier<NDList> body) {
        NDList out;
        try (NDScope scope = new NDScope()) {
            out = body.get();
            NDScope.unregister(out);
        }
        out.forEach(NDScope::register);
        return out;
    }
}
