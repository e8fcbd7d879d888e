package io.lvnet.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What produced a set of results: lvnet's version, the weights (file and SHA-256) and the
 * options used. Each file's own SHA-256 sits beside its result.
 *
 * @param lvnetVersion see {@link LvnetVersion}
 * @param weights the weights that scored the faces
 * @param options every option that shaped the results, with its value (defaults included)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        @JsonProperty("lvnet_version") String lvnetVersion,
        @JsonProperty("weights") Weights weights,
        @JsonProperty("options") Map<String, Object> options) {

    public Provenance {
        options = options == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * A weights file as results name it.
     *
     * @param file its path as given, or only its name where paths must not leak (the service)
     * @param sha256 the file's SHA-256; null for a network that was not read from a file
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Weights(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256) {

        /**
         * Hashes the file (about 0.2 s for full-size weights).
         *
         * @param nameOnly whether to keep only the file's name, not the folders above it
         */
        public static Weights of(Path weights, boolean nameOnly) throws IOException {
            String name = nameOnly ? weights.getFileName().toString() : weights.toString();
            return new Weights(name, Sha256.of(weights));
        }
    }

    /** This build's provenance for results of {@code weights} under {@code options}. */
    public static Provenance of(Weights weights, Map<String, Object> options) {
        return new Provenance(LvnetVersion.current(), weights, options);
    }
}
