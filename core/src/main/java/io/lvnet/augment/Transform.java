package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * One augmentation step. Implementations draw every random choice from the generator passed
 * in and keep no mutable state, so the same generator state gives the same output and one
 * instance can serve many threads at once (each with its own generator).
 */
@FunctionalInterface
public interface Transform {
    /**
     * Applies the transform.
     *
     * @param sample the input; not modified
     * @param random the source of every random draw, for example a {@link java.util.Random}
     *     or a {@link java.util.SplittableRandom} seeded per sample
     * @return the transformed sample (possibly {@code sample} itself when nothing changes)
     */
    Sample apply(Sample sample, RandomGenerator random);
}
