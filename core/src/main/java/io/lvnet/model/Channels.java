package io.lvnet.model;

/**
 * Channel widths of every part of LVNet, the reference's scaled by a width multiplier (1.0 is
 * the reference). Scaling keeps every module; it only makes the network thinner.
 */
public record Channels(double width) {
    private static final int[] STAGE = {64, 128, 256, 728, 728, 728, 2048};

    public Channels {
        if (!(width > 0 && width <= 1.0)) {
            throw new IllegalArgumentException("width must be in (0, 1], got " + width);
        }
    }

    private long scale(int reference) {
        return Math.max(4, Math.round(reference * width));
    }

    /** Channels after Xception's first convolution (32). */
    public long entry() {
        return scale(32);
    }

    /** Channels of Xception stage {@code k} (0..6): 64, 128, 256, 728, 728, 728, 2048. */
    public long stage(int k) {
        return scale(STAGE[k]);
    }

    /** Output channels of the exit block (1024). */
    public long exitBlock() {
        return scale(1024);
    }

    /** Channels between the exit flow's separable convolutions (1536). */
    public long exitMiddle() {
        return scale(1536);
    }

    /** Channels of the segmentation score convolutions (512). */
    public long score() {
        return scale(512);
    }

    /** Hidden width of the Hadamard bilinear fusion (2048). */
    public long fusionHidden() {
        return scale(2048);
    }

    /** Output width of the Hadamard bilinear fusion (4096). */
    public long fusionOut() {
        return scale(4096);
    }

    /** Channels of the semi-supervised projection (256). */
    public long projection() {
        return scale(256);
    }

    /** Channels of the query and key of local forgery guided attention (stage-3 channels / 4). */
    public long attentionKey() {
        return stage(3) / 4;
    }

    /** Channels of the SRM-stream features that the classification fusion pools (1904). */
    public long pooledSrm() {
        return stage(0) + stage(1) + stage(2) + stage(3) + stage(5);
    }
}
