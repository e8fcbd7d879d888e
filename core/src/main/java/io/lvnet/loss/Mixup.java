package io.lvnet.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.lvnet.model.layers.TensorOps;
import java.util.Random;
import java.util.function.Function;

/**
 * Mixup as the reference trains with it: with probability 0.5 draw lam ~ Beta(1, 1) (uniform),
 * else lam = 1; a batch is mixed with a random permutation of itself and every loss term
 * becomes {@code lam * L(targets) + (1 - lam) * L(permuted targets)}.
 *
 * @param lam the mixing weight of the original batch
 * @param permutation the partner of each sample
 */
public record Mixup(double lam, long[] permutation) {

    /** Draws lam and a permutation of a batch of {@code batchSize}. */
    public static Mixup draw(Random random, int batchSize) {
        double lam = random.nextDouble() < 0.5 ? random.nextDouble() : 1.0;
        long[] perm = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            perm[i] = i;
        }
        for (int i = batchSize - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return new Mixup(lam, perm);
    }

    /** No mixing: lam = 1 and the identity permutation. */
    public static Mixup none(int batchSize) {
        long[] perm = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            perm[i] = i;
        }
        return new Mixup(1.0, perm);
    }

    /** Whether this mixes anything. */
    public boolean active() {
        return lam < 1.0;
    }

    /** The batch reordered by the permutation (first axis). */
    public NDArray permute(NDArray batch) {
        NDManager m = batch.getManager();
        return batch.get(m.create(permutation));
    }

    /** {@code lam * x + (1 - lam) * permute(x)}: mixed images or masks. */
    public NDArray mix(NDArray batch) {
        return active() ? TensorOps.multiply(batch, lam).add(TensorOps.multiply(permute(batch), 1 - lam)) : batch;
    }

    /** The mixup form of a loss term that depends on the targets. */
    public NDArray loss(Function<NDArray, NDArray> termForTargets, NDArray targets) {
        NDArray plain = termForTargets.apply(targets);
        return active()
                ? TensorOps.multiply(plain, lam).add(TensorOps.multiply(termForTargets.apply(permute(targets)), 1 - lam))
                : plain;
    }
}
