package io.lvnet.data.prepare;

import io.lvnet.data.CompressionLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * FaceForensics++'s folder conventions, which its DeepFakeDetection part shares: a sequence
 * folder holds {@code <raw|c23|c40>/videos/*.mp4}; a manipulation's folder also holds
 * {@code masks/videos/<same name>.mp4}.
 */
final class FaceForensicsTree {
    /** FF++'s compression folders, in the order listed. */
    static final String[] LEVELS = {"raw", "c23", "c40"};

    private FaceForensicsTree() {
    }

    /** One video of a sequence folder and its compression level. */
    record LevelVideo(Path file, CompressionLevel level) {
    }

    /** Every video of every compression level present under a sequence folder. */
    static List<LevelVideo> videos(Path sequences) throws IOException {
        List<LevelVideo> out = new ArrayList<>();
        for (String level : LEVELS) {
            for (Path v : LayoutFiles.videos(sequences.resolve(level).resolve("videos"))) {
                out.add(new LevelVideo(v, CompressionLevel.of(level)));
            }
        }
        return out;
    }

    /** The folder of a manipulation's mask videos. */
    static Path maskFolder(Path method) {
        return method.resolve("masks").resolve("videos");
    }

    /** A fake's mask video, or null when there is none. */
    static Path maskVideo(Path method, Path video) {
        Path mask = maskFolder(method).resolve(video.getFileName().toString());
        return Files.isRegularFile(mask) ? mask : null;
    }
}
