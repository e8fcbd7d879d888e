package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a scan found in one file: its faces, the file's fake probability (the highest of its
 * faces), or the error that stopped it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileResult(
        @JsonProperty("path") String path,
        @JsonProperty("type") String type,
        @JsonProperty("faces") List<FaceResult> faces,
        @JsonProperty("fake_probability") Float fakeProbability,
        @JsonProperty("error") String error) {

    /** A file that could not be scanned. */
    public static FileResult failed(String path, String type, String error) {
        return new FileResult(path, type, List.of(), null, error);
    }

    /** A scanned file; its probability is the highest of its faces' (null without faces). */
    public static FileResult of(String path, String type, List<FaceResult> faces) {
        Float p = faces.stream().map(FaceResult::fakeProbability).max(Float::compare).orElse(null);
        return new FileResult(path, type, List.copyOf(faces), p, null);
    }

    /** Whether scanning failed. */
    public boolean failed() {
        return error != null;
    }
}
