package io.lvnet.weights;

import java.util.LinkedHashMap;

/**
 * A Python {@code collections.OrderedDict} read from a pickle: a map that keeps insertion
 * order. The instance attributes a pickle may set on it with BUILD (a state dict's
 * {@code _metadata}) are accepted and dropped.
 */
final class PickledOrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
}
