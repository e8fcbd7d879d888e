package io.lvnet.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Whether a file is scanned as an image or a video, from its extension. */
public enum MediaType {
    IMAGE, VIDEO;

    /** Extensions read as videos (FFmpeg). */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "avi", "webm", "mkv", "m4v", "mpg", "mpeg");

    /** The type of {@code file}: a video when its extension is a video's, else an image. */
    public static MediaType of(Path file) {
        return VIDEO_EXTENSIONS.contains(extension(file)) ? VIDEO : IMAGE;
    }

    static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name used in reports. */
    public String label() {
        return this == IMAGE ? "image" : "video";
    }
}
