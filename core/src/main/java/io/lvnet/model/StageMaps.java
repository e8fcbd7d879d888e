package io.lvnet.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The maps LVNet's stages hand on, stage by stage: the locate (RGB) stream's stages 0..5 and
 * the verify (SRM) stream's stages 0..6, after the module that couples them at that stage (CMCE
 * in stages 0..2, LFGA in 3..5). Stage {@code k} reads only stage {@code k - 1}'s maps (stage 0
 * the faces), which is what lets training recompute one stage at a time. With a single stream
 * both sides are the same maps.
 */
public final class StageMaps {
    /** Number of stages: 0..6. */
    public static final int COUNT = 7;
    /** Stages 0..2, coupled by CMCE: the high-resolution ones. */
    public static final int EARLY = 3;

    private final NDArray[] rgb = new NDArray[COUNT];
    private final NDArray[] noise = new NDArray[COUNT];

    /** No stage computed yet. */
    public StageMaps() {
    }

    /**
     * What stage {@code k} reads, and nothing else: stage {@code k - 1}'s maps of {@code this},
     * shared, not copied ({@code k = 0}: none).
     */
    public StageMaps inputsOf(int k) {
        StageMaps in = new StageMaps();
        if (k > 0) {
            in.set(k - 1, rgb[k - 1], noise[k - 1]);
        }
        return in;
    }

    /** The locate stream's stage {@code k}, null where not computed (stage 6 never is). */
    public NDArray rgb(int k) {
        return rgb[k];
    }

    /** The verify stream's stage {@code k}, null where not computed. */
    public NDArray noise(int k) {
        return noise[k];
    }

    /** Sets stage {@code k}'s maps (the same array twice for a single stream; rgb null at stage 6). */
    public void set(int k, NDArray rgbMap, NDArray noiseMap) {
        rgb[k] = rgbMap;
        noise[k] = noiseMap;
    }

    /** Stage {@code k}'s maps, each once: locate's, then verify's unless it is the same array. */
    public List<NDArray> of(int k) {
        List<NDArray> out = new ArrayList<>(2);
        if (rgb[k] != null) {
            out.add(rgb[k]);
        }
        if (noise[k] != null && noise[k] != rgb[k]) {
            out.add(noise[k]);
        }
        return out;
    }

    /** Every computed map once, stage by stage. */
    public List<NDArray> distinct() {
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<NDArray> out = new ArrayList<>();
        for (int k = 0; k < COUNT; k++) {
            for (NDArray a : of(k)) {
                if (seen.add(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }
}
