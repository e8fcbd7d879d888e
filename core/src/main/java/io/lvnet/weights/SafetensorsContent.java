package io.lvnet.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds: its tensors, in the order of their data in the file, and
 * its free-form string metadata ({@code __metadata__}). Both maps are unmodifiable.
 *
 * @param tensors tensors by name, ordered by data offset
 * @param metadata the header's string metadata, empty when the file has none
 */
public record SafetensorsContent(Map<String, TensorData> tensors, Map<String, String> metadata) {
    /** Copies both maps, keeping their iteration order. */
    public SafetensorsContent {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
