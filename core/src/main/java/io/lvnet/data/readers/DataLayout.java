package io.lvnet.data.readers;

import java.util.Locale;

/** How prepared face frames are laid out on disk: which reader opens them. */
public enum DataLayout {
    /** lvnet's own ({@code index.csv}; from {@code lvnet synth} and {@code lvnet prepare}). */
    CANONICAL,
    /** The LVNet reference's {@code face | mask | mask} images with FF++ pair lists ({@link CompositeDataset}). */
    COMPOSITE,
    /** DeepfakeBench's preprocessed frames, masks and landmarks with its dataset JSON ({@link DeepfakeBenchDataset}). */
    DEEPFAKEBENCH;

    /** The name used in configurations and options: {@code canonical}, {@code composite}, {@code deepfakebench}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()} (any case). */
    public static DataLayout of(String id) {
        for (DataLayout l : values()) {
            if (l.id().equalsIgnoreCase(id.strip())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown data layout '" + id + "' (expected canonical, composite or deepfakebench)");
    }
}
