package io.lvnet.augment;

import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;

/**
 * Flips image and masks horizontally, vertically or both, each with probability 1/3 (the
 * reference's {@code Flip}; the recipe applies it with probability 0.5). A flip only permutes
 * pixels, so masks stay exactly binary and aligned.
 */
public final class RandomFlip implements Transform {
    /** Which way to flip; the codes are OpenCV's {@code flip} codes. */
    public enum Mode {
        /** Upside down: row {@code y} goes to {@code height - 1 - y}. */
        VERTICAL(0),
        /** Mirror: column {@code x} goes to {@code width - 1 - x}. */
        HORIZONTAL(1),
        /** Both, the same as a 180-degree rotation. */
        BOTH(-1);

        private final int openCvCode;

        Mode(int openCvCode) {
            this.openCvCode = openCvCode;
        }
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return flip(sample, drawMode(random));
    }

    /** Each mode with probability 1/3, as the reference's {@code randint(-1, 1)}. */
    static Mode drawMode(RandomGenerator random) {
        return Mode.values()[random.nextInt(3)];
    }

    /**
     * Flips image and masks.
     *
     * @param sample the input
     * @param mode the flip
     * @return the flipped sample
     */
    public static Sample flip(Sample sample, Mode mode) {
        return Geometry.apply(sample, (src, dst, mask) -> opencv_core.flip(src, dst, mode.openCvCode));
    }

    @Override
    public String toString() {
        return "RandomFlip";
    }
}
