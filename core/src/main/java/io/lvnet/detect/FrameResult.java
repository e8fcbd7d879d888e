package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One sampled video frame: its index and time, its faces, and its fake probability (the
 * highest of its faces', null when it has none).
 */
public record FrameResult(
        @JsonProperty("index") int index,
        @JsonProperty("time_s") double timeSeconds,
        @JsonProperty("faces") List<FaceResult> faces,
        @JsonProperty("fake_probability") Float fakeProbability) {

    /** A frame with these faces. */
    public static FrameResult of(int index, double timeSeconds, List<FaceResult> faces) {
        return new FrameResult(index, timeSeconds, List.copyOf(faces),
                faces.stream().map(FaceResult::fakeProbability).max(Float::compare).orElse(null));
    }
}
