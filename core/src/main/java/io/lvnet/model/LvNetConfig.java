package io.lvnet.model;

/**
 * What defines an LVNet: its variant, input size and width. The default is the reference
 * (supervised, 299 px, width 1.0); {@link #compact()} is small enough to train on a laptop CPU.
 *
 * <p>Spatial sizes follow from the input size: the segmentation map is the size of the
 * stage-3..5 maps (19 for 299) and the classification grid that of stage 6 (10 for 299).
 */
public record LvNetConfig(Variant variant, int inputSize, double width, Ablation ablation) {
    /** The reference configuration. */
    public static final LvNetConfig REFERENCE = new LvNetConfig(Variant.SUPERVISED, 299, 1.0);

    public LvNetConfig {
        if (variant == null || ablation == null) {
            throw new IllegalArgumentException("variant and ablation are required");
        }
        if (inputSize < 64 || inputSize > 1024) {
            throw new IllegalArgumentException("input size must be in 64..1024, got " + inputSize);
        }
        new Channels(width); // validates the width
    }

    /** The full model (no ablation). */
    public LvNetConfig(Variant variant, int inputSize, double width) {
        this(variant, inputSize, width, Ablation.NONE);
    }

    /** 160 px, width 0.25: every module kept, about 60x cheaper than the reference. */
    public static LvNetConfig compact() {
        return new LvNetConfig(Variant.SUPERVISED, 160, 0.25);
    }

    /** The same configuration with another variant. */
    public LvNetConfig withVariant(Variant v) {
        return new LvNetConfig(v, inputSize, width, ablation);
    }

    /** The same configuration with parts switched off. */
    public LvNetConfig withAblation(Ablation a) {
        return new LvNetConfig(variant, inputSize, width, a);
    }

    /** Channel widths. */
    public Channels channels() {
        return new Channels(width);
    }

    /** Side of the map after Xception stage {@code k} (0..6): 150, 75, 38, 19, 19, 19, 10 for 299. */
    public int stageSize(int k) {
        int h = halve(inputSize);
        int steps = Math.min(k, 3) + (k == 6 ? 1 : 0);
        for (int i = 0; i < steps; i++) {
            h = halve(h);
        }
        return h;
    }

    /** Side of the patch (segmentation) map, S. */
    public int patchGrid() {
        return stageSize(3);
    }

    /** Side of the grid on which the classification branch fuses features. */
    public int fusionGrid() {
        return stageSize(6);
    }

    /** Window of multi-scale patch fusion for stage {@code k}: ceil(size / S). */
    public int fusionWindow(int k) {
        return (stageSize(k) + patchGrid() - 1) / patchGrid();
    }

    /** Channels of the segmentation head's input: the fused maps of stages 0..4 (with MPFF) plus stage 5. */
    public long segmentationChannels() {
        long c = channels().stage(5);
        for (int k = 0; k <= 4 && ablation.mpff(); k++) {
            c += (long) fusionWindow(k) * fusionWindow(k);
        }
        return c;
    }

    /** A 3x3 stride-2 convolution or max pool with padding 1. */
    private static int halve(int h) {
        return (h - 1) / 2 + 1;
    }
}
