package io.lvnet.augment;

import java.util.Map;
import java.util.Set;

/**
 * A sample ready for the network: the image normalised to {@code (v / 255 - 0.5) / 0.5},
 * float32, channels first ({@code 3 x size x size}), and the masks at the same size,
 * {@code size x size} bytes each, still binary. The arrays are this object's alone and
 * are returned without copying, so that a loader can move them into a batch cheaply.
 */
public final class AugmentedSample {
    private final int size;
    private final float[] image;
    private final Map<String, byte[]> masks;

    AugmentedSample(int size, float[] image, Map<String, byte[]> masks) {
        this.size = size;
        this.image = image;
        this.masks = masks;
    }

    /** @return side length of the image and masks */
    public int size() {
        return size;
    }

    /** @return {@code 3 * size * size} floats in [-1, 1]: the R plane, G plane, B plane */
    public float[] image() {
        return image;
    }

    /** @return the mask names, in the input sample's order */
    public Set<String> maskNames() {
        return masks.keySet();
    }

    /**
     * @param name a mask name
     * @return {@code size * size} bytes, row-major
     * @throws IllegalArgumentException if there is no mask of that name
     */
    public byte[] mask(String name) {
        byte[] mask = masks.get(name);
        if (mask == null) {
            throw new IllegalArgumentException("no mask named '" + name + "'; masks: " + masks.keySet());
        }
        return mask;
    }

    /**
     * A mask as the losses take it.
     *
     * @param name a mask name
     * @return {@code size * size} floats, 1 where the mask is non-zero, else 0
     */
    public float[] maskAsFloats(String name) {
        byte[] mask = mask(name);
        float[] out = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = mask[i] != 0 ? 1f : 0f;
        }
        return out;
    }
}
