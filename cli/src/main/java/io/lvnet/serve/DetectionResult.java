package io.lvnet.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.detect.FileResult;
import io.lvnet.provenance.Provenance;
import java.util.List;

/**
 * The answer to {@code POST /v1/detect}: the document {@code lvnet detect --json} prints for
 * the file, plus, when the request asked for {@code overlays}, the heatmap overlays and a
 * video's score-over-time chart as base64 PNGs.
 *
 * @param files the one scanned file, as in {@code lvnet detect}
 * @param overlays every face of an image, or a video's most suspicious face; null unless asked
 * @param timeline a video's fake probability over time (PNG, base64); null unless asked
 * @param provenance lvnet's version, the weights (name and SHA-256) and the request's options;
 *     null where the detector does not know its weights' file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DetectionResult(
        @JsonProperty("files") List<FileResult> files,
        @JsonProperty("overlays") List<Overlay> overlays,
        @JsonProperty("timeline") String timeline,
        @JsonProperty("provenance") Provenance provenance) {

    /** A result without provenance (detectors that are not backed by a weights file). */
    public DetectionResult(List<FileResult> files, List<Overlay> overlays, String timeline) {
        this(files, overlays, timeline, null);
    }

    /**
     * One face's heatmap overlay, as {@code lvnet detect --out} draws it.
     *
     * @param frame the video frame's index, null for an image
     * @param face the face's index in its picture
     * @param fakeProbability the face's verdict
     * @param png the overlay (PNG, base64)
     */
    public record Overlay(
            @JsonProperty("frame") Integer frame,
            @JsonProperty("face") int face,
            @JsonProperty("fake_probability") float fakeProbability,
            @JsonProperty("png") String png) {
    }

    /** The scanned file. */
    public FileResult file() {
        return files.get(0);
    }
}
