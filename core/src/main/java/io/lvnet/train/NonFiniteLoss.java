package io.lvnet.train;

import java.util.Locale;

/**
 * What a run does with a step whose loss or gradients are NaN or infinite ({@code
 * train.non_finite_loss}, {@code train.max_skipped_steps}). Such a step never updates the
 * weights: one NaN update makes every weight it reaches NaN for good. The run then stops, naming
 * the epoch and step (the default: a diverging run wastes no more time), or skips the step and
 * goes on, as long as an epoch skips no more than {@code maxSkippedPerEpoch} steps (an input
 * with a NaN costs one step, a diverged network every step).
 *
 * @param skip whether such steps are skipped rather than stopping the run
 * @param maxSkippedPerEpoch with {@code skip}, the steps an epoch may skip before the run stops
 */
public record NonFiniteLoss(boolean skip, int maxSkippedPerEpoch) {
    /** Stop at the first non-finite step. */
    public static final NonFiniteLoss STOP = new NonFiniteLoss(false, 0);
    /** The default cap on skipped steps per epoch. */
    public static final int DEFAULT_MAX_SKIPPED = 20;

    public NonFiniteLoss {
        if (maxSkippedPerEpoch < 0) {
            throw new IllegalArgumentException("max_skipped_steps must be >= 0, got " + maxSkippedPerEpoch);
        }
    }

    /**
     * The policy a configuration names.
     *
     * @param mode {@code stop} (also when null) or {@code skip}
     * @param maxSkipped the cap for {@code skip}; null for {@link #DEFAULT_MAX_SKIPPED}
     * @throws IllegalArgumentException for another mode, a negative cap, or a cap without {@code skip}
     */
    public static NonFiniteLoss parse(String mode, Integer maxSkipped) {
        String m = mode == null ? "stop" : mode.toLowerCase(Locale.ROOT);
        return switch (m) {
            case "stop" -> {
                if (maxSkipped != null) {
                    throw new IllegalArgumentException("max_skipped_steps only applies with non_finite_loss: skip");
                }
                yield STOP;
            }
            case "skip" -> new NonFiniteLoss(true, maxSkipped == null ? DEFAULT_MAX_SKIPPED : maxSkipped);
            default -> throw new IllegalArgumentException("non_finite_loss must be stop or skip, got '" + mode + "'");
        };
    }
}
