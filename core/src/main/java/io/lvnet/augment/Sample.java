package io.lvnet.augment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One training sample as the augmentations see it: an 8-bit RGB image, row-major with the
 * channels interleaved ({@code height * width * 3} bytes), and zero or more named 8-bit masks
 * of the same height and width ({@code height * width} bytes each, normally {0, 255}): the
 * forgery mask and the reference-region masks.
 *
 * <p>A sample is immutable: the public factories copy the arrays given and the accessors
 * return copies, so one sample can be read by many threads. Transforms never modify a sample;
 * they return a new one.
 */
public final class Sample {
    private final int height;
    private final int width;
    private final byte[] rgb;
    private final Map<String, byte[]> masks;

    private Sample(int height, int width, byte[] rgb, Map<String, byte[]> masks) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
        }
        long plane = (long) height * width;
        if (rgb.length != plane * 3) {
            throw new IllegalArgumentException("expected " + plane * 3 + " bytes for a " + height + "x"
                    + width + " RGB image, got " + rgb.length);
        }
        for (Map.Entry<String, byte[]> mask : masks.entrySet()) {
            if (mask.getValue().length != plane) {
                throw new IllegalArgumentException("mask '" + mask.getKey() + "' has "
                        + mask.getValue().length + " bytes, expected " + plane + " for " + height + "x" + width);
            }
        }
        this.height = height;
        this.width = width;
        this.rgb = rgb;
        this.masks = masks;
    }

    /**
     * A sample without masks (a real face needs none: its forgery mask is all zero anyway).
     *
     * @param height image height in pixels
     * @param width image width in pixels
     * @param rgb {@code height * width * 3} bytes, RGB interleaved, row-major; copied
     * @return the sample
     * @throws IllegalArgumentException if the sizes do not agree
     */
    public static Sample of(int height, int width, byte[] rgb) {
        return of(height, width, rgb, Map.of());
    }

    /**
     * A sample with named masks, transformed together with the image by geometric transforms.
     *
     * @param height image height in pixels
     * @param width image width in pixels
     * @param rgb {@code height * width * 3} bytes, RGB interleaved, row-major; copied
     * @param masks name to {@code height * width} bytes, row-major; copied, kept in the map's
     *     iteration order
     * @return the sample
     * @throws IllegalArgumentException if the sizes do not agree
     */
    public static Sample of(int height, int width, byte[] rgb, Map<String, byte[]> masks) {
        Map<String, byte[]> copies = new LinkedHashMap<>();
        masks.forEach((name, mask) -> copies.put(name, mask.clone()));
        return owning(height, width, rgb.clone(), copies);
    }

    /** Wraps arrays without copying them; for transforms, which never write an array they hand over. */
    static Sample owning(int height, int width, byte[] rgb, Map<String, byte[]> masks) {
        return new Sample(height, width, rgb, Collections.unmodifiableMap(masks));
    }

    /** The same masks with a new image of the same size; for the image-only transforms. */
    Sample withRgb(byte[] newRgb) {
        return new Sample(height, width, newRgb, masks);
    }

    /** @return image height in pixels */
    public int height() {
        return height;
    }

    /** @return image width in pixels */
    public int width() {
        return width;
    }

    /** @return a copy of the image: {@code height * width * 3} bytes, RGB interleaved */
    public byte[] rgb() {
        return rgb.clone();
    }

    /** @return the mask names, in the order they were given */
    public Set<String> maskNames() {
        return masks.keySet();
    }

    /**
     * @param name a mask name
     * @return a copy of the mask: {@code height * width} bytes
     * @throws IllegalArgumentException if the sample has no mask of that name
     */
    public byte[] mask(String name) {
        return maskData(name).clone();
    }

    /** The image array itself, not copied; callers in this package never write to it. */
    byte[] rgbData() {
        return rgb;
    }

    /** The mask arrays themselves, not copied; callers in this package never write to them. */
    Map<String, byte[]> maskData() {
        return masks;
    }

    byte[] maskData(String name) {
        byte[] mask = masks.get(name);
        if (mask == null) {
            throw new IllegalArgumentException("no mask named '" + name + "'; masks: " + masks.keySet());
        }
        return mask;
    }

    @Override
    public String toString() {
        return "Sample[" + height + "x" + width + ", masks " + masks.keySet() + "]";
    }
}
