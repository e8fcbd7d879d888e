package io.lvnet.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Applies exactly one of several transforms, chosen uniformly (the reference's
 * {@code OneOf}, whose children all have the same weight; the recipe wraps it in
 * {@link Sometimes} with probability 0.5, the reference's default).
 */
public final class OneOf implements Transform {
    private final List<Transform> choices;

    /**
     * @param choices the transforms to choose from; at least one
     */
    public OneOf(List<Transform> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("need at least one transform to choose from");
        }
        this.choices = List.copyOf(choices);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        return choices.get(random.nextInt(choices.size())).apply(sample, random);
    }

    /** @return the transforms chosen from */
    public List<Transform> choices() {
        return choices;
    }

    @Override
    public String toString() {
        return "OneOf" + choices;
    }
}
