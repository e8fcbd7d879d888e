package io.lvnet.detect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lvnet.calibrate.VerdictRule;
import java.util.List;

/**
 * What a scan found in one file, or the error that stopped it. An image's fake probability is
 * the highest of its faces'. A video lists its sampled frames and its people (faces linked across
 * frames, {@link PersonResult}); its probability is its most suspicious person's, and {@code
 * fake_probability_max_faces} the mean over frames of each frame's highest face score (as SBI
 * evaluates). Files without faces have no probability. {@code sha256}
 * is the digest of the file's bytes, as {@code sha256sum} prints it (null where it could not be read).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FileResult(
        @JsonProperty("path") String path,
        @JsonProperty("type") String type,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("sha256") String sha256,
        @JsonProperty("faces") List<FaceResult> faces,
        @JsonProperty("fake_probability") Float fakeProbability,
        @JsonProperty("error") String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("frames") List<FrameResult> frames,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("fake_probability_max_faces") Float maxFacesProbability,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("people") List<PersonResult> people) {

    /** A result without people (an image, or a video read back from where they were not kept). */
    public FileResult(String path, String type, String sha256, List<FaceResult> faces, Float fakeProbability, String error,
            List<FrameResult> frames, Float maxFacesProbability) {
        this(path, type, sha256, faces, fakeProbability, error, frames, maxFacesProbability, null);
    }

    /** A file that could not be scanned. */
    public static FileResult failed(String path, String type, String error) {
        return new FileResult(path, type, null, List.of(), null, error, type.equals("video") ? List.of() : null, null);
    }

    /** A scanned image; its probability is the highest of its faces' (null without faces). */
    public static FileResult of(String path, String type, List<FaceResult> faces) {
        Float p = faces.stream().map(FaceResult::fakeProbability).max(Float::compare).orElse(null);
        return new FileResult(path, type, null, List.copyOf(faces), p, null, null, null);
    }

    /**
     * A scanned video: faces are listed per frame, each with its person; the file's top-level
     * face list stays empty.
     *
     * @param rule judges each person
     */
    public static FileResult ofVideo(String path, List<FrameResult> frames, VerdictRule rule) {
        double maxSum = 0;
        int framesWithFaces = 0;
        for (FrameResult f : frames) {
            if (f.fakeProbability() != null) {
                maxSum += f.fakeProbability();
                framesWithFaces++;
            }
        }
        List<PersonResult> people = PersonResult.of(frames, rule);
        Float p = people.stream().map(PersonResult::fakeProbability).max(Float::compare).orElse(null);
        return new FileResult(path, "video", null, List.of(), p, null, List.copyOf(frames),
                framesWithFaces == 0 ? null : (float) (maxSum / framesWithFaces), List.copyOf(people));
    }

    /** A video's most suspicious person, or null for an image or a video without faces. */
    public PersonResult mostSuspiciousPerson() {
        return people == null ? null
                : people.stream().max(java.util.Comparator.comparingDouble(PersonResult::fakeProbability)).orElse(null);
    }

    /** This result with the file's SHA-256. */
    public FileResult withSha256(String digest) {
        return new FileResult(path, type, digest, faces, fakeProbability, error, frames, maxFacesProbability, people);
    }

    /** This result under another name (an upload's own name instead of where it was stored). */
    public FileResult withPath(String name, String scrubbedError) {
        return new FileResult(name, type, sha256, faces, fakeProbability, scrubbedError, frames, maxFacesProbability, people);
    }

    /** Whether scanning failed. */
    public boolean failed() {
        return error != null;
    }
}
