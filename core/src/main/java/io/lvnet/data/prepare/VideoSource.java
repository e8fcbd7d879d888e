package io.lvnet.data.prepare;

import io.lvnet.data.CompressionLevel;
import io.lvnet.data.FrameRecord;
import io.lvnet.data.Split;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One input of {@code lvnet prepare}: a video (or a still image) of a data set, what it shows
 * and where it goes.
 *
 * @param file the video or image file
 * @param maskVideo for a fake, its forgery-mask video (same frames, white where forged), or
 *     null where the data set has none (the mask is then unknown)
 * @param label 0 real, 1 fake
 * @param method {@link FrameRecord#ORIGINAL} for real videos, else the manipulation's name
 * @param compression the file's compression level
 * @param split train, val or test
 * @param video the video's name in the output (one path segment; FF++ fakes are
 *     {@code target_source})
 * @param identity the person shown (for a fake: the target)
 * @param sourceIdentity for a fake, the person put in, or null
 */
public record VideoSource(Path file, Path maskVideo, int label, String method, CompressionLevel compression,
        Split split, String video, String identity, String sourceIdentity) {

    /** Extensions read as still images rather than videos. */
    public static final java.util.Set<String> IMAGE_EXTENSIONS = java.util.Set.of("png", "jpg", "jpeg", "bmp", "webp");

    public VideoSource {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(identity, "identity");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
    }

    /** Whether this is a fake. */
    public boolean fake() {
        return label == 1;
    }

    /** Whether the file is a still image (by extension), read as a one-frame video. */
    public boolean image() {
        return IMAGE_EXTENSIONS.contains(extension(file));
    }

    /** A stable key naming this source among all of a run: {@code compression/method/video}. */
    public String key() {
        return compression.id() + "/" + method + "/" + video;
    }

    static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
