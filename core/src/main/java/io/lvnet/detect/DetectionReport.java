package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/** The JSON document {@code lvnet detect --json} prints: one entry per input file. */
public record DetectionReport(@JsonProperty("files") List<FileResult> files) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // readers skip what they do not know: the service adds overlays beside "files"
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The report as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a report (for clients and tests); unknown fields are ignored. */
    public static DetectionReport fromJson(String json) throws java.io.IOException {
        return JSON.readValue(json, DetectionReport.class);
    }
}
