package io.lvnet.weights;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How deeply the containers an unpickler builds are nested, so that a pickle nesting them
 * absurdly deep is refused while it is read. Depths are recorded by identity as containers
 * are filled and never found by walking them: a pickle can share and even cycle containers
 * through its memo, and a walk (or a {@code hashCode}) of such a graph can take exponential
 * time or overflow the stack.
 *
 * <p>The depth recorded is what the container held when it was filled; a container filled
 * before it was itself placed in another is not re-counted. The bound therefore catches
 * nesting built bottom-up, the way pickles are written; readers of the result never recurse
 * into it either way.
 */
final class ContainerDepths {
    private final Map<Object, Integer> depths = new IdentityHashMap<>();
    private final int limit;

    /** @param limit the deepest nesting accepted */
    ContainerDepths(int limit) {
        this.limit = limit;
    }

    /** Whether a value is a container: a tuple, list, dict or set. */
    static boolean isContainer(Object v) {
        return v instanceof Object[] || v instanceof List || v instanceof Map || v instanceof Set;
    }

    /** The nesting depth of a value: 0 for scalars, 1 for a container of scalars. */
    int of(Object v) {
        if (!isContainer(v)) {
            return 0;
        }
        Integer d = depths.get(v);
        return d == null ? 1 : d;
    }

    /**
     * Records that {@code container} now holds {@code items} (besides what it held before).
     *
     * @throws PickleFormatError when that nests deeper than the limit
     */
    void filled(Object container, Object[] items) {
        int deepest = 0;
        for (Object item : items) {
            deepest = Math.max(deepest, of(item));
        }
        record(container, deepest + 1);
    }

    /** Records that {@code container} now holds {@code item}. */
    void filledWith(Object container, Object item) {
        record(container, of(item) + 1);
    }

    /** Records that {@code made} was built from {@code from} and so is nested at most as deep. */
    void derived(Object made, Object from) {
        if (isContainer(made)) {
            record(made, of(from));
        }
    }

    /** Forgets every container, for the next pickle. */
    void clear() {
        depths.clear();
    }

    private void record(Object container, int depth) {
        if (depth > limit) {
            throw new PickleFormatError("pickle nests containers more than " + limit
                    + " levels deep");
        }
        if (depth > 1 && depth > of(container)) {
            depths.put(container, depth);
        }
    }
}
