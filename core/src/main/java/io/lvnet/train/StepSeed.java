package io.lvnet.train;

import ai.djl.engine.Engine;
import java.util.Random;

/**
 * The randomness of one training step as a pure function of the run's seed and the step's
 * index, so that a resumed run draws exactly what the uninterrupted one would have drawn, and
 * nothing but (seed, step) needs saving: no generator state.
 *
 * <p>At the start of step {@code step}, {@link #seedEngine} reseeds the engine's generator
 * (what dropout and DJL's random operators draw from), and {@link #random} gives the step's
 * own Java generator for mixup and any other draw made on the host. Every random draw of a
 * step must come from one of the two; the data pipeline should likewise derive its draws from
 * (seed, sample) rather than keep a generator running across steps.
 *
 * @param runSeed the seed of the whole run
 * @param step the index of the step (0-based, counting optimizer updates)
 */
public record StepSeed(long runSeed, long step) {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** A well-mixed 64-bit value for this (seed, step) pair. */
    public long value() {
        return mix(runSeed + mix(step * GOLDEN_GAMMA + GOLDEN_GAMMA));
    }

    /** The seed handed to the engine: the mixed value folded to the int DJL accepts. */
    public int engineSeed() {
        long v = value();
        return (int) (v ^ (v >>> 32));
    }

    /** Reseeds the engine's generator (libtorch's default generator: dropout, random ops). */
    public void seedEngine() {
        Engine.getInstance().setRandomSeed(engineSeed());
    }

    /** The step's host generator, independent of the engine's stream. */
    public Random random() {
        return new Random(mix(value() ^ GOLDEN_GAMMA));
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
