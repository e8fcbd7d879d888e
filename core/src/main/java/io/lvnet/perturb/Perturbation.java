package io.lvnet.perturb;

import io.lvnet.data.Raster;

/**
 * One perturbation at one level, such as JPEG at quality 50.
 *
 * @param kind what is done to the frame
 * @param level how strongly (see {@link PerturbationKind} for each kind's scale)
 */
public record Perturbation(PerturbationKind kind, double level) {
    /** Refuses levels the kind cannot take, with one line naming both. */
    public Perturbation {
        if (kind == null) {
            throw new IllegalArgumentException("no perturbation kind");
        }
        try {
            if (!Double.isFinite(level)) {
                kind.require(false, "levels must be finite numbers");
            }
            kind.check(level);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", got " + (Double.isFinite(level) ? kind.format(level) : level));
        }
    }

    /**
     * The perturbed frame.
     *
     * @param bgr an 8-bit, three-channel frame in OpenCV's BGR order; not modified
     * @param seed the source of any random draw (noise): the same seed gives the same frame
     * @return a new frame of the same size
     * @throws IllegalArgumentException if the frame does not have three channels
     */
    public Raster apply(Raster bgr, long seed) {
        if (bgr.channels() != 3) {
            throw new IllegalArgumentException("perturbations take three-channel frames, got " + bgr.channels());
        }
        return kind.apply(bgr, level, seed);
    }

    /** As written in a spec and in reports, e.g. {@code jpeg:50}. */
    @Override
    public String toString() {
        return kind.id() + ":" + kind.format(level);
    }
}
