package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * The mirror image, image and masks together: a face's left and right swapped, which every
 * detector should score the same. Draws nothing; {@link Sometimes} decides which faces.
 */
public final class Mirror implements Transform {
    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return RandomFlip.flip(sample, RandomFlip.Mode.HORIZONTAL);
    }

    @Override
    public String toString() {
        return "Mirror";
    }
}
