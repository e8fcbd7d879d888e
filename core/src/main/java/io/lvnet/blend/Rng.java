package io.lvnet.blend;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The one source of randomness for synthetic data. Every stream is derived from the run's
 * seed and a name plus index ({@link #derive}), never from a shared generator, so that a clip's
 * content does not depend on which thread rendered it or in which order: same seed, same bytes.
 * OpenCV's own random functions are never used for the same reason (their state is global).
 */
public final class Rng {
    private final SplittableRandom random;

    /** A stream seeded directly. */
    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * The stream for one purpose and index under a run seed, e.g. {@code derive(seed,
     * "identity", 7)}: independent of every other (purpose, index) pair.
     */
    public static Rng derive(long seed, String purpose, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i));
        }
        return new Rng(mix(h ^ mix(index + 0x632BE59BD9B4E019L)));
    }

    /** A child stream for a sub-task; advances this stream by one draw. */
    public Rng child(String purpose, long index) {
        return derive(random.nextLong(), purpose, index);
    }

    /** SplitMix64's finaliser: a bijective scramble of 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [lo, hi)}. */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in {@code [0, n)}. */
    public int nextInt(int n) {
        return random.nextInt(n);
    }

    /** Uniform integer in {@code [lo, hi]}. */
    public int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Standard normal, by Box-Muller so that the sequence does not depend on the JDK. */
    public double gaussian() {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** {@code +1} or {@code -1} with equal probability. */
    public int sign() {
        return random.nextBoolean() ? 1 : -1;
    }

    /** A raw 64-bit draw, for seeding. */
    public long nextLong() {
        return random.nextLong();
    }

    /** One element, uniformly. */
    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** One element, uniformly. */
    public double[] pick(double[][] items) {
        return items[random.nextInt(items.length)];
    }
}
