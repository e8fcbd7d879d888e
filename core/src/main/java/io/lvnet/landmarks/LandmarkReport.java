package io.lvnet.landmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON document {@code lvnet landmarks --json} prints:
 * {@code {"files": [{"path", "faces": [{"box", "points", "regions"}], "error"}]}}.
 */
public record LandmarkReport(@JsonProperty("files") List<FileEntry> files) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One picture.
     *
     * @param path as given
     * @param faces the faces found (or the box given), best first; empty when it failed
     * @param error why the picture could not be read, else null (and left out of the JSON)
     */
    public record FileEntry(
            @JsonProperty("path") String path,
            @JsonProperty("faces") List<FaceEntry> faces,
            @JsonProperty("error") @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

        public boolean failed() {
            return error != null;
        }
    }

    /**
     * One face.
     *
     * @param box {@code [x, y, width, height]} (dlib's rectangle is {@code [x, y, x + width - 1, y + height - 1]})
     * @param points the 68 landmarks, {@code [x, y]} in whole pixels, dlib's order
     * @param regions the reference regions {@code mouth}, {@code eyes} and {@code nose} with the
     *     reference's 5 px margin, {@code [x, y, width, height]}, clipped to the picture
     */
    public record FaceEntry(
            @JsonProperty("box") int[] box,
            @JsonProperty("points") int[][] points,
            @JsonProperty("regions") Map<String, int[]> regions) {

        /** The entry of a face's landmarks in a {@code width x height} picture. */
        public static FaceEntry of(io.lvnet.data.FaceBox box, Landmarks landmarks, int width, int height) {
            Map<String, int[]> regions = new LinkedHashMap<>();
            for (FacialPart part : new FacialPart[] {FacialPart.MOUTH, FacialPart.EYES, FacialPart.NOSE}) {
                regions.put(part.label(), landmarks.region(part, Landmarks.REFERENCE_MARGIN).clip(width, height).toXywh());
            }
            return new FaceEntry(new int[] {box.x(), box.y(), box.width(), box.height()}, landmarks.points(), regions);
        }
    }

    /** The report as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a report (for clients and tests). */
    public static LandmarkReport fromJson(String json) throws IOException {
        return JSON.readValue(json, LandmarkReport.class);
    }
}
