package io.lvnet.data.prepare;

import io.lvnet.data.FaceDetectorChoice;
import io.lvnet.data.FrameSampling;
import java.util.Objects;

/**
 * How {@link Preparer} turns videos into face crops.
 *
 * @param sampling which frames of each video to take
 * @param size side length of the square crops written, in pixels
 * @param scale crop side over the face box's longer side (FF++: 1.3)
 * @param threads videos prepared at once (each with its own face detector)
 * @param detector the face detector
 */
public record PrepareOptions(FrameSampling sampling, int size, double scale, int threads, FaceDetectorChoice detector) {
    /** The usual crop side, as in the LVNet and Xception reference code. */
    public static final int DEFAULT_SIZE = 299;

    public PrepareOptions {
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(detector, "detector");
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("size must be between 16 and 4096 pixels, got " + size);
        }
        if (!(scale >= 1.0) || scale > 4.0) {
            throw new IllegalArgumentException("scale must be between 1 and 4, got " + scale);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** Options with the default face detector ({@link FaceDetectorChoice#DEFAULT}). */
    public PrepareOptions(FrameSampling sampling, int size, double scale, int threads) {
        this(sampling, size, scale, threads, FaceDetectorChoice.DEFAULT);
    }
}
