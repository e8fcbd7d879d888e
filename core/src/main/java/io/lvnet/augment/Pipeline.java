package io.lvnet.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/** Applies transforms one after another, in order, all drawing from the same generator. */
public final class Pipeline implements Transform {
    private final List<Transform> steps;

    /**
     * @param steps the transforms, first applied first
     */
    public Pipeline(List<Transform> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * @param steps the transforms, first applied first
     * @return the pipeline
     */
    public static Pipeline of(Transform... steps) {
        return new Pipeline(List.of(steps));
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator random) {
        Sample current = sample;
        for (Transform step : steps) {
            current = step.apply(current, random);
        }
        return current;
    }

    /** @return the transforms, in order */
    public List<Transform> steps() {
        return steps;
    }

    @Override
    public String toString() {
        return "Pipeline" + steps;
    }
}
