package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lvnet.calibrate.VerdictRule;
import io.lvnet.provenance.Provenance;
import java.util.List;

/**
 * The JSON document {@code lvnet detect --json} prints: one entry per input file, and how the
 * verdicts were reached.
 *
 * @param files one result per input file
 * @param verdicts the rule behind every face's verdict, or null where it is not told
 * @param provenance lvnet's version, the weights and the options behind the results, or null where not told
 */
public record DetectionReport(@JsonProperty("files") List<FileResult> files,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("verdicts") Verdicts verdicts,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("provenance") Provenance provenance) {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // readers skip what they do not know: the service adds overlays beside "files"
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * How the faces were judged.
     *
     * @param calibrated whether {@code fake_probability} is calibrated (the weights carry a calibration)
     * @param method the calibration's method (temperature or isotonic), null without one
     * @param operatingPoint the chosen operating point, null for a plain threshold
     * @param fakeFrom probability from which a face is fake
     * @param realBelow probability below which a face is real; in between it is inconclusive
     */
    public record Verdicts(@JsonProperty("calibrated") boolean calibrated, @JsonProperty("method") String method,
            @JsonProperty("operating_point") String operatingPoint, @JsonProperty("fake_from") double fakeFrom,
            @JsonProperty("real_below") double realBelow) {

        /** The rule's thresholds, with the calibration's method (null for uncalibrated weights). */
        public static Verdicts of(VerdictRule rule, String calibrationMethod) {
            return new Verdicts(calibrationMethod != null, calibrationMethod,
                    rule.operatingPoint() == null ? null : rule.operatingPoint().label(), rule.fakeFrom(), rule.realBelow());
        }
    }

    /** The files alone. */
    public DetectionReport(List<FileResult> files) {
        this(files, null, null);
    }

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
