package io.lvnet.synth;

import io.lvnet.data.CompressionLevel;
import java.util.List;

/**
 * What {@code lvnet synth} generates.
 *
 * @param identities how many people (at least 2); split 70/15/15 by identity once there are 6
 * @param videosPerIdentity real videos per person
 * @param frames frames per video
 * @param size frame side length in pixels
 * @param seed everything random derives from it
 * @param compressions the compression levels to write (each frame once per level)
 * @param methods the manipulations; every real video gets one fake per method
 * @param videos whether to keep the mp4 videos in FaceForensics++'s layout (compressed frames
 *     are decoded from the videos either way)
 * @param threads how many clips to generate at once
 */
public record SynthOptions(int identities, int videosPerIdentity, int frames, int size, long seed,
        List<CompressionLevel> compressions, List<Method> methods, boolean videos, int threads) {

    public SynthOptions {
        if (identities < 2) {
            throw new IllegalArgumentException("need at least 2 identities (a fake needs a source person), got "
                    + identities);
        }
        if (videosPerIdentity < 1 || frames < 1) {
            throw new IllegalArgumentException("videos and frames must be at least 1");
        }
        if (size < 64 || size > 2048) {
            throw new IllegalArgumentException("size must be between 64 and 2048 pixels, got " + size);
        }
        if (compressions.isEmpty()) {
            throw new IllegalArgumentException("need at least one compression level");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        compressions = List.copyOf(compressions.stream().distinct().sorted().toList());
        methods = List.copyOf(methods.stream().distinct().sorted().toList());
    }

    /** Small defaults: 12 identities, 2 videos each, 8 frames, 299 px, all levels and methods. */
    public static SynthOptions defaults() {
        return new SynthOptions(12, 2, 8, 299, 1, List.of(CompressionLevel.values()), List.of(Method.values()), true,
                Runtime.getRuntime().availableProcessors());
    }

    /** How many frame images the run writes. */
    public long frameImages() {
        return (long) identities * videosPerIdentity * frames * (1 + methods.size()) * compressions.size();
    }
}
