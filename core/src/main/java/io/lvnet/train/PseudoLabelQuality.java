package io.lvnet.train;

/**
 * How well SSPSL's pseudo labels describe where fakes are forged, where the true masks are known
 * (the synthetic benchmark): over the fake faces' patches, how many were labelled forged, how many
 * of those are forged in truth (precision), and how many of the truly forged were found (recall).
 * The labels are those training computes and uses, batch by batch; the masks only score them.
 *
 * @param patches fake patches scored
 * @param labelled of those, labelled forged
 * @param forged of those, forged in truth (any pixel of the patch forged)
 * @param both labelled forged and forged in truth
 */
public record PseudoLabelQuality(long patches, long labelled, long forged, long both) {
    /** Nothing scored yet. */
    public static final PseudoLabelQuality NONE = new PseudoLabelQuality(0, 0, 0, 0);

    /** Both counts together. */
    public PseudoLabelQuality plus(PseudoLabelQuality other) {
        return other == null ? this
                : new PseudoLabelQuality(patches + other.patches, labelled + other.labelled, forged + other.forged, both + other.both);
    }

    /** Of the patches labelled forged, the share forged in truth; NaN when none was labelled. */
    public double precision() {
        return labelled == 0 ? Double.NaN : both / (double) labelled;
    }

    /** Of the truly forged patches, the share labelled forged; NaN when none is forged. */
    public double recall() {
        return forged == 0 ? Double.NaN : both / (double) forged;
    }

    /** The share of fake patches labelled forged; NaN when none was scored. */
    public double labelledShare() {
        return patches == 0 ? Double.NaN : labelled / (double) patches;
    }
}
