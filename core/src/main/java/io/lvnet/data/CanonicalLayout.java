package io.lvnet.data;

import java.util.Locale;

/**
 * Where files go in a dataset folder in the canonical layout (relative paths, {@code /}
 * separated). {@code lvnet synth} and {@code lvnet prepare} both name files through these
 * methods, so that their outputs look alike:
 *
 * <pre>
 * DIR/index.csv                                           one row per frame image
 * DIR/dataset.json                                        what made the dataset, counts
 * DIR/frames/&lt;compression&gt;/&lt;method&gt;/&lt;video&gt;/&lt;frame&gt;.png      the frame images
 * DIR/masks/&lt;method&gt;/&lt;video&gt;/&lt;frame&gt;.png                   forgery masks of fakes
 * DIR/regions/&lt;method&gt;/&lt;video&gt;/&lt;frame&gt;_&lt;region&gt;.png         mouth, eyes, nose
 * </pre>
 *
 * and, for videos, FaceForensics++'s own layout:
 *
 * <pre>
 * DIR/original_sequences/youtube/&lt;raw|c23|c40&gt;/videos/&lt;video&gt;.mp4
 * DIR/manipulated_sequences/&lt;method&gt;/&lt;raw|c23|c40&gt;/videos/&lt;target&gt;_&lt;source&gt;.mp4
 * DIR/manipulated_sequences/&lt;method&gt;/masks/videos/&lt;target&gt;_&lt;source&gt;.mp4
 * </pre>
 *
 * Masks and regions do not depend on the compression level, so all levels of a frame share
 * them. Frame numbers have four digits ({@code 0007.png}).
 */
public final class CanonicalLayout {
    /** The index file. */
    public static final String INDEX = "index.csv";
    /** The description file. */
    public static final String DESCRIPTION = "dataset.json";
    /** The three reference regions, in the order the index lists them. */
    public static final String[] REGIONS = {"mouth", "eyes", "nose"};

    private CanonicalLayout() {
    }

    /** The image of a frame. */
    public static String frame(CompressionLevel compression, String method, String video, int frame) {
        return "frames/" + compression.id() + "/" + checked(method) + "/" + checked(video) + "/" + number(frame) + ".png";
    }

    /** The forgery mask of a (fake) frame. */
    public static String mask(String method, String video, int frame) {
        return "masks/" + checked(method) + "/" + checked(video) + "/" + number(frame) + ".png";
    }

    /**
     * The forgery mask of a fake frame whose crop depends on the compression level
     * ({@code masks/<compression>/<method>/<video>/<frame>.png}): {@code lvnet prepare} detects
     * the face in each level's video separately, so the crops, and with them the masks and
     * regions, of two levels need not match.
     */
    public static String mask(CompressionLevel compression, String method, String video, int frame) {
        return "masks/" + compression.id() + "/" + checked(method) + "/" + checked(video) + "/" + number(frame) + ".png";
    }

    /** All three region paths of a frame whose crop depends on the compression level (see {@link #mask(CompressionLevel, String, String, int)}). */
    public static FrameRecord.Regions regions(CompressionLevel compression, String method, String video, int frame) {
        String base = "regions/" + compression.id() + "/" + checked(method) + "/" + checked(video) + "/" + number(frame) + "_";
        return new FrameRecord.Regions(base + "mouth.png", base + "eyes.png", base + "nose.png");
    }

    /** A reference region of a frame ({@code mouth}, {@code eyes} or {@code nose}). */
    public static String region(String region, String method, String video, int frame) {
        return "regions/" + checked(method) + "/" + checked(video) + "/" + number(frame) + "_" + checked(region) + ".png";
    }

    /** All three region paths of a frame. */
    public static FrameRecord.Regions regions(String method, String video, int frame) {
        return new FrameRecord.Regions(region("mouth", method, video, frame), region("eyes", method, video, frame),
                region("nose", method, video, frame));
    }

    /** A video in FaceForensics++'s layout ({@code original} for real videos). */
    public static String video(String method, CompressionLevel compression, String video) {
        String base = FrameRecord.ORIGINAL.equals(method) ? "original_sequences/youtube"
                : "manipulated_sequences/" + checked(method);
        return base + "/" + compression.ffppName() + "/videos/" + checked(video) + ".mp4";
    }

    /** A fake video's mask video in FaceForensics++'s layout. */
    public static String maskVideo(String method, String video) {
        return "manipulated_sequences/" + checked(method) + "/masks/videos/" + checked(video) + ".mp4";
    }

    private static String number(int frame) {
        return String.format(Locale.ROOT, "%04d", frame);
    }

    /** Names become path segments: no separators, no dot-only names. */
    private static String checked(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("not usable as a file name: '" + name + "'");
        }
        return name;
    }
}
