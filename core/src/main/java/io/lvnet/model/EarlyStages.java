package io.lvnet.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The maps LVNet's early stages hand on: stages 0..2 of the locate (RGB) and verify (SRM)
 * streams after cross-modality consistency. With a single stream both sides are the same maps.
 */
public final class EarlyStages {
    /** Number of early stages. */
    public static final int COUNT = 3;

    private final NDArray[] rgb;
    private final NDArray[] noise;

    /**
     * @param rgb the locate stream's stages 0..2
     * @param noise the verify stream's stages 0..2
     */
    public EarlyStages(NDArray[] rgb, NDArray[] noise) {
        if (rgb.length != COUNT || noise.length != COUNT) {
            throw new IllegalArgumentException("early stages are " + COUNT + " per stream");
        }
        this.rgb = rgb.clone();
        this.noise = noise.clone();
    }

    /** The locate stream's stage {@code k}. */
    public NDArray rgb(int k) {
        return rgb[k];
    }

    /** The verify stream's stage {@code k}. */
    public NDArray noise(int k) {
        return noise[k];
    }

    /** Every map once (a single stream shares its maps between both sides). */
    public List<NDArray> distinct() {
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<NDArray> out = new ArrayList<>();
        for (NDArray[] side : new NDArray[][] {rgb, noise}) {
            for (NDArray a : side) {
                if (seen.add(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
