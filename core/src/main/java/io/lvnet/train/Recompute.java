package io.lvnet.train;

import io.lvnet.model.StageMaps;
import java.util.Locale;

/**
 * Which stages a training step recomputes in backward instead of keeping their activations
 * (gradient checkpointing, stage by stage; see {@link ForwardBackward}). Every choice gives the
 * same gradients; they trade time for memory.
 */
public enum Recompute {
    /** Keep every activation: the fastest step, the most memory. */
    NONE,
    /**
     * Recompute stages 0..2 and their CMCE, the high-resolution part: a second forward of the
     * cheapest stages.
     */
    EARLY,
    /**
     * Recompute every stage of both streams: a second forward of the streams, and a step holds
     * the activations of only one stage, or of the fusions and heads, at a time.
     */
    ALL;

    /** The configuration's word for it: {@code none}, {@code early} or {@code all}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for a word that is none of {@code none}, {@code early}, {@code all}
     */
    public static Recompute of(String id) {
        for (Recompute r : values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("train.recompute must be none, early or all, not '" + id + "'");
    }

    /** Whether stage {@code k} is recomputed. */
    boolean covers(int k) {
        return this == ALL || this == EARLY && k < StageMaps.EARLY;
    }
}
