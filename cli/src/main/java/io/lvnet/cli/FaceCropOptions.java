package io.lvnet.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a scan finds and crops faces, as {@code detect} and the Spark scan take it: {@code --face},
 * {@code --largest}, {@code --crop-scale}, {@code --align} (one spelling everywhere; {@code prepare} takes the
 * crop scale under the same name).
 */
public final class FaceCropOptions {
    /** How faces are found. */
    public enum FaceMode {
        /** Found by the face detector. */
        detect,
        /** Each picture is taken as an aligned face crop. */
        none
    }

    @Option(names = "--face", defaultValue = "detect", paramLabel = "MODE",
            description = "How faces are found: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FaceMode face;

    @Option(names = "--largest", description = "Keep only the largest face of each picture.")
    boolean largest;

    @Option(names = "--crop-scale", defaultValue = "1.3", paramLabel = "S",
            description = "Side of the square crop as a multiple of the face box (default: ${DEFAULT-VALUE}).")
    double cropScale;

    @Mixin
    AlignOption alignment;

    /** Whether each picture is taken as it is ({@code --face none}). */
    public boolean wholeImage() {
        return face == FaceMode.none;
    }

    /**
     * {@code --align}.
     *
     * @throws IllegalArgumentException with {@code --face none}, whose pictures are crops already
     */
    public boolean align() {
        if (alignment.align() && wholeImage()) {
            throw new IllegalArgumentException("--align needs faces to find: not with --face none");
        }
        return alignment.align();
    }

    /** {@code --largest}. */
    public boolean largest() {
        return largest;
    }

    /**
     * {@code --crop-scale}.
     *
     * @throws IllegalArgumentException unless positive
     */
    public double cropScale() {
        if (!(cropScale > 0)) {
            throw new IllegalArgumentException("--crop-scale must be positive, not " + cropScale);
        }
        return cropScale;
    }
}
