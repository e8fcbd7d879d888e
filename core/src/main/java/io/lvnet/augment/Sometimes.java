package io.lvnet.augment;

import java.util.random.RandomGenerator;

/**
 * Applies a transform with a given probability, otherwise passes the sample through. One
 * uniform draw decides; the wrapped transform draws its own parameters only when it runs.
 */
public final class Sometimes implements Transform {
    private final Transform transform;
    private final double probability;

    /**
     * @param transform the transform to apply
     * @param probability chance of applying it, in [0, 1]
     */
    public Sometimes(Transform transform, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        this.transform = transform;
        this.probability = probability;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return random.nextDouble() < probability ? transform.apply(sample, random) : sample;
    }

    /** @return the wrapped transform */
    public Transform transform() {
        return transform;
    }

    /** @return the chance of applying it */
    public double probability() {
        return probability;
    }

    @Override
    public String toString() {
        return transform + " with p " + probability;
    }
}
