package io.lvnet.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of LVNet's parts are switched off, to rerun the paper's ablation. The full model has
 * both streams, cross-modality consistency (CMCE), local forgery guided attention (LFGA) and
 * multi-scale patch fusion (MPFF). A single stream takes both roles (locate and verify) and
 * cannot use the two modules that couple streams. Switched-off parts keep their parameters,
 * so state dicts keep the reference's names.
 *
 * @param cmce whether CMCE couples the streams in stages 0..2
 * @param lfga whether LFGA steers the SRM stream in stages 3..5
 * @param mpff whether shallow RGB stages are fused into the segmentation features
 * @param streams which Xception streams run
 */
public record Ablation(boolean cmce, boolean lfga, boolean mpff, Streams streams) {
    /** Which streams run. */
    public enum Streams { BOTH, RGB_ONLY, SRM_ONLY }

    /** The full model. */
    public static final Ablation NONE = new Ablation(true, true, true, Streams.BOTH);

    public Ablation {
        if (streams != Streams.BOTH && (cmce || lfga)) {
            throw new IllegalArgumentException("a single stream has no CMCE or LFGA: switch them off too");
        }
    }

    /** One stream alone (CMCE and LFGA off). */
    public static Ablation singleStream(Streams which) {
        return new Ablation(false, false, true, which);
    }

    /** Whether anything is switched off. */
    public boolean any() {
        return !equals(NONE);
    }

    /** A compact text form for metadata: {@code none}, or e.g. {@code no-cmce,no-mpff,rgb-only}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (streams == Streams.BOTH) {
            if (!cmce) {
                parts.add("no-cmce");
            }
            if (!lfga) {
                parts.add("no-lfga");
            }
        }
        if (!mpff) {
            parts.add("no-mpff");
        }
        if (streams != Streams.BOTH) {
            parts.add(streams.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return parts.isEmpty() ? "none" : String.join(",", parts);
    }

    /** Parses {@link #describe()}'s form. */
    public static Ablation parse(String text) {
        boolean cmce = true;
        boolean lfga = true;
        boolean mpff = true;
        Streams streams = Streams.BOTH;
        for (String p : text.split(",")) {
            switch (p.trim()) {
                case "none", "" -> { }
                case "no-cmce" -> cmce = false;
                case "no-lfga" -> lfga = false;
                case "no-mpff" -> mpff = false;
                case "rgb-only" -> streams = Streams.RGB_ONLY;
                case "srm-only" -> streams = Streams.SRM_ONLY;
                default -> throw new IllegalArgumentException("unknown ablation '" + p + "' (no-cmce, no-lfga, no-mpff, rgb-only, srm-only)");
            }
        }
        if (streams != Streams.BOTH) {
            cmce = false;
            lfga = false;
        }
        return new Ablation(cmce, lfga, mpff, streams);
    }
}
