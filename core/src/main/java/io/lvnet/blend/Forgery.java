package io.lvnet.blend;


import io.lvnet.data.Raster;

/**
 * A forged frame.
 *
 * @param image the fake frame, before compression; equal to the real frame wherever
 *     {@code weight} is 0
 * @param weight per pixel, how much of the manipulated content was blended in (0..1), row-major
 * @param regions the reference regions of the face as it now looks, or null where unknown
 */
public record Forgery(Raster image, float[] weight, RenderedFrame.Regions regions) {
}
